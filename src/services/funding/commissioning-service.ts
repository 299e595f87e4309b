// The contract register (issue 14): contracts, their procurement milestones. Admins manage; every
// member reads. Each change is one transaction with its audit entries; edits are versioned.
import { and, eq, inArray } from "drizzle-orm";
import * as data from "../../data/funding/commissioning.ts";
import { updateVersioned } from "../../data/versioned.ts";
import type { Db, Executor } from "../../db/database.ts";
import { contractMilestones, contracts } from "../../db/schema-funding.ts";
import {
  contractRemindersDue,
  contractReminderText,
  normaliseReminderMonths,
} from "../../domain/funding/contract-reminders.ts";
import { COMMISSIONING_STAGES, DEFAULT_PROCUREMENT_MILESTONES } from "../../domain/funding/vocabulary.ts";
import type { Actor } from "../actor.ts";
import { type FieldError, NotFoundError, ValidationError } from "../errors.ts";
import { found, partnershipOf, requireAdmin } from "../permissions.ts";
import { type GuardOptions, guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";

export interface ContractInput {
  service: string;
  reference: string;
  providerOrganisationId: number | null;
  providerName: string;
  fundingStreamId: number | null;
  stage: string;
  /** domain/region/vocabulary.ts SERVICE_TYPES, or "" (other); left as it is when absent. */
  serviceType?: string;
  annualValuePence: number | null;
  startsOn: string | null;
  endsOn: string | null;
  latestEndOn: string | null;
  extensionDecisionDueOn: string | null;
  reminderMonths: number[];
  notes: string;
}

export interface MilestoneInput {
  /** An existing milestone of this contract, or null for a new one. */
  id: number | null;
  name: string;
  plannedOn: string | null;
  actualOn: string | null;
}

/** The order rules of a contract's dates, each reported on the later field. */
function dateErrors(input: ContractInput): FieldError[] {
  const errors: FieldError[] = [];
  const { startsOn, endsOn, latestEndOn, extensionDecisionDueOn } = input;
  if (startsOn && endsOn && endsOn <= startsOn)
    errors.push({ field: "endsOn", message: "The end date must be after the start date" });
  if (endsOn && latestEndOn && latestEndOn < endsOn)
    errors.push({
      field: "latestEndOn",
      message: "The latest possible end must be on or after the end date",
    });
  if (latestEndOn && !endsOn)
    errors.push({ field: "endsOn", message: "Enter the end date before the latest possible end" });
  if (extensionDecisionDueOn && endsOn && extensionDecisionDueOn > endsOn)
    errors.push({
      field: "extensionDecisionDueOn",
      message: "The extension decision must be due on or before the end date",
    });
  return errors;
}

export function createCommissioningService(db: Db) {
  async function validate(ex: Executor, pid: number, input: ContractInput): Promise<void> {
    const errors: FieldError[] = [];
    if (!COMMISSIONING_STAGES.some((s) => s.value === input.stage))
      errors.push({ field: "stage", message: "Select the commissioning stage" });
    if (input.providerOrganisationId === null && !input.providerName.trim())
      errors.push({ field: "providerOrganisationId", message: "Select the provider, or enter its name" });
    if (
      input.providerOrganisationId !== null &&
      !(await data.organisationBelongs(ex, pid, input.providerOrganisationId))
    )
      errors.push({ field: "providerOrganisationId", message: "Select an organisation of this partnership" });
    if (input.fundingStreamId !== null && !(await data.streamBelongs(ex, pid, input.fundingStreamId)))
      errors.push({ field: "fundingStreamId", message: "Select a funding stream of this partnership" });
    errors.push(...dateErrors(input));
    if (errors.length > 0) throw new ValidationError(errors);
  }

  /** Only the input's own fields are written, whatever else a caller's object carries. */
  const normalise = (input: ContractInput) => ({
    service: input.service.trim(),
    reference: input.reference.trim(),
    providerOrganisationId: input.providerOrganisationId,
    // A partner organisation is the provider: no second name beside it.
    providerName: input.providerOrganisationId === null ? input.providerName.trim() : "",
    fundingStreamId: input.fundingStreamId,
    stage: input.stage,
    ...(input.serviceType === undefined ? {} : { serviceType: input.serviceType }),
    annualValuePence: input.annualValuePence,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    latestEndOn: input.latestEndOn,
    extensionDecisionDueOn: input.extensionDecisionDueOn,
    reminderMonths: normaliseReminderMonths(input.reminderMonths),
    notes: input.notes,
  });

  async function contractOf(ex: Executor, actor: Actor, id: number) {
    return found(await data.findContract(ex, partnershipOf(actor), id), "That contract");
  }

  return {
    /** The register, with each contract's milestones (two statements whatever the size). */
    async list(actor: Actor) {
      const pid = partnershipOf(actor);
      const [rows, milestones] = await Promise.all([
        data.listContracts(db, pid),
        data.listMilestones(db, pid),
      ]);
      const byContract = new Map<number, data.MilestoneRow[]>();
      for (const m of milestones) byContract.set(m.contractId, [...(byContract.get(m.contractId) ?? []), m]);
      return rows.map((c) => ({ ...c, milestones: byContract.get(c.id) ?? [] }));
    },

    get: (actor: Actor, id: number) => contractOf(db, actor, id),

    /** The contracts with a reminder in force on `today`, for the coordinator's home (one statement). */
    async remindersInForce(actor: Actor, today: string) {
      const rows = await data.listContracts(db, partnershipOf(actor));
      return rows
        .map((c) => ({ id: c.id, service: c.service, reminders: contractRemindersDue(c, today) }))
        .filter((c) => c.reminders.length > 0)
        .map((c) => ({ ...c, text: c.reminders.map(contractReminderText).join("; ") }));
    },

    async detail(actor: Actor, id: number) {
      const contract = await contractOf(db, actor, id);
      const milestones = await data.listMilestones(db, partnershipOf(actor), [id]);
      return { contract, milestones };
    },

    streamChoices: (actor: Actor) => data.listStreamChoices(db, partnershipOf(actor)),

    /** A new contract; one being procured starts with the usual milestones, to be edited. */
    async create(actor: Actor, input: ContractInput, options: GuardOptions & { procurement: boolean }) {
      requireAdmin(actor);
      const flagged = guardText({ notes: input.notes }, options);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        await validate(tx, pid, input);
        const [row] = await tx
          .insert(contracts)
          .values({ ...normalise(input), partnershipId: pid })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        const seeded = options.procurement
          ? await tx
              .insert(contractMilestones)
              .values(
                DEFAULT_PROCUREMENT_MILESTONES.map((name, position) => ({
                  partnershipId: pid,
                  contractId: row.id,
                  position,
                  name,
                })),
              )
              .returning()
          : [];
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: "contract",
          entityId: row.id,
        });
        audit({
          partnershipId: pid,
          action: "contract.create",
          entityType: "contract",
          entityId: row.id,
          after: { ...row, milestones: seeded.map((m) => m.name) },
        });
        return row;
      });
    },

    async update(
      actor: Actor,
      id: number,
      expectedVersion: number,
      input: ContractInput,
      options: GuardOptions = {},
    ) {
      requireAdmin(actor);
      const flagged = guardText({ notes: input.notes }, options);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        await contractOf(tx, actor, id);
        await validate(tx, pid, input);
        const { before, after } = unwrapUpdate(
          await updateVersioned(tx, contracts, { partnershipId: pid, id, expectedVersion }, normalise(input)),
          "That contract",
        );
        recordAcknowledgement(audit, flagged, { partnershipId: pid, entityType: "contract", entityId: id });
        audit({
          partnershipId: pid,
          action: "contract.update",
          entityType: "contract",
          entityId: id,
          before,
          after,
        });
        return after;
      });
    },

    /**
     * Replaces the contract's milestone list with `rows`, in their order: rows with an id rename or
     * re-date that milestone, rows without one are added, milestones not listed are removed. The
     * contract's version guards the whole list, so two people editing it at once cannot interleave.
     */
    async saveMilestones(actor: Actor, contractId: number, expectedVersion: number, rows: MilestoneInput[]) {
      requireAdmin(actor);
      const errors: FieldError[] = [];
      rows.forEach((r, i) => {
        if (!r.name.trim())
          errors.push({ field: `milestone-${i}-name`, message: `Enter milestone ${i + 1}'s name` });
      });
      if (errors.length > 0) throw new ValidationError(errors);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        await contractOf(tx, actor, contractId);
        const before = await data.listMilestones(tx, pid, [contractId]);
        const known = new Set(before.map((m) => m.id));
        for (const r of rows)
          if (r.id !== null && !known.has(r.id)) throw new NotFoundError("That milestone");
        unwrapUpdate(
          await updateVersioned(tx, contracts, { partnershipId: pid, id: contractId, expectedVersion }, {}),
          "That contract",
        );
        const kept = new Set(rows.flatMap((r) => (r.id === null ? [] : [r.id])));
        const removed = before.filter((m) => !kept.has(m.id)).map((m) => m.id);
        if (removed.length > 0) {
          await tx
            .delete(contractMilestones)
            .where(and(eq(contractMilestones.partnershipId, pid), inArray(contractMilestones.id, removed)));
        }
        for (const [position, r] of rows.entries()) {
          const values = { position, name: r.name.trim(), plannedOn: r.plannedOn, actualOn: r.actualOn };
          if (r.id === null) {
            await tx.insert(contractMilestones).values({ ...values, partnershipId: pid, contractId });
            continue;
          }
          const old = before.find((m) => m.id === r.id);
          const same =
            old &&
            old.position === position &&
            old.name === values.name &&
            old.plannedOn === values.plannedOn &&
            old.actualOn === values.actualOn;
          if (same) continue;
          await tx
            .update(contractMilestones)
            .set(values)
            .where(and(eq(contractMilestones.partnershipId, pid), eq(contractMilestones.id, r.id)));
        }
        const after = await data.listMilestones(tx, pid, [contractId]);
        const shape = (list: data.MilestoneRow[]) =>
          list.map((m) => ({ name: m.name, plannedOn: m.plannedOn, actualOn: m.actualOn }));
        audit({
          partnershipId: pid,
          action: "contract-milestones.update",
          entityType: "contract",
          entityId: contractId,
          before: { milestones: shape(before) },
          after: { milestones: shape(after) },
        });
        return after;
      });
    },
  };
}

export type CommissioningService = ReturnType<typeof createCommissioningService>;
