// The kinds of record a coordinator can redact a passage from. Each says which of its fields hold
// written text, how to read them (with the earlier versions its audit entries keep) and how to write
// the redacted text back. Another kind of record joins by adding an entry to REDACTION_TARGETS.

import { listAuditEntries } from "../../data/audit.ts";
import {
  noteForRedaction,
  notesHolding,
  overrideForRedaction,
  overridesHolding,
  setNoteText,
  setOverrideReason,
  setUpdateText,
  updateForRedaction,
  updatesHolding,
} from "../../data/redactions.ts";
import type { Executor, Tx } from "../../db/database.ts";
import { redactText } from "../../domain/redaction.ts";

export interface RedactableField {
  key: string;
  label: string;
  /** The text the record holds now (a list of links one a line). */
  value: string;
  /** Earlier versions of the field kept in the record's own audit entries. */
  earlier: string[];
}

export interface RedactableRecord {
  kind: RedactionKind;
  id: number;
  /** "Update on 1.3: Relaunch the Sanctuary scheme", for headings and the audit log. */
  title: string;
  caption: string;
  /** The record's page under /p/:slug, where the coordinator returns. */
  path: string;
  /** How the record's changes are filed in the audit log. */
  audit: { entityType: string; entityId: number };
  fields: RedactableField[];
}

export interface RedactionTarget {
  load(
    ex: Executor,
    partnershipId: number,
    id: number,
    lock?: boolean,
  ): Promise<RedactableRecord | undefined>;
  /** The records of this kind that hold the passage in any field, for "also in …" after a redaction. */
  holding(
    ex: Executor,
    partnershipId: number,
    passage: string,
  ): Promise<{ id: number; label: string; path: string }[]>;
  /** Replaces the passage in the live record's field; the number of occurrences replaced. */
  write(
    tx: Tx,
    partnershipId: number,
    record: RedactableRecord,
    field: string,
    passage: string,
  ): Promise<number>;
}

/** Every string an audit entry's before/after held for `key` (a text, or a list of texts). */
function earlierValues(entries: { before: unknown; after: unknown }[], key: string): string[] {
  const values = new Set<string>();
  for (const e of entries) {
    for (const side of [e.before, e.after]) {
      if (side === null || typeof side !== "object") continue;
      const v = (side as Record<string, unknown>)[key];
      if (typeof v === "string" && v !== "") values.add(v);
      if (Array.isArray(v)) {
        for (const item of v) if (typeof item === "string" && item !== "") values.add(item);
      }
    }
  }
  return [...values];
}

const UPDATE_FIELDS = [
  { key: "narrative", label: "What has happened" },
  { key: "remedy", label: "What we are doing about it" },
  { key: "toNote", label: "Points to note" },
  { key: "evidenceLinks", label: "Evidence links" },
  { key: "reviewComment", label: "Coordinator's comment when returning it" },
] as const;
type UpdateTextKey = (typeof UPDATE_FIELDS)[number]["key"];

const updateTarget: RedactionTarget = {
  async load(ex, pid, id, lock) {
    const row = await updateForRedaction(ex, pid, id, lock);
    if (!row) return undefined;
    const u = row.update;
    const history = await listAuditEntries(ex, pid, {
      entityType: "update",
      entityId: String(id),
      limit: 1000,
    });
    return {
      kind: "update",
      id,
      title: `Update on ${row.commitmentNumber}: ${row.actionWhat}`,
      caption: row.roundName,
      path: `/updates/${id}`,
      audit: { entityType: "update", entityId: id },
      fields: UPDATE_FIELDS.map((f) => ({
        ...f,
        value: f.key === "evidenceLinks" ? u.evidenceLinks.join("\n") : u[f.key],
        earlier: earlierValues(history, f.key),
      })),
    };
  },
  async holding(ex, pid, passage) {
    return (await updatesHolding(ex, pid, passage)).map((id) => ({
      id,
      label: `update ${id}`,
      path: `/updates/${id}`,
    }));
  },
  async write(tx, pid, record, field, passage) {
    const row = await updateForRedaction(tx, pid, record.id, true);
    if (!row) return 0;
    const key = field as UpdateTextKey;
    if (key === "evidenceLinks") {
      const links = row.update.evidenceLinks.map((l) => redactText(l, passage));
      const count = links.reduce((n, l) => n + l.count, 0);
      if (count > 0) await setUpdateText(tx, pid, record.id, { evidenceLinks: links.map((l) => l.text) });
      return count;
    }
    const { text, count } = redactText(row.update[key], passage);
    if (count > 0) await setUpdateText(tx, pid, record.id, { [key]: text });
    return count;
  },
};

const overrideTarget: RedactionTarget = {
  async load(ex, pid, id, lock) {
    const row = await overrideForRedaction(ex, pid, id, lock);
    if (!row) return undefined;
    return {
      kind: "rating-override",
      id,
      title: `Rating override on ${row.commitmentNumber}: ${row.commitmentText}`,
      caption: "Rating override",
      path: `/commitments/${row.override.commitmentId}`,
      audit: { entityType: "commitment", entityId: row.override.commitmentId },
      // An override is never changed once made, so its reason has no earlier versions.
      fields: [{ key: "reason", label: "Reason for the override", value: row.override.reason, earlier: [] }],
    };
  },
  async holding(ex, pid, passage) {
    return (await overridesHolding(ex, pid, passage)).map((o) => ({
      id: o.id,
      label: `a rating override of commitment ${o.commitmentId}`,
      path: `/commitments/${o.commitmentId}`,
    }));
  },
  async write(tx, pid, record, _field, passage) {
    const row = await overrideForRedaction(tx, pid, record.id, true);
    if (!row) return 0;
    const { text, count } = redactText(row.override.reason, passage);
    if (count > 0) await setOverrideReason(tx, pid, record.id, text);
    return count;
  },
};

const indicatorNoteTarget: RedactionTarget = {
  async load(ex, pid, id, lock) {
    const row = await noteForRedaction(ex, pid, id, lock);
    if (!row) return undefined;
    return {
      kind: "indicator-note",
      id,
      title: `Definition note on ${row.indicatorName}`,
      caption: "Key statistic",
      path: `/indicators/${row.note.indicatorId}`,
      audit: { entityType: "indicator", entityId: row.note.indicatorId },
      // A note is never edited once added.
      fields: [{ key: "note", label: "Definition note", value: row.note.note, earlier: [] }],
    };
  },
  async holding(ex, pid, passage) {
    return (await notesHolding(ex, pid, passage)).map((n) => ({
      id: n.id,
      label: `a definition note of key statistic ${n.indicatorId}`,
      path: `/indicators/${n.indicatorId}`,
    }));
  },
  async write(tx, pid, record, _field, passage) {
    const row = await noteForRedaction(tx, pid, record.id, true);
    if (!row) return 0;
    const { text, count } = redactText(row.note.note, passage);
    if (count > 0) await setNoteText(tx, pid, record.id, text);
    return count;
  },
};

export const REDACTION_TARGETS = {
  update: updateTarget,
  "rating-override": overrideTarget,
  "indicator-note": indicatorNoteTarget,
} as const satisfies Record<string, RedactionTarget>;

export type RedactionKind = keyof typeof REDACTION_TARGETS;
