// The region's words (issue 15), one list each; the text columns of db/schema-region.ts hold the keys.

export const REGION_ROLES = ["lead", "viewer"] as const;
export type RegionRole = (typeof REGION_ROLES)[number];
export const REGION_ROLE_LABELS: Record<RegionRole, string> = {
  lead: "Regional lead",
  viewer: "Regional viewer",
};

/** What a partnership can share with its region (region_sharing's switches). */
export const SHARING_KINDS = ["statistics", "ratings", "funding", "assessments", "governance"] as const;
export type SharingKind = (typeof SHARING_KINDS)[number];
export const SHARING_LABELS: Record<SharingKind, { label: string; hint: string }> = {
  statistics: { label: "Key statistics", hint: "Published figures only, with suppression applied." },
  ratings: { label: "Commitment ratings", hint: "Each commitment's accepted rating, never drafts." },
  funding: {
    label: "Funding totals",
    hint: "Spend by service type and funder per year, and contracts ending in the next 18 months.",
  },
  assessments: { label: "Self-assessments", hint: "Submitted and moderated ones, never drafts." },
  governance: {
    label: "Governance",
    hint: "The chain of boards and which statutory categories the Local Partnership Board covers, never names.",
  },
};

export const STANDARD_STATUSES = ["draft", "published"] as const;
export type StandardStatus = (typeof STANDARD_STATUSES)[number];

export const ASSESSMENT_STATUSES = ["draft", "submitted", "moderated"] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  moderated: "Moderated",
};

export const EVIDENCE_KINDS = ["commitment", "indicator", "decision", "document"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const PROJECT_STATUSES = ["proposed", "active", "complete", "closed"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Kinds of service, for regional spend and capacity (contracts.service_type, funding_allocations.service_type). */
export const SERVICE_TYPES = [
  "safe-accommodation",
  "community-support",
  "idva",
  "children-young-people",
  "perpetrator",
  "helpline",
  "marac-coordination",
  "training-awareness",
  "other",
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  "safe-accommodation": "Safe accommodation (refuge and dispersed)",
  "community-support": "Community-based support and outreach",
  idva: "Independent domestic violence advisers (Idvas)",
  "children-young-people": "Children and young people",
  perpetrator: "Perpetrator programmes",
  helpline: "Helpline and advice",
  "marac-coordination": "Marac and coordination",
  "training-awareness": "Training and awareness",
  other: "Other",
};

/** A region's address: lower-case letters, digits and hyphens, from its name when not given. */
export const REGION_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export function slugFromName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "region";
}
