// Shared by the mail-*.test.ts files: a real SMTP server in-process (smtp-server) that keeps what it
// receives, and a small partnership whose round owes updates from several organisations.

import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { Db } from "../../src/db/database.ts";
import { roundActions, rounds, updates } from "../../src/db/schema.ts";
import { addDays, ukDateOf } from "../../src/domain/periods.ts";
import { systemActor } from "../../src/services/actor.ts";
import type { Services } from "../../src/services/index.ts";

export interface ReceivedMail {
  /** Envelope recipients, as the server was told (RCPT TO). */
  recipients: string[];
  headers: Map<string, string>;
  subject: string;
  to: string;
  from: string;
  /** The decoded plain-text body. */
  text: string;
  raw: string;
}

function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const joined = body.replace(/=\r?\n/g, "");
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i]!;
    const hex = joined.slice(i + 1, i + 3);
    if (c === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** "=?UTF-8?Q?…?=" and "=?UTF-8?B?…?=" words in a header, as nodemailer writes non-ASCII subjects. */
function decodeHeaderWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeQuotedPrintable(data.replace(/_/g, " ")),
    );
}

/** Reads a raw message: headers (unfolded, lower-case names) and the decoded single-part body. */
export function parseMessage(raw: string, recipients: string[]): ReceivedMail {
  const split = raw.indexOf("\r\n\r\n");
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const rawBody = split >= 0 ? raw.slice(split + 4) : "";
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const text =
    encoding === "quoted-printable"
      ? decodeQuotedPrintable(rawBody)
      : encoding === "base64"
        ? Buffer.from(rawBody.replace(/\s+/g, ""), "base64").toString("utf8")
        : rawBody;
  return {
    recipients,
    headers,
    subject: decodeHeaderWords(headers.get("subject") ?? ""),
    to: headers.get("to") ?? "",
    from: headers.get("from") ?? "",
    text: text.replace(/\r\n/g, "\n"),
    raw,
  };
}

export interface TestSmtpServer {
  url: string;
  messages: ReceivedMail[];
  /** Refuse mail to these addresses (the server answers 550), to test failures. */
  refuse: Set<string>;
  /** Waits until at least `count` messages have arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 and a free port, without TLS or authentication. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address.toLowerCase())) {
        callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        messages.push(parseMessage(Buffer.concat(chunks).toString("utf8"), recipients));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuse,
    async waitFor(count, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} messages, received ${messages.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls `check` until it is true (or fails after `timeoutMs`). */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
  what = "condition",
) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Fixture {
  partnershipId: number;
  slug: string;
  planId: number;
  organisations: { a: number; b: number; c: number };
  /** Editors: two in A, one in B, one in C. */
  editors: { a1: string; a2: string; b: string; c: string };
  /** Coordinators (admins). */
  admins: string[];
  viewer: string;
  /** a: led by A; ab: led jointly by A and B; c: led by C; closed: led by B, closed. */
  actions: { a: number; ab: number; c: number; closed: number };
  labels: { a: string; ab: string; c: string; closed: string };
}

