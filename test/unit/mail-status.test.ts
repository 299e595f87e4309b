import { describe, expect, it } from "vitest";
import type { mailOutbox } from "../../src/db/schema.ts";
import { retryBackoffSeconds } from "../../src/notify/delivery.ts";
import { mailStatus } from "../../src/notify/mail-status.ts";

type Row = typeof mailOutbox.$inferSelect;

const base: Row = {
  id: 1,
  partnershipId: 1,
  dedupeKey: "k",
  kind: "test",
  toAddress: "a@example.org",
  subject: "s",
  textBody: "t",
  createdAt: new Date(),
  claimedAt: null,
  sentAt: null,
  attempts: 0,
  lastError: null,
  sentVia: null,
  notifyId: null,
  deliveryStatus: null,
  deliveryCheckedAt: null,
  failedAt: null,
  retryAt: null,
};

describe("how the Outbox page describes a mail", () => {
  it("says what SMTP and GOV.UK Notify report", () => {
    const sent = { ...base, sentAt: new Date(), attempts: 1 };
    expect(mailStatus({ ...sent, sentVia: "smtp" }, true)).toEqual({ kind: "sent", text: "Sent" });
    const notify = { ...sent, sentVia: "notify", notifyId: "740e5834-3a29-46b4-9a6f-16142fde533a" };
    expect(mailStatus(notify, true).text).toBe("Accepted by GOV.UK Notify");
    expect(mailStatus({ ...notify, deliveryStatus: "sending" }, true).text).toBe(
      "Accepted by GOV.UK Notify, sending",
    );
    expect(mailStatus({ ...notify, deliveryStatus: "delivered" }, true)).toEqual({
      kind: "sent",
      text: "Delivered",
    });
    expect(mailStatus({ ...notify, deliveryStatus: "temporary-failure" }, true).kind).toBe("failed");
    expect(mailStatus({ ...notify, deliveryStatus: "something-new" }, true).text).toBe(
      "Accepted by GOV.UK Notify (something-new)",
    );
  });

  it("fails a mail given up at once on its first attempt, and retries others", () => {
    const refused = {
      ...base,
      attempts: 1,
      lastError: "GOV.UK Notify answered 400: …",
      failedAt: new Date(),
    };
    expect(mailStatus(refused, true).kind).toBe("failed");
    expect(mailStatus({ ...refused, failedAt: null }, true).kind).toBe("retrying");
    expect(mailStatus({ ...refused, failedAt: null, attempts: 5 }, true).kind).toBe("failed");
    expect(mailStatus(base, false).text).toBe("Waiting (SMTP not configured)");
  });

  it("backs off 30 seconds, then four times longer each time, at most an hour", () => {
    expect([1, 2, 3, 4, 5, 9].map(retryBackoffSeconds)).toEqual([30, 120, 480, 1920, 3600, 3600]);
  });
});
