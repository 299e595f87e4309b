import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

describe("mail and scheduling settings", () => {
  it("defaults to a reminder scan every 15 minutes, scheduled jobs on, no SMTP", () => {
    const config = loadConfig({});
    expect(config.reminderScanCron).toBe("*/15 * * * *");
    expect(config.scheduledJobs).toBe(true);
    expect(config.smtpUrl).toBeUndefined();
    expect(config.mailFrom).toBe("Waymark <waymark@localhost>");
  });

  it("takes a cron expression and can switch scheduled jobs off on an instance", () => {
    const config = loadConfig({ REMINDER_SCAN_CRON: "0 8 * * MON-FRI", SCHEDULED_JOBS: "off" });
    expect(config.reminderScanCron).toBe("0 8 * * MON-FRI");
    expect(config.scheduledJobs).toBe(false);
  });

  it("refuses a cron expression without five fields, with every problem listed", () => {
    let error: unknown;
    try {
      loadConfig({ REMINDER_SCAN_CRON: "every 15 minutes please", SCHEDULED_JOBS: "sometimes" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toContain("REMINDER_SCAN_CRON: must be a cron expression of five fields");
    expect(problems).toContain("SCHEDULED_JOBS");
  });
});

describe("GOV.UK Notify settings", () => {
  const key = "waymark_live-5d1f2b8e-3c4a-4e6f-9b7d-2a8c1e0f3b6d-9a7c3e1f-6b2d-4f8a-8c5e-1d3b7f9a2c4e";
  const template = "2c6e8a0b-4d1f-4b3a-9e7c-5f2a8d1b6c3e";
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it("is off without NOTIFY_API_KEY", () => {
    expect(loadConfig({}).notify).toBeUndefined();
  });

  it("takes a key and a template, with Notify's own address unless told otherwise", () => {
    const config = loadConfig({ NOTIFY_API_KEY: key, NOTIFY_TEMPLATE_ID: template });
    expect(config.notify).toEqual({
      apiKey: key,
      templateId: template,
      replyToId: undefined,
      baseUrl: "https://api.notifications.service.gov.uk",
    });
    const local = loadConfig({
      NOTIFY_API_KEY: key,
      NOTIFY_TEMPLATE_ID: template,
      NOTIFY_BASE_URL: "http://127.0.0.1:6011/",
      NOTIFY_REPLY_TO_ID: template,
    });
    expect(local.notify?.baseUrl).toBe("http://127.0.0.1:6011");
    expect(local.notify?.replyToId).toBe(template);
  });

  it("lists every wrong combination with the other problems", () => {
    expect(problemsOf({ NOTIFY_API_KEY: key, PORT: "x" })).toEqual([
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^NOTIFY_TEMPLATE_ID: required with NOTIFY_API_KEY/),
    ]);
    expect(problemsOf({ NOTIFY_TEMPLATE_ID: template, NOTIFY_BASE_URL: "http://127.0.0.1:1" })).toEqual([
      "NOTIFY_TEMPLATE_ID: set only with NOTIFY_API_KEY",
      "NOTIFY_BASE_URL: set only with NOTIFY_API_KEY",
    ]);
    expect(
      problemsOf({ NOTIFY_API_KEY: key, NOTIFY_TEMPLATE_ID: template, SMTP_URL: "smtp://mail:25" }),
    ).toEqual([expect.stringMatching(/^SMTP_URL and NOTIFY_API_KEY: set one of them/)]);
    const production = problemsOf({
      NODE_ENV: "production",
      SESSION_SECRET: "x".repeat(40),
      NOTIFY_API_KEY: key,
      NOTIFY_TEMPLATE_ID: template,
      NOTIFY_BASE_URL: "http://notify.internal",
    });
    expect(production).toEqual(["NOTIFY_BASE_URL: must start with https:// in production"]);
  });

  it("refuses what is not a Notify key or template id, saying what one looks like", () => {
    const problems = problemsOf({ NOTIFY_API_KEY: "my-secret", NOTIFY_TEMPLATE_ID: "welcome" });
    expect(problems.join("\n")).toContain("NOTIFY_API_KEY: must be a GOV.UK Notify API key");
    expect(problems.join("\n")).toContain(
      "NOTIFY_TEMPLATE_ID: must be the id of a GOV.UK Notify email template",
    );
    // A key without its name (service id and secret only) is still a key the client accepts.
    expect(
      loadConfig({ NOTIFY_API_KEY: key.slice("waymark_live-".length), NOTIFY_TEMPLATE_ID: template }).notify,
    ).toBeDefined();
  });
});
