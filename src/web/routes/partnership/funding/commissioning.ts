// The contract register (issue 14): every member reads the register and each contract's milestone
// timeline; the coordinator (admin) adds and changes contracts and edits the milestone list.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { formatPence } from "../../../../domain/funding/commissioning-money.ts";
import {
  CONTRACT_REMINDER_RULE,
  contractRemindersDue,
  contractReminderText,
} from "../../../../domain/funding/contract-reminders.ts";
import {
  MILESTONE_RULE,
  MILESTONE_STATUS_LABELS,
  milestoneCounts,
  milestoneStatus,
} from "../../../../domain/funding/milestones.ts";
import { COMMISSIONING_STAGES, labelOf } from "../../../../domain/funding/vocabulary.ts";
import { addDays, ukDateOf } from "../../../../domain/periods.ts";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import { formValues, statesIdentifiesNobody } from "../../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../../helpers.ts";
import {
  CONTRACT_ANCHORS,
  contractFormValues,
  contractToForm,
  MILESTONE_ANCHORS,
  milestoneRowsOf,
  milestoneRowsTyped,
  readContractForm,
  readMilestoneForm,
} from "./commissioning-forms.ts";

/** The register's filters from the query string; anything unknown is ignored, never an error. */
export function registerFilters(query: unknown) {
  const q = (query ?? {}) as Record<string, unknown>;
  const stage = COMMISSIONING_STAGES.some((s) => s.value === q.stage) ? String(q.stage) : "";
  const ending = q.ending === "12" ? "12" : "";
  return { stage, ending };
}

