// The public site's vocabulary (issue 17): the sections a coordinator switches on and the kinds of item
// approved one by one inside them, and the hash that ties an approval to exactly what was approved.
// Pure apart from hashing.
import { createHash } from "node:crypto";

export const PUBLIC_SECTIONS = [
  { key: "strategy", label: "Strategy and commitments with their ratings", item: "commitment" },
  { key: "summaries", label: "Board summaries", item: "summary" },
  { key: "statistics", label: "Key statistics", item: "indicator" },
  { key: "governance", label: "Meeting packs and decisions", item: "pack" },
] as const;
export type PublicSection = (typeof PUBLIC_SECTIONS)[number]["key"];

export const PUBLIC_ITEM_KINDS = ["commitment", "summary", "indicator", "pack", "decision"] as const;
export type PublicItemKind = (typeof PUBLIC_ITEM_KINDS)[number];

/** Which section an item kind belongs to (decisions sit with the meeting packs). */
export const SECTION_OF: Readonly<Record<PublicItemKind, PublicSection>> = {
  commitment: "strategy",
  summary: "summaries",
  indicator: "statistics",
  pack: "governance",
  decision: "governance",
};

export const isPublicSection = (v: unknown): v is PublicSection => PUBLIC_SECTIONS.some((s) => s.key === v);
export const isPublicItemKind = (v: unknown): v is PublicItemKind =>
  (PUBLIC_ITEM_KINDS as readonly unknown[]).includes(v);

/** A section's approval is not tied to content: its hash is this constant. */
export const SECTION_HASH = "section";

/** The SHA-256 of a value's JSON: what the public would see of an item, fixed at approval. */
export function contentHash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

export interface ApprovalState {
  contentHash: string;
}

/** An item counts as approved only while what it shows now is what was approved. */
export function isApproved(approval: ApprovalState | undefined, hash: string): boolean {
  return approval !== undefined && approval.contentHash === hash;
}
