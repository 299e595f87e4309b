// The public site (issue 17): the coordinator switches public pages on, approves sections and items
// for publication (each approval stores the hash of what was approved; public-content.ts), withdraws
// them, and previews exactly what the public sees. Anyone reads a partnership's public pages by its
// slug while they are on. Every change is audited in one transaction (unit-of-work.ts).
import * as data from "../../data/publication.ts";
import type { Db } from "../../db/database.ts";
import {
  isApproved,
  isPublicItemKind,
  isPublicSection,
  PUBLIC_SECTIONS,
  type PublicItemKind,
  type PublicSection,
  SECTION_HASH,
  SECTION_OF,
} from "../../domain/public-site.ts";
import { type Actor, actorUserId } from "../actor.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { partnershipOf, requireAdmin } from "../permissions.ts";
import type { RatingService } from "../rating-service.ts";
import { inTransaction } from "../unit-of-work.ts";
import {
  approvalLookup,
  approvedOnly,
  type Item,
  type PublicContent,
  readCandidates,
} from "./public-content.ts";

export type ItemState = "approved" | "changed" | "not-approved";

export interface ManagedItem {
  kind: PublicItemKind;
  id: number;
  label: string;
  hash: string;
  state: ItemState;
  approvedBy: string | null;
  approvedAt: Date | null;
}

export interface ManagedSection {
  key: PublicSection;
  label: string;
  approved: boolean;
  approvedBy: string | null;
  approvedAt: Date | null;
  items: ManagedItem[];
}

const CHANGED_MESSAGE =
  "This item has changed since you looked at it. Check the preview again before you approve it.";

function labelOf(i: Item<unknown>, content: PublicContent): string {
  const c = i.content as Record<string, unknown>;
  switch (i.kind) {
    case "commitment":
      return `${c.number} ${c.text} (${c.ratingText})`;
    case "summary":
      return `${c.commitmentNumber}, ${c.year}: ${c.text}`;
    case "indicator":
      return String(c.name);
    case "pack":
      return `${c.title} (version ${c.version})`;
    case "decision":
      return `${c.reference}: ${c.decision}`;
    default:
      return content.partnership.name;
  }
}

