import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

// Every setting comes from the environment, is validated once at start, and every problem is
// reported at once so an operator fixes them in one go rather than one restart per mistake.

const portSchema = z.coerce.number().int().min(0).max(65535);
/** Five cron fields: minute hour day-of-month month day-of-week (names such as MON allowed). */
const CRON_PATTERN = /^[\w*/,-]+(\s+[\w*/,-]+){4}$/;
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** A GOV.UK Notify API key: its name, the service id and the secret, joined by hyphens. */
const NOTIFY_KEY_PATTERN = new RegExp(`^(?:.+-)?${UUID}-${UUID}$`, "i");
const uuidSetting = (what: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^${UUID}$`, "i"), `must be ${what} (a UUID such as 0f6b8a2e-…)`);
export const NOTIFY_PRODUCTION_URL = "https://api.notifications.service.gov.uk";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: portSchema.default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  BASE_URL: z.url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Waymark <waymark@localhost>"),
  /** GOV.UK Notify instead of SMTP: the API key (team, test or live), as Notify shows it once. */
  NOTIFY_API_KEY: z
    .string()
    .trim()
    .regex(
      NOTIFY_KEY_PATTERN,
      "must be a GOV.UK Notify API key as Notify shows it: its name, then the service id and the secret (two UUIDs), joined by hyphens",
    )
    .optional(),
  /** The Notify email template whose subject is ((subject)) and whose message is ((body)). */
  NOTIFY_TEMPLATE_ID: uuidSetting("the id of a GOV.UK Notify email template").optional(),
  /** A reply-to address set up in Notify (Settings → Reply-to email addresses); Notify's default otherwise. */
  NOTIFY_REPLY_TO_ID: uuidSetting("the id of a reply-to email address in GOV.UK Notify").optional(),
  /** Notify's API address; only for tests and Notify's own environments. */
  NOTIFY_BASE_URL: z.url().optional(),
  /** When the reminder scan runs (cron, UK time); it also runs once when the server starts. */
  REMINDER_SCAN_CRON: z
    .string()
    .trim()
    .regex(CRON_PATTERN, "must be a cron expression of five fields, like */15 * * * *")
    .default("*/15 * * * *"),
  /** "off" stops this instance running scheduled jobs (reminders, mail retries); others still can. */
  SCHEDULED_JOBS: z.enum(["on", "off"]).default("on"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Rendered pages kept per partnership data version; "off" renders every request (for diagnosis). */
  PAGE_CACHE: z.enum(["on", "off"]).default("on"),
  /** Sign-in attempts allowed per address per 15 minutes (raise it behind a shared proxy address). */
  SIGN_IN_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(50),
  /** Which proxies' X-Forwarded-For to believe: off, a hop count, or proxy addresses/CIDRs (see trustProxySetting). */
  TRUST_PROXY: z.string().trim().default("off"),
  /** Whether coordinators (admins) must use two-factor to sign in with a password; default: required in production. */
  TWO_FACTOR_FOR_ADMINS: z.enum(["required", "optional"]).optional(),
  /** Encrypts stored two-factor secrets; SESSION_SECRET when unset (then rotating it needs a two-factor reset for all). */
  TWO_FACTOR_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  /** Single sign-on (OpenID Connect): the provider's issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0. */
  OIDC_ISSUER: z
    .url("must be the provider's issuer address, like https://login.microsoftonline.com/TENANT/v2.0")
    .optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Only e-mail addresses at these domains may sign in by single sign-on (comma list); any when unset. */
  OIDC_ALLOWED_DOMAINS: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9.-]+(\s*,\s*[a-z0-9.-]+)*$/i,
      "must be domains separated by commas, like ashvale.gov.uk,nhs.net",
    )
    .optional(),
  /** Which claim holds the person's e-mail: email (with email_verified) or Entra's preferred_username. */
  OIDC_EMAIL_CLAIM: z.enum(["email", "preferred_username"]).default("email"),
});

/**
 * Whom Fastify believes about the client's address. Never `true`: that takes the left-most
 * X-Forwarded-For entry, which the client writes itself, so anyone could reset a per-address limit.
 * A hop count trusts that many proxies in front of Waymark (the address they saw is used); a list
 * trusts only proxies at those addresses or ranges.
 */
export type TrustProxy = false | number | string[];

function isAddressOrRange(item: string): boolean {
  const [address = "", prefix, ...rest] = item.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

/** TRUST_PROXY → Fastify's trustProxy, or the problem with it. */
export function trustProxySetting(
  value: string,
): { ok: true; value: TrustProxy } | { ok: false; problem: string } {
  if (value === "" || value.toLowerCase() === "off") return { ok: true, value: false };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return { ok: true, value: hops };
    return { ok: false, problem: "TRUST_PROXY: a hop count must be from 1 to 10 (or off)" };
  }
  const items = value.split(",").map((item) => item.trim());
  const wrong = items.filter((item) => !isAddressOrRange(item));
  if (wrong.length === 0) return { ok: true, value: items };
  return {
    ok: false,
    problem: `TRUST_PROXY: must be off, a hop count such as 1, or proxy addresses or ranges such as 10.0.0.0/8 (not ${wrong.map((w) => JSON.stringify(w)).join(", ")})`,
  };
}

export type Env = z.infer<typeof envSchema>;

/** GOV.UK Notify, when NOTIFY_API_KEY is set: every mail goes through it instead of SMTP. */
export interface NotifyConfig {
  apiKey: string;
  templateId: string;
  replyToId: string | undefined;
  baseUrl: string;
}

/** The Notify settings that only make sense together, and with nothing else sending mail. */
function notifyProblems(cleaned: Record<string, string | undefined>, isProduction: boolean): string[] {
  const problems: string[] = [];
  const key = cleaned.NOTIFY_API_KEY;
  if (key && !cleaned.NOTIFY_TEMPLATE_ID) {
    problems.push(
      "NOTIFY_TEMPLATE_ID: required with NOTIFY_API_KEY (an email template whose subject is ((subject)) and message ((body)))",
    );
  }
  for (const name of ["NOTIFY_TEMPLATE_ID", "NOTIFY_REPLY_TO_ID", "NOTIFY_BASE_URL"]) {
    if (!key && cleaned[name]) problems.push(`${name}: set only with NOTIFY_API_KEY`);
  }
  if (key && cleaned.SMTP_URL) {
    problems.push(
      "SMTP_URL and NOTIFY_API_KEY: set one of them; mail goes through GOV.UK Notify or SMTP, not both",
    );
  }
  const base = cleaned.NOTIFY_BASE_URL;
  if (isProduction && base && !base.startsWith("https://")) {
    problems.push("NOTIFY_BASE_URL: must start with https:// in production");
  }
  return problems;
}

/** Single sign-on, when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are all set. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Lower-case domains; empty means any. */
  allowedDomains: string[];
  emailClaim: "email" | "preferred_username";
}

const OIDC_REQUIRED = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;

/** The OpenID Connect settings only work together; a plain-HTTP issuer only on this machine outside production. */
function oidcProblems(cleaned: Record<string, string | undefined>, isProduction: boolean): string[] {
  const set = OIDC_REQUIRED.filter((name) => cleaned[name]);
  const problems: string[] = [];
  if (set.length > 0 && set.length < OIDC_REQUIRED.length) {
    for (const name of OIDC_REQUIRED.filter((n) => !cleaned[n]))
      problems.push(`${name}: required with ${set.join(" and ")} (single sign-on needs all three)`);
  }
  if (set.length === 0 && cleaned.OIDC_ALLOWED_DOMAINS)
    problems.push("OIDC_ALLOWED_DOMAINS: set only with OIDC_ISSUER");
  const issuer = cleaned.OIDC_ISSUER;
  if (
    issuer?.startsWith("http://") &&
    (isProduction || !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(issuer))
  ) {
    problems.push(
      "OIDC_ISSUER: must start with https:// (plain http only for a provider on this machine, outside production)",
    );
  }
  return problems;
}

export interface Config {
  env: Env["NODE_ENV"];
  isProduction: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sessionSecret: string;
  baseUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** GOV.UK Notify; when set, mail goes through it and not SMTP (the two are never both set). */
  notify: NotifyConfig | undefined;
  /** Cron expression (Europe/London) of the scheduled reminder scan. */
  reminderScanCron: string;
  /** Whether this instance runs scheduled jobs (pg-boss): reminder scans and mail retries. */
  scheduledJobs: boolean;
  logLevel: Env["LOG_LEVEL"];
  /**
   * Sign-in limits: any attempts per address per 15 minutes (in memory); failed ones per account and
   * address pair per 15 minutes, refused beyond; failed ones per account per hour, slowed beyond.
   */
  rateLimits: { signInPerAddress: number; signInPerAccountAndAddress: number; signInPerAccount: number };
  /** Passed to Fastify's trustProxy: which proxies may say who the client is. */
  trustProxy: TrustProxy;
  /** Whether rendered pages are cached, keyed by the partnership's data version. */
  pageCache: boolean;
  /**
   * Two-factor sign-in (issue 17): whether admins must set it up before anything else, and the key
   * that encrypts the stored secrets.
   */
  twoFactor: { requiredForAdmins: boolean; key: string };
  /** Single sign-on (issue 17); undefined when not configured. */
  oidc: OidcConfig | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Waymark cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** A fixed secret for development and tests only; production refuses to start without its own. */
const DEVELOPMENT_SECRET = "waymark-development-secret-not-for-production-use";

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set" (a common result of `FOO= npm start` or compose files).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.join(".")}: ${issue.message}`);
    }
  }
  const env = parsed.success ? parsed.data : undefined;
  const isProduction = (cleaned.NODE_ENV ?? "development") === "production";
  if (isProduction && !cleaned.SESSION_SECRET) {
    problems.push("SESSION_SECRET: required in production (at least 32 random characters)");
  }
  problems.push(...notifyProblems(cleaned, isProduction));
  problems.push(...oidcProblems(cleaned, isProduction));
  const trustProxy = trustProxySetting(env?.TRUST_PROXY ?? "off");
  if (!trustProxy.ok) problems.push(trustProxy.problem);
  if (problems.length > 0 || !env || !trustProxy.ok) throw new ConfigError(problems);

  return {
    env: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    host: env.HOST,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    sessionSecret: env.SESSION_SECRET ?? DEVELOPMENT_SECRET,
    baseUrl: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    notify:
      env.NOTIFY_API_KEY && env.NOTIFY_TEMPLATE_ID
        ? {
            apiKey: env.NOTIFY_API_KEY,
            templateId: env.NOTIFY_TEMPLATE_ID,
            replyToId: env.NOTIFY_REPLY_TO_ID,
            baseUrl: (env.NOTIFY_BASE_URL ?? NOTIFY_PRODUCTION_URL).replace(/\/$/, ""),
          }
        : undefined,
    reminderScanCron: env.REMINDER_SCAN_CRON,
    scheduledJobs: env.SCHEDULED_JOBS === "on",
    logLevel: env.LOG_LEVEL,
    rateLimits: {
      signInPerAddress: env.SIGN_IN_LIMIT_PER_ADDRESS,
      signInPerAccountAndAddress: 5,
      signInPerAccount: 50,
    },
    trustProxy: trustProxy.value,
    pageCache: env.PAGE_CACHE === "on",
    twoFactor: {
      // The demo (`npm start`) and tests are not production: there admins may choose, and the tests
      // that prove the requirement turn it on.
      requiredForAdmins:
        (env.TWO_FACTOR_FOR_ADMINS ?? (isProduction ? "required" : "optional")) === "required",
      key: env.TWO_FACTOR_KEY ?? env.SESSION_SECRET ?? DEVELOPMENT_SECRET,
    },
    oidc:
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
        ? {
            issuer: env.OIDC_ISSUER,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
            allowedDomains: (env.OIDC_ALLOWED_DOMAINS ?? "")
              .split(",")
              .map((d) => d.trim().toLowerCase())
              .filter(Boolean),
            emailClaim: env.OIDC_EMAIL_CLAIM,
          }
        : undefined,
  };
}