export function registerCommissioningRoutes(app: FastifyInstance, services: Services): void {
  const { commissioning, organisations } = services;
  const memberPage = { config: { access: "member" as const, cache: "page" as const } };
  const admin = { config: { access: "admin" as const } };
  const today = () => ukDateOf(new Date());

  app.get("/contracts", memberPage, async (request, reply) => {
    const actor = actorOf(request);
    const filters = registerFilters(request.query);
    const day = today();
    const yearAhead = addDays(day, 365);
    const all = await commissioning.list(actor);
    const rows = all
      .filter((c) => !filters.stage || c.stage === filters.stage)
      .filter((c) => !filters.ending || (c.endsOn !== null && c.endsOn >= day && c.endsOn <= yearAhead))
      .map((c) => ({
        ...c,
        provider: c.providerOrganisationName ?? c.providerName,
        stageText: labelOf(COMMISSIONING_STAGES, c.stage),
        valueText: c.annualValuePence === null ? "" : formatPence(c.annualValuePence),
        counts: milestoneCounts(c.milestones, day),
        reminders: contractRemindersDue(c, day).map(contractReminderText),
      }));
    const attention = all
      .map((c) => ({ id: c.id, service: c.service, reminders: contractRemindersDue(c, day) }))
      .filter((c) => c.reminders.length > 0)
      .map((c) => ({ ...c, reminders: c.reminders.map((r) => ({ ...r, text: contractReminderText(r) })) }));
    return reply.page("funding/commissioning/list", {
      title: "Contract register",
      rows,
      total: all.length,
      filters,
      stages: COMMISSIONING_STAGES,
      attention,
      reminderRule: CONTRACT_REMINDER_RULE,
    });
  });

  async function formContext(request: FastifyRequest) {
    const actor = actorOf(request);
    const [orgs, streams] = await Promise.all([
      organisations.list(actor),
      commissioning.streamChoices(actor),
    ]);
    return {
      organisations: orgs.map((o) => ({ id: o.id, name: o.name })),
      streams,
      stages: COMMISSIONING_STAGES,
    };
  }

  const contractPage = async (
    request: FastifyRequest,
    values: Record<string, unknown>,
    contractId?: number,
  ) => ({
    template: "funding/commissioning/form",
    title: contractId ? "Change contract" : "Add a contract",
    context: { ...(await formContext(request)), contractId },
    values,
    anchors: CONTRACT_ANCHORS,
  });

  app.get("/contracts/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    return reply.page("funding/commissioning/form", {
      title: "Add a contract",
      ...(await formContext(request)),
      values: { stage: "analyse", reminderMonths: "12, 6" },
    });
  });

  app.post("/contracts/new", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = await contractPage(request, contractFormValues(values));
    const read = readContractForm(values, true);
    if (!read.ok) return renderFormErrors(reply, page, read.errors);
    const result = await handleFormErrors(reply, page, () =>
      commissioning.create(actor, read.input, {
        procurement: read.procurement,
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.service} added`);
    return reply.redirect(`${base(request)}/contracts/${result.value.id}`, 303);
  });

  app.get("/contracts/:contractId", memberPage, async (request, reply) => {
    const actor = actorOf(request);
    const { contract, milestones } = await commissioning.detail(actor, idParam(request, "contractId"));
    const day = today();
    return reply.page("funding/commissioning/show", {
      title: contract.service,
      contract,
      provider: contract.providerOrganisationName ?? contract.providerName,
      stageText: labelOf(COMMISSIONING_STAGES, contract.stage),
      valueText: contract.annualValuePence === null ? "" : formatPence(contract.annualValuePence),
      milestones: milestones.map((m) => {
        const status = milestoneStatus(m, day);
        return { ...m, status, tag: MILESTONE_STATUS_LABELS[status] };
      }),
      counts: milestoneCounts(milestones, day),
      rule: MILESTONE_RULE,
      reminders: contractRemindersDue(contract, day).map(contractReminderText),
      reminderRule: CONTRACT_REMINDER_RULE,
    });
  });

  app.get("/contracts/:contractId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const contract = await commissioning.get(actor, idParam(request, "contractId"));
    return reply.page("funding/commissioning/form", {
      title: "Change contract",
      ...(await formContext(request)),
      contractId: contract.id,
      values: contractToForm(contract),
    });
  });

  app.post("/contracts/:contractId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const contract = await commissioning.get(actor, idParam(request, "contractId"));
    const values = formValues(request.body);
    const page = await contractPage(request, contractFormValues(values), contract.id);
    const read = readContractForm(values, false);
    const version = Number(values.version);
    if (!read.ok) return renderFormErrors(reply, page, read.errors);
    const result = await handleFormErrors(reply, page, () =>
      commissioning.update(actor, contract.id, Number.isSafeInteger(version) ? version : -1, read.input, {
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.service} updated`);
    return reply.redirect(`${base(request)}/contracts/${contract.id}`, 303);
  });

  app.get("/contracts/:contractId/milestones", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { contract, milestones } = await commissioning.detail(actor, idParam(request, "contractId"));
    return reply.page("funding/commissioning/milestones", {
      title: "Procurement milestones",
      contract,
      rows: milestoneRowsOf(milestones),
      values: { version: contract.version },
    });
  });

  app.post("/contracts/:contractId/milestones", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const contract = await commissioning.get(actor, idParam(request, "contractId"));
    const values = formValues(request.body);
    const typed = milestoneRowsTyped(values);
    const page = {
      template: "funding/commissioning/milestones",
      title: "Procurement milestones",
      context: { contract, rows: typed },
      values,
      anchors: MILESTONE_ANCHORS(typed.length + 60),
    };
    const read = readMilestoneForm(values);
    if (read.errors.length > 0) return renderFormErrors(reply, page, read.errors);
    const version = Number(values.version);
    const result = await handleFormErrors(reply, page, () =>
      commissioning.saveMilestones(
        actor,
        contract.id,
        Number.isSafeInteger(version) ? version : -1,
        read.rows,
      ),
    );
    if (!result.ok) return reply;
    flash(request, read.moved ? "Milestone moved" : "Milestones saved");
    // After a move the list stays open for more changes; after saving, the timeline shows the result.
    return reply.redirect(`${base(request)}/contracts/${contract.id}${read.moved ? "/milestones" : ""}`, 303);
  });
}
