// A stream's contributions and allocations (the coordinator's forms), an allocation's quarterly spend
// (the coordinator and the lead organisation's editors), and the coordinator's entry of a quarter.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AllocationRow, ContributionRow } from "../../../../data/funding/streams.ts";
import {
  ALLOCATION_TARGET_KINDS,
  describeThreshold,
  targetOf,
} from "../../../../domain/funding/allocation.ts";
import { poundsInputValue } from "../../../../domain/funding/money.ts";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import { dateParts, formValues, statesIdentifiesNobody } from "../../../forms.ts";
import {
  actorOf,
  base,
  type FormPage,
  flash,
  handleFormErrors,
  idParam,
  renderFormErrors,
} from "../../helpers.ts";
import {
  allocationSchema,
  contributionSchema,
  parseForm,
  quarterSchema,
  readDates,
  readTarget,
  spendSchema,
  versionField,
  yearOptions,
} from "./forms.ts";

const RECEIVED_DATE = [{ name: "receivedOn", label: "The date received" }] as const;
const outOfDate = { field: "form", message: "The form is out of date; open it again" };

function contributionValues(c: ContributionRow): Record<string, unknown> {
  const d = dateParts(c.receivedOn);
  return {
    contributorOrganisationId:
      c.contributorOrganisationId === null ? "" : String(c.contributorOrganisationId),
    contributorName: c.contributorName,
    yearStart: String(c.yearStart),
    amount: poundsInputValue(c.amountPence),
    received: c.received ? "yes" : "no",
    "receivedOn-day": d.day,
    "receivedOn-month": d.month,
    "receivedOn-year": d.year,
    version: String(c.version),
  };
}

function allocationValues(a: AllocationRow): Record<string, unknown> {
  const target = targetOf(a);
  return {
    yearStart: String(a.yearStart),
    targetKind: target.kind,
    actionId: a.actionId === null ? "" : String(a.actionId),
    commitmentId: a.commitmentId === null ? "" : String(a.commitmentId),
    contractId: a.contractId === null ? "" : String(a.contractId),
    projectName: a.projectName,
    serviceType: a.serviceType,
    amount: poundsInputValue(a.amountPence),
    notes: a.notes,
    version: String(a.version),
  };
}

