import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { type Config, loadConfig } from "../../src/config.ts";
import type { Database } from "../../src/db/database.ts";
import { ashvale } from "../../src/demo/ashvale.ts";
import { STORY_DAY } from "../../src/demo/calendar.ts";
import { DEMO_PASSWORD, loadDemoPartnership } from "../../src/demo/load.ts";
import { loadDemoRegion } from "../../src/demo/load-region.ts";
import { createServices, type Services } from "../../src/services/index.ts";
import { createApp } from "../../src/web/app.ts";
import { openTestDatabase, type TestDatabaseKind } from "./database.ts";

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" });
  return {
    ...config,
    rateLimits: { signInPerAddress: 1000, signInPerAccountAndAddress: 1000, signInPerAccount: 1000 },
    ...overrides,
  };
}

/** The whole application on a fresh database, optionally with the demo partnership loaded. */
export async function createTestApp(
  options: {
    kind?: TestDatabaseKind;
    demo?: boolean;
    /** Also load the demo's history of rounds and updates (off by default: tests build their own). */
    demoProgress?: boolean;
    /**
     * The day the demo is loaded for. Default: the story's own day (src/demo/calendar.ts), so tests see
     * the same rounds and figures whatever day they run; tests of the calendar pass other days.
     */
    demoToday?: string;
    /** Also load the North Marston region (src/demo/load-region.ts): off by default, it is big. */
    demoRegion?: boolean;
    config?: Partial<Config>;
  } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(options.kind ?? "pglite");
  if (options.demo ?? true) {
    await loadDemoPartnership(database.db, ashvale, {
      progress: options.demoProgress ?? false,
      today: options.demoToday ?? STORY_DAY,
    });
    if (options.demoRegion)
      await loadDemoRegion(database.db, {
        progress: options.demoProgress ?? false,
        today: options.demoToday ?? STORY_DAY,
      });
  }
  return createTestAppOn(database, options.config);
}

/**
 * The whole application on a database the test has already opened and filled (no demo loaded), e.g.
 * with the benchmark's generator. Closing it closes the database too.
 */
export async function createTestAppOn(database: Database, overrides: Partial<Config> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const services = createServices(database, config);
  const app = await createApp({ services, logger: false });
  await app.ready();
  return {
    app,
    services,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A browser-like client over app.inject: keeps the session cookie and finds CSRF tokens in pages. */
export class TestClient {
  private cookies = new Map<string, string>();
  csrfToken = "";

  /** Headers sent with every request (e.g. X-Forwarded-For), changeable between requests. */
  extraHeaders: Record<string, string> = {};

  /** `remoteAddress` is the address the request comes from (the socket's peer); 127.0.0.1 otherwise. */
  constructor(
    private readonly app: FastifyInstance,
    private readonly options: { remoteAddress?: string } = {},
  ) {}

  /** The Cookie header this client sends, to replay a session elsewhere. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: LightMyRequestResponse): void {
    for (const c of response.cookies) {
      if (c.value === "" || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match?.[1]) this.csrfToken = match[1];
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: "GET",
      url,
      remoteAddress: this.options.remoteAddress,
      headers: { ...this.extraHeaders, ...headers, cookie: this.cookieHeader() },
    });
    this.remember(response);
    return response;
  }

  /** Posts a form; the CSRF token from the last page is added unless `_csrf` is given. */
  async post(url: string, form: Record<string, string | string[]> = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: this.csrfToken, ...form })) {
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    const response = await this.app.inject({
      method: "POST",
      url,
      remoteAddress: this.options.remoteAddress,
      headers: {
        ...this.extraHeaders,
        cookie: this.cookieHeader(),
        "content-type": "application/x-www-form-urlencoded",
      },
      payload: body.toString(),
    });
    this.remember(response);
    return response;
  }

  /**
   * Posts a multipart form (a file upload) like a browser does; the CSRF token from the last page is
   * added as the `_csrf` field unless `fields` gives one (`_csrf: undefined` leaves it out).
   */
  async postMultipart(
    url: string,
    fields: Record<string, string | undefined> = {},
    file?: { field?: string; filename: string; content: Buffer | string; contentType?: string },
  ): Promise<LightMyRequestResponse> {
    const boundary = `----WaymarkTestBoundary${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ _csrf: this.csrfToken, ...fields })) {
      if (value === undefined) continue;
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      );
    }
    if (file) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? "file"}"; filename="${file.filename}"\r\n` +
            `Content-Type: ${file.contentType ?? "application/octet-stream"}\r\n\r\n`,
        ),
        Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
        Buffer.from("\r\n"),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const response = await this.app.inject({
      method: "POST",
      url,
      headers: { cookie: this.cookieHeader(), "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
    this.remember(response);
    return response;
  }

  /**
   * Signs in with the password and, when the account has two-factor on, the `code` given (from the
   * app, e.g. `totpCodeAt(secret, …)`, or a recovery code); returns the last answer (a 303).
   */
  async signIn(
    email: string,
    password = DEMO_PASSWORD,
    options: { code?: string } = {},
  ): Promise<LightMyRequestResponse> {
    await this.get("/sign-in");
    const response = await this.post("/sign-in", { email, password });
    if (response.statusCode !== 303) throw new Error(`sign-in as ${email} failed: ${response.statusCode}`);
    if (response.headers.location !== "/sign-in/two-factor") return response;
    if (options.code === undefined) throw new Error(`sign-in as ${email} asks for a two-factor code`);
    await this.get("/sign-in/two-factor");
    const second = await this.post("/sign-in/two-factor", { code: options.code });
    if (second.statusCode !== 303) throw new Error(`two-factor for ${email} failed: ${second.statusCode}`);
    return second;
  }
}

export function demoUser(role: "admin" | "editor" | "viewer", organisationKey?: string) {
  const user = ashvale.users.find(
    (u) => u.role === role && (!organisationKey || u.organisation === organisationKey),
  );
  if (!user) throw new Error(`the demo has no ${role}${organisationKey ? ` in ${organisationKey}` : ""}`);
  return user;
}

/**
 * Marks a partnership's data as changed, as every write through the services does. Tests that write
 * fixture rows straight into tables call it, so cached pages are not served over their new rows.
 */
export async function bumpDataVersion(database: Database, partnershipId: number): Promise<void> {
  await database.execute("update partnerships set data_version = data_version + 1 where id = $1", [
    partnershipId,
  ]);
}
