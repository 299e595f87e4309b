import type { FastifyRequest, FastifyServerOptions } from "fastify";

// What people typed never reaches the log. Fastify logs each request's URL, and a failed query's error
// (drizzle's DrizzleQueryError) carries the query's parameters, which are the submitted values: names,
// e-mail addresses, narrative text. So the log gets the URL with every query-string value masked, and
// errors with their SQL and codes but never their parameters or the values databases quote in messages.

const HIDDEN = "[hidden]";

/** "/p/x/audit?entityType=Jane&entityId=3" → "/p/x/audit?entityType=[hidden]&entityId=[hidden]" */
export function maskedUrl(url: string): string {
  const at = url.indexOf("?");
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split("&")
    .filter(Boolean)
    .map((pair) => `${pair.split("=")[0]}=${HIDDEN}`);
  return `${url.slice(0, at)}?${names.join("&")}`;
}

/**
 * A message without the values it quotes: a database's ("invalid input syntax for type integer: "x"",
 * "Key (email)=(…)"), a failed query's parameters, and the body JSON.parse quotes when a request's
 * JSON is broken (`Unexpected token 'J', "Jane Smith" is not valid JSON`).
 */
function maskedMessage(message: string): string {
  return message
    .replace(/"(?:[^"\\\n]|\\.)*"(?=(?:\.\.\.)? is not valid JSON)/g, `"${HIDDEN}"`)
    .replace(/(Unexpected (?:token|character)) '[^'\n]*'/g, `$1 '${HIDDEN}'`)
    .replace(/\nparams: [\s\S]*?(?=\n {4}at |\ncaused by: |$)/g, `\nparams: ${HIDDEN}`)
    .replace(/^params: .*$/gm, `params: ${HIDDEN}`)
    .replace(/(invalid input (?:syntax|value) for [^:\n]*): [^\n]*/g, `$1: ${HIDDEN}`)
    .replace(/(Key \([^)]*\))=\([^\n]*\)/g, `$1=(${HIDDEN})`);
}

interface SerializedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
  code?: string;
  statusCode?: number;
  query?: string;
  cause?: SerializedError;
}

export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: HIDDEN, stack: "" };
  const { code, statusCode, query, cause } = error as Error & {
    code?: unknown;
    statusCode?: unknown;
    query?: unknown;
    cause?: unknown;
  };
  return {
    type: error.constructor?.name ?? error.name,
    message: maskedMessage(error.message),
    stack: maskedMessage(error.stack ?? ""),
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof statusCode === "number" ? { statusCode } : {}),
    ...(typeof query === "string" ? { query } : {}),
    ...(cause !== undefined && depth < 3 ? { cause: serializeError(cause, depth + 1) } : {}),
  };
}

export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: maskedUrl(request.url),
      route: request.routeOptions?.url,
      host: request.host,
      remoteAddress: request.ip,
    };
  },
  err: serializeError,
};

/** The app's logger options with these serializers (a logger turned off stays off). */
export function withLogSerializers(logger: FastifyServerOptions["logger"]): FastifyServerOptions["logger"] {
  if (!logger) return logger;
  const options = logger === true ? {} : logger;
  return { ...options, serializers: { ...options.serializers, ...logSerializers } };
}