export function registerFundingAllocationRoutes(app: FastifyInstance, services: Services): void {
  const { funding, fundingAllocations, fundingSpend } = services;
  const admin = { config: { access: "admin" as const } };
  const member = { config: { access: "member" as const } };

  async function streamOf(request: FastifyRequest, streamId: number) {
    return (await funding.stream(actorOf(request), streamId)).stream;
  }

  // Contributions

  async function contributionPage(
    request: FastifyRequest,
    streamId: number,
    values: Record<string, unknown>,
    contributionId?: number,
  ): Promise<FormPage> {
    const stream = await streamOf(request, streamId);
    const choices = await funding.choices(actorOf(request));
    const years = yearOptions(values.yearStart).filter(
      (y) => Number(y.value) >= stream.firstYearStart && Number(y.value) <= stream.lastYearStart,
    );
    return {
      template: "funding/streams/contribution-form",
      title: contributionId ? "Change the contribution" : "Add a contribution",
      context: { stream, contributionId, organisations: choices.organisations, years },
      values,
      anchors: { receivedOn: "receivedOn-day", received: "received" },
    };
  }

  function readContribution(values: ReturnType<typeof formValues>) {
    const parsed = parseForm(contributionSchema, values);
    const { dates, errors: dateErrors } = readDates(values, RECEIVED_DATE);
    const errors = [...(parsed.ok ? [] : parsed.errors), ...dateErrors];
    if (!parsed.ok || errors.length > 0) return { errors };
    const { amount, received, ...rest } = parsed.data;
    return {
      errors,
      input: { ...rest, amountPence: amount, received: received === "yes", receivedOn: dates.receivedOn },
    };
  }

  app.get("/funding/:streamId/contributions/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const streamId = idParam(request, "streamId");
    const stream = await streamOf(request, streamId);
    const page = await contributionPage(request, streamId, {
      yearStart: String(stream.firstYearStart),
      received: "no",
    });
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/funding/:streamId/contributions/new", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const streamId = idParam(request, "streamId");
    const values = formValues(request.body);
    const page = await contributionPage(request, streamId, values);
    const read = readContribution(values);
    if (!read.input) return renderFormErrors(reply, page, read.errors);
    const { input } = read;
    const result = await handleFormErrors(reply, page, () => funding.addContribution(actor, streamId, input));
    if (!result.ok) return reply;
    flash(request, "Contribution added");
    return reply.redirect(`${base(request)}/funding/${streamId}`, 303);
  });

  async function contributionOf(request: FastifyRequest) {
    return funding.contribution(actorOf(request), idParam(request, "contributionId"));
  }

  app.get("/contributions/:contributionId/edit", admin, async (request, reply) => {
    const c = await contributionOf(request);
    const page = await contributionPage(request, c.streamId, contributionValues(c), c.id);
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/contributions/:contributionId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    const c = await contributionOf(request);
    const values = formValues(request.body);
    const page = await contributionPage(request, c.streamId, values, c.id);
    const read = readContribution(values);
    const version = versionField.safeParse(values.version);
    if (!read.input || !version.success)
      return renderFormErrors(reply, page, version.success ? read.errors : [...read.errors, outOfDate]);
    const { input } = read;
    const result = await handleFormErrors(reply, page, () =>
      funding.updateContribution(actor, c.id, version.data, input),
    );
    if (!result.ok) return reply;
    flash(request, "Contribution updated");
    return reply.redirect(`${base(request)}/funding/${c.streamId}`, 303);
  });

  // Allocations

  async function allocationPage(
    request: FastifyRequest,
    streamId: number,
    values: Record<string, unknown>,
    allocationId?: number,
  ): Promise<FormPage> {
    const stream = await streamOf(request, streamId);
    const choices = await funding.choices(actorOf(request));
    const years = yearOptions(values.yearStart).filter(
      (y) => Number(y.value) >= stream.firstYearStart && Number(y.value) <= stream.lastYearStart,
    );
    return {
      template: "funding/allocations/form",
      title: allocationId ? "Change the allocation" : "Allocate funding",
      context: { stream, allocationId, years, targetKinds: ALLOCATION_TARGET_KINDS, ...choices },
      values,
      anchors: { targetKind: "targetKind" },
    };
  }

  function readAllocation(values: ReturnType<typeof formValues>) {
    const parsed = parseForm(allocationSchema, values);
    if (!parsed.ok) return { errors: parsed.errors };
    const target = readTarget(parsed.data);
    if ("error" in target) return { errors: [target.error] };
    const { yearStart, amount, notes, serviceType } = parsed.data;
    return {
      errors: [],
      input: { yearStart, amountPence: amount, notes, serviceType, target: target.target },
    };
  }

  app.get("/funding/:streamId/allocations/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const streamId = idParam(request, "streamId");
    const stream = await streamOf(request, streamId);
    const page = await allocationPage(request, streamId, {
      yearStart: String(stream.firstYearStart),
      targetKind: "action",
    });
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/funding/:streamId/allocations/new", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const streamId = idParam(request, "streamId");
    const values = formValues(request.body);
    const page = await allocationPage(request, streamId, values);
    const read = readAllocation(values);
    if (!read.input) return renderFormErrors(reply, page, read.errors);
    const { input } = read;
    const result = await handleFormErrors(reply, page, () =>
      fundingAllocations.create(actor, streamId, input),
    );
    if (!result.ok) return reply;
    flash(request, "Allocation added");
    return reply.redirect(`${base(request)}/funding/${streamId}`, 303);
  });

  app.get("/allocations/:allocationId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const detail = await funding.allocation(actor, idParam(request, "allocationId"));
    const page = await allocationPage(
      request,
      detail.allocation.streamId,
      allocationValues(detail.allocation),
      detail.allocation.id,
    );
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/allocations/:allocationId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { allocation } = await funding.allocation(actor, idParam(request, "allocationId"));
    const values = formValues(request.body);
    const page = await allocationPage(request, allocation.streamId, values, allocation.id);
    const read = readAllocation(values);
    const version = versionField.safeParse(values.version);
    if (!read.input || !version.success)
      return renderFormErrors(reply, page, version.success ? read.errors : [...read.errors, outOfDate]);
    const { input } = read;
    const result = await handleFormErrors(reply, page, () =>
      fundingAllocations.update(actor, allocation.id, version.data, input),
    );
    if (!result.ok) return reply;
    flash(request, "Allocation updated");
    return reply.redirect(`${base(request)}/allocations/${allocation.id}`, 303);
  });

  app.get("/allocations/:allocationId", member, async (request, reply) => {
    const detail = await funding.allocation(actorOf(request), idParam(request, "allocationId"));
    return reply.page("funding/allocations/show", {
      title: `Spend: ${detail.target.text}`,
      ...detail,
      rule: describeThreshold(detail.threshold, "or more"),
    });
  });

  // The coordinator enters a quarter (?quarter=2 opens that quarter, with what is stored for it).

  async function spendPage(
    request: FastifyRequest,
    quarter: number,
    values: Record<string, unknown>,
  ): Promise<FormPage> {
    const actor = actorOf(request);
    const detail = await fundingSpend.quarter(actor, idParam(request, "allocationId"), quarter);
    const threshold = await funding.threshold(actor);
    return {
      template: "funding/allocations/spend-form",
      title: "Enter a quarter's spend",
      context: { ...detail, rule: describeThreshold(threshold, "or more"), quarters: [1, 2, 3, 4] },
      values,
    };
  }

  app.get("/allocations/:allocationId/spend", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const raw = String((request.query as { quarter?: unknown }).quarter ?? "1");
    const quarter = /^[1-4]$/.test(raw) ? Number(raw) : 1;
    const page = await spendPage(request, quarter, {});
    const spend = (
      page.context as {
        spend: null | {
          budgetPence: number;
          committedPence: number;
          actualPence: number;
          forecastPence: number;
          explanation: string;
          version: number;
        };
      }
    ).spend;
    const allocation = (page.context as { allocation: AllocationRow }).allocation;
    const values = {
      quarter: String(quarter),
      budget: poundsInputValue(spend?.budgetPence ?? allocation.amountPence),
      committed: poundsInputValue(spend?.committedPence),
      actual: poundsInputValue(spend?.actualPence),
      forecast: poundsInputValue(spend?.forecastPence ?? allocation.amountPence),
      explanation: spend?.explanation ?? "",
      version: spend ? String(spend.version) : "",
    };
    return reply.page(page.template, { ...page.context, title: page.title, values });
  });

  app.post("/allocations/:allocationId/spend", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const q = parseForm(quarterSchema, values);
    const page = await spendPage(request, q.ok ? q.data.quarter : 1, values);
    const figures = parseForm(spendSchema(), values);
    if (!q.ok || !figures.ok)
      return renderFormErrors(reply, page, [
        ...(q.ok ? [] : q.errors),
        ...(figures.ok ? [] : figures.errors),
      ]);
    const f = figures.data as Record<string, number | string | null>;
    const allocationId = idParam(request, "allocationId");
    const result = await handleFormErrors(reply, page, () =>
      fundingSpend.enter(actor, allocationId, q.data.version, {
        quarter: q.data.quarter,
        budgetPence: f.budget as number,
        committedPence: (f.committed as number | null) ?? 0,
        actualPence: (f.actual as number | null) ?? 0,
        forecastPence: f.forecast as number,
        explanation: String(f.explanation ?? ""),
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, `Spend for quarter ${q.data.quarter} saved`);
    return reply.redirect(`${base(request)}/allocations/${allocationId}`, 303);
  });
}
