import path from "node:path";
import { z } from "zod";

// Every setting comes from the environment, is validated once at start, and every problem is
// reported at once so an operator fixes them in one go rather than one restart per mistake.

const portSchema = z.coerce.number().int().min(0).max(65535);
/** Five cron fields: minute hour day-of-month month day-of-week (names such as MON allowed). */
const CRON_PATTERN = /^[\w*/,-]+(\s+[\w*/,-]+){4}$/;

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
});

export type Env = z.infer<typeof envSchema>;

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
  /** Cron expression (Europe/London) of the scheduled reminder scan. */
  reminderScanCron: string;
  /** Whether this instance runs scheduled jobs (pg-boss): reminder scans and mail retries. */
  scheduledJobs: boolean;
  logLevel: Env["LOG_LEVEL"];
  /** Sign-in attempts allowed per 15 minutes: any, per address; failed ones, per account. */
  rateLimits: { signInPerAddress: number; signInPerAccount: number };
  /** Whether rendered pages are cached, keyed by the partnership's data version. */
  pageCache: boolean;
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
  if (problems.length > 0 || !env) throw new ConfigError(problems);

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
    reminderScanCron: env.REMINDER_SCAN_CRON,
    scheduledJobs: env.SCHEDULED_JOBS === "on",
    logLevel: env.LOG_LEVEL,
    rateLimits: { signInPerAddress: env.SIGN_IN_LIMIT_PER_ADDRESS, signInPerAccount: 10 },
    pageCache: env.PAGE_CACHE === "on",
  };
}