export function createPublicationService(db: Db, ratings: RatingService) {
  async function partnershipRow(pid: number) {
    const [row] = await Promise.all([data.findSite(db, pid)]);
    return row;
  }

  async function contentOf(actor: Actor) {
    const pid = partnershipOf(actor);
    const [site, approvals] = await Promise.all([partnershipRow(pid), data.listApprovals(db, pid)]);
    const info = actor.kind === "member" ? actor : null;
    const content = await readCandidates(db, ratings, {
      id: pid,
      slug: info?.partnershipSlug ?? "",
      name: "",
      areaName: "",
      enabled: site?.enabled ?? false,
    });
    return { content, approvals };
  }

  function itemsOf(content: PublicContent): Item<unknown>[] {
    return [
      ...content.commitments,
      ...content.summaries,
      ...content.indicators,
      ...content.packs,
      ...content.decisions,
    ];
  }

  return {
    /** The coordinator's publication page: the site's state, every section and item with its approval. */
    async manage(actor: Actor) {
      requireAdmin(actor);
      const { content, approvals } = await contentOf(actor);
      const lookup = approvalLookup(approvals);
      const byKey = new Map(approvals.map((a) => [`${a.kind}:${a.itemId}`, a]));
      const items = itemsOf(content);
      const sections: ManagedSection[] = PUBLIC_SECTIONS.map((s) => {
        const own = byKey.get(`${s.key}:0`);
        return {
          key: s.key,
          label: s.label,
          approved: own?.contentHash === SECTION_HASH,
          approvedBy: own?.approvedByName ?? null,
          approvedAt: own?.approvedAt ?? null,
          items: items
            .filter((i) => SECTION_OF[i.kind] === s.key)
            .map((i) => {
              const a = byKey.get(`${i.kind}:${i.id}`);
              const state: ItemState = isApproved(lookup(i.kind, i.id), i.hash)
                ? "approved"
                : a
                  ? "changed"
                  : "not-approved";
              return {
                kind: i.kind,
                id: i.id,
                label: labelOf(i, content),
                hash: i.hash,
                state,
                approvedBy: a?.approvedByName ?? null,
                approvedAt: a?.approvedAt ?? null,
              };
            }),
        };
      });
      return { enabled: content.partnership.enabled, sections };
    },

    /** Exactly what the public sees now (whether or not the pages are on): the preview. */
    async preview(actor: Actor): Promise<PublicContent> {
      requireAdmin(actor);
      const { content, approvals } = await contentOf(actor);
      return approvedOnly(content, approvalLookup(approvals));
    },

    async setEnabled(actor: Actor, enabled: boolean) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      return inTransaction(db, actor, async (work) => {
        const before = await data.findSite(work.tx, pid);
        const after = await data.writeSite(work.tx, pid, enabled);
        work.audit({
          partnershipId: pid,
          action: "public-site.update",
          entityType: "public_site",
          entityId: pid,
          before: before ? { enabled: before.enabled } : null,
          after: { enabled: after.enabled },
        });
        return after;
      });
    },

    /**
     * Approves a section (id 0) or an item for publication. An item's approval names the hash the
     * coordinator saw in the preview: if the item has changed since, nothing is approved.
     */
    async approve(actor: Actor, kind: string, id: number, seenHash: string) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      let hash = SECTION_HASH;
      if (isPublicSection(kind)) {
        if (id !== 0) throw new NotFoundError("That section");
      } else if (isPublicItemKind(kind)) {
        const { content } = await contentOf(actor);
        const current = itemsOf(content).find((i) => i.kind === kind && i.id === id);
        if (!current) throw new NotFoundError("That item");
        if (current.hash !== seenHash)
          throw new ValidationError([{ field: "item", message: CHANGED_MESSAGE }]);
        hash = current.hash;
      } else throw new NotFoundError("That item");
      return inTransaction(db, actor, async (work) => {
        const { before, after } = await data.writeApproval(work.tx, {
          partnershipId: pid,
          kind,
          itemId: id,
          contentHash: hash,
          userId: actorUserId(actor),
        });
        work.audit({
          partnershipId: pid,
          action: "publication.approve",
          entityType: "publication_approval",
          entityId: `${kind}:${id}`,
          before: before ? { kind, itemId: id, contentHash: before.contentHash } : null,
          after: { kind, itemId: id, contentHash: after.contentHash },
        });
        return after;
      });
    },

    /** Takes a section or an item off the public pages. */
    async withdraw(actor: Actor, kind: string, id: number) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      if (!isPublicSection(kind) && !isPublicItemKind(kind)) throw new NotFoundError("That item");
      return inTransaction(db, actor, async (work) => {
        const [before] = await data.deleteApproval(work.tx, pid, kind, id);
        if (!before) return;
        work.audit({
          partnershipId: pid,
          action: "publication.withdraw",
          entityType: "publication_approval",
          entityId: `${kind}:${id}`,
          before: { kind, itemId: id, contentHash: before.contentHash },
          after: null,
        });
      });
    },

    /** The public pages' content by slug; null when there is no such partnership or its pages are off. */
    async publicSite(slug: string): Promise<PublicContent | null> {
      const row = await data.findPartnershipBySlug(db, slug);
      if (!row || !row.enabled) return null;
      const [content, approvals] = await Promise.all([
        readCandidates(db, ratings, {
          id: row.id,
          slug: row.slug,
          name: row.name,
          areaName: row.areaName,
          enabled: true,
        }),
        data.listApprovals(db, row.id),
      ]);
      return approvedOnly(content, approvalLookup(approvals));
    },
  };
}

export type PublicationService = ReturnType<typeof createPublicationService>;
