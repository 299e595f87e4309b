// A stand-in for GOV.UK Notify's API on 127.0.0.1 (node:http), answering as its documentation says:
// POST /v2/notifications/email, GET /v2/notifications?reference=… and GET /v2/notifications/{id},
// each with Notify's JWT bearer authentication checked (HS256 signed with the key's secret, `iss` the
// service id, `iat` within 30 seconds), 201 with Notify's response body, and its error bodies
// (`{"status_code": …, "errors": [{"error": "…", "message": "…"}]}`) for 400, 403, 429 and 500.
// The real service is never called.

import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { NotifyConfig } from "../../src/config.ts";

export const SERVICE_ID = "5d1f2b8e-3c4a-4e6f-9b7d-2a8c1e0f3b6d";
export const SECRET = "9a7c3e1f-6b2d-4f8a-8c5e-1d3b7f9a2c4e";
export const TEMPLATE_ID = "2c6e8a0b-4d1f-4b3a-9e7c-5f2a8d1b6c3e";
/** A key as Notify shows it: its name, the service id, the secret. */
export const API_KEY = `waymark_test_key-${SERVICE_ID}-${SECRET}`;

export interface NotifyError {
  status: number;
  error: string;
  message: string;
}

export const NOTIFY_ERRORS = {
  teamOnly: {
    status: 400,
    error: "BadRequestError",
    message: "Can't send to this recipient using a team-only API key",
  },
  rateLimit: {
    status: 429,
    error: "RateLimitError",
    message: "Exceeded rate limit for key type TEAM of 3000 requests per 60 seconds",
  },
  internal: { status: 500, error: "Exception", message: "Internal server error" },
} satisfies Record<string, NotifyError>;

export interface StoredNotification {
  id: string;
  reference: string | null;
  email_address: string;
  template_id: string;
  personalisation: Record<string, string>;
  email_reply_to_id: string | null;
  status: string;
  created_at: string;
}

export interface FakeNotify {
  url: string;
  /** Every notification accepted (201), in order. */
  accepted: StoredNotification[];
  /** Answers for the next POSTs, taken one at a time before anything else is checked. */
  nextAnswers: NotifyError[];
  /** Addresses answered with this error (e.g. a team key's non-member). */
  refuse: Map<string, NotifyError>;
  /** Requests refused for their authentication (403), with the reason. */
  authFailures: string[];
  /** Every request's method and path. */
  requests: string[];
  settings(overrides?: Partial<NotifyConfig>): NotifyConfig;
  close(): Promise<void>;
}

function base64url(buffer: Buffer): string {
  return buffer.toString("base64").replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/** Notify's check of the bearer token; the reason when it fails. */
function authProblem(header: string | undefined): string | undefined {
  const token = header?.match(/^Bearer (.+)$/)?.[1];
  if (!token) return "Unauthorized: authentication token must be provided";
  const [head, body, signature, ...rest] = token.split(".");
  if (!head || !body || !signature || rest.length > 0) return "Invalid token: not a JWT";
  const expected = base64url(createHmac("sha256", SECRET).update(`${head}.${body}`).digest());
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
    return "Invalid token: signature, api token not found";
  }
  const header64 = JSON.parse(Buffer.from(head, "base64url").toString("utf8")) as { alg?: string };
  if (header64.alg !== "HS256") return "Invalid token: algorithm used is not HS256";
  const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as {
    iss?: string;
    iat?: number;
  };
  if (claims.iss !== SERVICE_ID) return "Invalid token: service not found";
  if (typeof claims.iat !== "number" || Math.abs(Date.now() / 1000 - claims.iat) > 30) {
    return "Error: Your system clock must be accurate to within 30 seconds";
  }
  return undefined;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, e: NotifyError): void {
  send(response, e.status, { status_code: e.status, errors: [{ error: e.error, message: e.message }] });
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
}

export async function startFakeNotify(): Promise<FakeNotify> {
  const accepted: StoredNotification[] = [];
  const nextAnswers: NotifyError[] = [];
  const refuse = new Map<string, NotifyError>();
  const authFailures: string[] = [];
  const requests: string[] = [];
  let origin = "";

  const asListed = (n: StoredNotification) => ({
    id: n.id,
    reference: n.reference,
    email_address: n.email_address,
    type: "email",
    status: n.status,
    template: { id: n.template_id, version: 1, uri: `${origin}/v2/template/${n.template_id}` },
    body: n.personalisation.body,
    subject: n.personalisation.subject,
    created_at: n.created_at,
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", origin);
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    const problem = authProblem(request.headers.authorization);
    if (problem) {
      authFailures.push(problem);
      sendError(response, { status: 403, error: "AuthError", message: problem });
      return;
    }
    if (request.method === "POST" && url.pathname === "/v2/notifications/email") {
      const body = await readJson(request);
      const forced = nextAnswers.shift();
      if (forced) return sendError(response, forced);
      const email = String(body.email_address ?? "");
      const refused = refuse.get(email.toLowerCase());
      if (refused) return sendError(response, refused);
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
        return sendError(response, {
          status: 400,
          error: "ValidationError",
          message: "email_address Not a valid email address",
        });
      }
      if (body.template_id !== TEMPLATE_ID) {
        return sendError(response, { status: 400, error: "BadRequestError", message: "Template not found" });
      }
      const personalisation = (body.personalisation ?? {}) as Record<string, string>;
      const missing = ["subject", "body"].filter((key) => typeof personalisation[key] !== "string");
      if (missing.length > 0) {
        return sendError(response, {
          status: 400,
          error: "BadRequestError",
          message: `Missing personalisation: ${missing.join(", ")}`,
        });
      }
      const stored: StoredNotification = {
        id: randomUUID(),
        reference: typeof body.reference === "string" ? body.reference : null,
        email_address: email,
        template_id: TEMPLATE_ID,
        personalisation,
        email_reply_to_id: typeof body.email_reply_to_id === "string" ? body.email_reply_to_id : null,
        status: "created",
        created_at: new Date().toISOString(),
      };
      accepted.push(stored);
      return send(response, 201, {
        id: stored.id,
        reference: stored.reference,
        content: {
          subject: personalisation.subject,
          body: personalisation.body,
          from_email: "waymark@notifications.service.gov.uk",
        },
        uri: `${origin}/v2/notifications/${stored.id}`,
        template: { id: TEMPLATE_ID, version: 1, uri: `${origin}/v2/template/${TEMPLATE_ID}` },
      });
    }
    if (request.method === "GET" && url.pathname === "/v2/notifications") {
      const reference = url.searchParams.get("reference");
      const found = accepted.filter((n) => reference === null || n.reference === reference).reverse();
      return send(response, 200, {
        notifications: found.map(asListed),
        links: { current: `${origin}${url.pathname}${url.search}` },
      });
    }
    const one = url.pathname.match(/^\/v2\/notifications\/([0-9a-f-]{36})$/);
    if (request.method === "GET" && one) {
      const found = accepted.find((n) => n.id === one[1]);
      if (!found)
        return sendError(response, { status: 404, error: "NoResultFound", message: "No result found" });
      return send(response, 200, asListed(found));
    }
    sendError(response, { status: 404, error: "NotFound", message: "Not found" });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      sendError(response, { status: 500, error: "Exception", message: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    accepted,
    nextAnswers,
    refuse,
    authFailures,
    requests,
    settings: (overrides = {}) => ({
      apiKey: API_KEY,
      templateId: TEMPLATE_ID,
      replyToId: undefined,
      baseUrl: origin,
      ...overrides,
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
