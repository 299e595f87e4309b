import { describe, expect, it } from "vitest";
import {
  deadlineApproachingMail,
  dueTodayMail,
  lateSummaryMail,
  mailDate,
  mailKindLabel,
  roundOpenedMail,
} from "../../src/notify/templates.ts";

const partner = {
  partnershipName: "Ashvale Domestic Abuse Partnership",
  recipientName: "Mark Ellison",
  organisationName: "Marston Police",
  roundName: "Q2 2025/26",
  deadline: "2025-10-15",
  actions: [{ label: "1.4: Run MATAC monthly" }, { label: "2.1: Operation Encompass in every school" }],
  yourUpdatesUrl: "https://waymark.example/p/ashvale/your-updates",
};

describe("e-mail templates", () => {
  it("writes dates the GOV.UK way", () => {
    expect(mailDate("2025-10-15")).toBe("Wednesday 15 October 2025");
    expect(mailDate("2026-03-01")).toBe("Sunday 1 March 2026");
    expect(mailDate("not a date")).toBe("not a date");
  });

  it("says what is due, by when, with the link to Your updates", () => {
    for (const make of [roundOpenedMail, deadlineApproachingMail, dueTodayMail]) {
      const mail = make(partner);
      expect(mail.subject).toContain("Q2 2025/26");
      expect(mail.text).toContain("Hello Mark Ellison,");
      expect(mail.text).toContain("* 1.4: Run MATAC monthly\n* 2.1: Operation Encompass in every school");
      expect(mail.text).toContain("https://waymark.example/p/ashvale/your-updates");
      expect(mail.text).toContain("Wednesday 15 October 2025");
      expect(mail.text.endsWith("Replies to it are not read.\n")).toBe(true);
    }
    expect(deadlineApproachingMail(partner).subject).toBe(
      "Reminder: Q2 2025/26 updates are due on Wednesday 15 October 2025",
    );
    expect(dueTodayMail(partner).subject).toBe("Q2 2025/26 updates are due today");
    expect(deadlineApproachingMail(partner).text).toContain("Marston Police still needs to send 2 updates");
    expect(deadlineApproachingMail({ ...partner, actions: partner.actions.slice(0, 1) }).text).toContain(
      "needs to send 1 update for",
    );
  });

  it("shortens long action names and long lists", () => {
    const many = Array.from({ length: 35 }, (_, i) => ({ label: `${i}: ${"word ".repeat(60)}` }));
    const text = deadlineApproachingMail({ ...partner, actions: many }).text;
    expect(text).toContain("* and 5 more");
    expect(text.split("\n").every((line) => line.length <= 170)).toBe(true);
  });

  it("tells the coordinator who is late and what they owe, with the round's link", () => {
    const mail = lateSummaryMail({
      partnershipName: "Ashvale Domestic Abuse Partnership",
      recipientName: "Hannah Okafor",
      roundName: "Q2 2025/26",
      deadline: "2025-10-15",
      graceEndedOn: "2025-10-18",
      organisations: [
        { name: "Marston Police", actions: partner.actions },
        { name: "Lanternway", actions: [{ label: "3.2: Recovery groups" }] },
      ],
      roundUrl: "https://waymark.example/p/ashvale/rounds/7",
    });
    expect(mail.subject).toBe("Q2 2025/26: 2 organisations have not sent all their updates");
    expect(mail.text).toContain("The grace period ended on Saturday 18 October 2025.");
    expect(mail.text).toContain(
      "Marston Police (2 updates missing):\n  * 1.4: Run MATAC monthly\n  * 2.1: Operation Encompass in every school",
    );
    expect(mail.text).toContain("Lanternway (1 update missing):\n  * 3.2: Recovery groups");
    expect(mail.text).toContain("https://waymark.example/p/ashvale/rounds/7");
  });

  it("names the kinds of mail for the outbox page", () => {
    expect(mailKindLabel("reminder-late-summary")).toBe("Late summary");
    expect(mailKindLabel("something-new")).toBe("something-new");
  });
});
