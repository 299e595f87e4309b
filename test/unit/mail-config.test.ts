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
