import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { Sheet } from "./read-table.ts";

// WHY the parsed file travels in the confirm form, signed, rather than in the session or in memory:
// - Waymark's application servers are stateless and may run side by side behind a load balancer, so a
//   server-side map would lose the preview whenever the confirm lands on another instance;
// - sessions live in the database as JSON and are read on every request: a few megabytes of
//   spreadsheet there would slow every page for the rest of the session;
// - asking people to choose the file again on the confirm page is error-prone (the wrong file).
// So the preview page carries the rows it was built from, compressed and signed with an HMAC of the
// session secret, bound to the user, the partnership, the target and the kind of import, expiring
// after two hours. Nothing is stored; the confirm step plans again from these rows against the data
// as it is then, and refuses if that plan differs from the one the person saw (`planHash`).

export interface PreviewPayload {
  v: 1;
  kind: "action-plan" | "framework";
  partnershipId: number;
  userId: number | null;
  targetId: number;
  /** What the import creates (a strategy or a plan), when targetId is 0. */
  create: unknown;
  filename: string;
  /** Milliseconds since the epoch. */
  expires: number;
  planHash: string;
  sheet: Sheet;
}

export const PREVIEW_LIFETIME_MS = 2 * 60 * 60 * 1000;
/** Inflated token payloads above this are refused (the rows of a 5 MB file fit many times over). */
const MAX_INFLATED = 40 * 1024 * 1024;

export class InvalidPreviewToken extends Error {}

function key(secret: string): Buffer {
  return createHmac("sha256", secret).update("waymark import preview v1").digest();
}

/** A stable fingerprint of a planned import, so confirm can tell whether the plan is still the same. */
export function planHash(plan: unknown): string {
  return createHash("sha256").update(JSON.stringify(plan)).digest("base64url");
}

export function signPreview(payload: PreviewPayload, secret: string): string {
  const body = deflateRawSync(Buffer.from(JSON.stringify(payload)), { level: 9 }).toString("base64url");
  const mac = createHmac("sha256", key(secret)).update(body).digest("base64url");
  return `${body}.${mac}`;
}

function isPayload(value: unknown): value is PreviewPayload {
  const p = value as PreviewPayload;
  return (
    typeof p === "object" &&
    p !== null &&
    p.v === 1 &&
    (p.kind === "action-plan" || p.kind === "framework") &&
    typeof p.partnershipId === "number" &&
    (p.userId === null || typeof p.userId === "number") &&
    typeof p.targetId === "number" &&
    (p.create === null || typeof p.create === "object") &&
    typeof p.filename === "string" &&
    typeof p.expires === "number" &&
    typeof p.planHash === "string" &&
    typeof p.sheet?.name === "string" &&
    Array.isArray(p.sheet.rows) &&
    p.sheet.rows.every(
      (r) =>
        typeof r.rowNumber === "number" &&
        Array.isArray(r.cells) &&
        r.cells.every((c) => typeof c === "string"),
    )
  );
}

/** The payload of a token this server signed and that has not expired; InvalidPreviewToken otherwise. */
export function verifyPreview(token: string, secret: string, now = Date.now()): PreviewPayload {
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined) throw new InvalidPreviewToken("malformed");
  const expected = createHmac("sha256", key(secret)).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new InvalidPreviewToken("signature");
  let payload: unknown;
  try {
    payload = JSON.parse(
      inflateRawSync(Buffer.from(body, "base64url"), { maxOutputLength: MAX_INFLATED }).toString(),
    );
  } catch {
    throw new InvalidPreviewToken("unreadable");
  }
  if (!isPayload(payload)) throw new InvalidPreviewToken("shape");
  if (payload.expires < now) throw new InvalidPreviewToken("expired");
  return payload;
}