/** "Northby": three partner organisations, their editors, two coordinators and four actions. */
export async function buildNorthby(services: Services, slug = "northby"): Promise<Fixture> {
  const cli = systemActor("test");
  const p = await services.partnerships.create(cli, {
    slug,
    name: "Northby Partnership",
    areaName: "Northby",
  });
  const actor = systemActor("test", p.id);
  const org = (name: string, kind: string) => services.organisations.create(actor, { name, kind });
  const a = await org("Northby Police", "Police");
  const b = await org("Northby Refuge", "Specialist service");
  const c = await org("Northby Council", "Council");
  const person = async (
    email: string,
    name: string,
    organisationId: number,
    role: "admin" | "editor" | "viewer",
  ) => {
    await services.people.add(actor, { email, name, organisationId, role }, "northby-password-123");
    return email;
  };
  const editors = {
    a1: await person(`a1@${slug}.example`, "Alex Police", a.id, "editor"),
    a2: await person(`a2@${slug}.example`, "Avery Police", a.id, "editor"),
    b: await person(`b@${slug}.example`, "Bo Refuge", b.id, "editor"),
    c: await person(`c@${slug}.example`, "Cam Council", c.id, "editor"),
  };
  const admins = [
    await person(`coordinator@${slug}.example`, "Casey Coordinator", c.id, "admin"),
    await person(`deputy@${slug}.example`, "Dana Deputy", c.id, "admin"),
  ];
  const viewer = await person(`viewer@${slug}.example`, "Vic Viewer", c.id, "viewer");
  const strategy = await services.strategies.create(actor, {
    title: "Northby strategy",
    startYear: 2024,
    endYear: 2029,
    vision: "",
    framework: "priorities",
    itemLabel: "Commitment",
  });
  const priority = await services.strategies.createPriority(actor, strategy.id, {
    number: "1",
    title: "Safety",
    outcome: "",
  });
  const commitment = (number: string, text: string) =>
    services.strategies.createCommitment(actor, strategy.id, {
      priorityId: priority.id,
      number,
      text,
      seeAlso: [],
    });
  const c1 = await commitment("1.1", "Respond early");
  const c2 = await commitment("1.2", "Train the workforce");
  const plan = await services.actionPlans.create(actor, strategy.id, {
    name: "2025–26",
    startsOn: "2025-04-01",
    endsOn: "2026-03-31",
  });
  const action = (commitmentId: number, what: string, leads: number[], closed = false) =>
    services.actionPlans.createAction(actor, plan.id, {
      commitmentId,
      what,
      how: "",
      leadOrganisationIds: leads,
      performanceTarget: "",
      dueOn: null,
      closed,
      milestones: [],
    });
  const actA = await action(c1.id, "Run the daily risk meeting", [a.id]);
  const actAB = await action(c2.id, "Train response officers", [a.id, b.id]);
  const actC = await action(c2.id, "Brief school safeguarding leads", [c.id]);
  const actClosed = await action(c1.id, "Review the old referral form", [b.id], true);
  return {
    partnershipId: p.id,
    slug,
    planId: plan.id,
    organisations: { a: a.id, b: b.id, c: c.id },
    editors,
    admins,
    viewer,
    actions: { a: actA.id, ab: actAB.id, c: actC.id, closed: actClosed.id },
    labels: {
      a: "1.1: Run the daily risk meeting",
      ab: "1.2: Train response officers",
      c: "1.2: Brief school safeguarding leads",
      closed: "1.1: Review the old referral form",
    },
  };
}

export interface RoundSetup {
  name: string;
  deadline: string;
  graceDays?: number;
  reminderDaysBefore?: number;
  openedAt: Date;
  actionIds: number[];
}

/** A round written straight to the tables (openedAt chosen freely, unlike opening one in the app). */
export async function insertRound(db: Db, fixture: Fixture, setup: RoundSetup): Promise<number> {
  const [round] = await db
    .insert(rounds)
    .values({
      partnershipId: fixture.partnershipId,
      actionPlanId: fixture.planId,
      name: setup.name,
      periodStart: "2025-07-01",
      periodEnd: "2025-09-30",
      deadline: setup.deadline,
      graceDays: setup.graceDays ?? 0,
      reminderDaysBefore: setup.reminderDaysBefore ?? 7,
      openedAt: setup.openedAt,
    })
    .returning({ id: rounds.id });
  await db.insert(roundActions).values(
    setup.actionIds.map((actionId) => ({
      partnershipId: fixture.partnershipId,
      roundId: round!.id,
      actionId,
    })),
  );
  return round!.id;
}

/** An update in a given state, written straight to the table. */
export async function insertUpdate(
  db: Db,
  fixture: Fixture,
  roundId: number,
  actionId: number,
  status: "draft" | "submitted" | "returned" | "accepted",
): Promise<void> {
  await db.insert(updates).values({
    partnershipId: fixture.partnershipId,
    roundId,
    actionId,
    status,
    rating: "green",
    narrative: "On track.",
    submittedAt: status === "draft" ? null : new Date(),
  });
}

/** The UK date `days` after the UK date of `from`. */
export function ukDay(days: number, from: Date = new Date()): string {
  return addDays(ukDateOf(from), days);
}
