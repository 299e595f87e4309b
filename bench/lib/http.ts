// A browser's worth of HTTP for the bench: cookies kept per client, CSRF tokens and hidden fields read
// from the page, forms posted without following redirects (the 303 is the server's "saved").

/** Cookies of one client, sent back as a Cookie header. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";")[0] ?? "";
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

export interface Answer {
  status: number;
  location: string | null;
  body: string;
  /** Milliseconds from sending to the whole body read. */
  ms: number;
}

/** GET or form POST with the jar's cookies; redirects are returned, not followed. */
export async function request(
  jar: CookieJar,
  url: string,
  form?: Record<string, string>,
  timeoutMs = 60_000,
): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(url, {
    method: form ? "POST" : "GET",
    redirect: "manual",
    headers: {
      cookie: jar.header(),
      ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await response.text();
  const ms = performance.now() - started;
  jar.absorb(response);
  return { status: response.status, location: response.headers.get("location"), body, ms };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };
const unescapeHtml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ENTITIES[e] ?? _);

/** The value of the first hidden field `name` in `html` (after `after`, when given). */
export function hiddenField(html: string, name: string, after = 0): string | undefined {
  const pattern = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`, "g");
  pattern.lastIndex = after;
  const match = pattern.exec(html);
  return match?.[1] === undefined ? undefined : unescapeHtml(match[1]);
}

/** The CSRF token and version of the form whose action ends with `actionSuffix`. */
export function formFields(
  html: string,
  actionSuffix: string,
): { csrf: string; version: string } | undefined {
  const at = html.indexOf(`${actionSuffix}"`);
  if (at < 0) return undefined;
  const csrf = hiddenField(html, "_csrf", at);
  const version = hiddenField(html, "version", at);
  return csrf === undefined || version === undefined ? undefined : { csrf, version };
}

/** Signs in through the sign-in form; returns the jar holding the signed-in session. */
export async function signIn(base: string, email: string, password: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const page = await request(jar, `${base}/sign-in`);
  const csrf = hiddenField(page.body, "_csrf");
  if (page.status !== 200 || !csrf) throw new Error(`GET /sign-in answered ${page.status} without a form`);
  const answer = await request(jar, `${base}/sign-in`, { _csrf: csrf, email, password });
  if (answer.status !== 303) {
    const why = answer.status === 400 ? "wrong e-mail address or password" : `status ${answer.status}`;
    throw new Error(`could not sign in as ${email}: ${why}`);
  }
  return jar;
}
