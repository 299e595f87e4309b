// Funding streams: the list with totals (every member), one stream with its contributions, years and
// allocations (every member; spend links for those who may see it), and the coordinator's forms for a
// stream and for the variance threshold.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { StreamRow } from "../../../../data/funding/streams.ts";
import { describeThreshold } from "../../../../domain/funding/allocation.ts";
import { poundsInputValue } from "../../../../domain/funding/money.ts";
import { FUNDING_KINDS } from "../../../../domain/funding/vocabulary.ts";
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
  parseForm,
  readDates,
  STREAM_DATES,
  settingsSchema,
  streamSchema,
  versionField,
  yearOptions,
} from "./forms.ts";

const DATE_ANCHORS = Object.fromEntries(STREAM_DATES.map((d) => [d.name, `${d.name}-day`]));

/** A stored stream as the form's values. */
function streamValues(stream: StreamRow): Record<string, unknown> {
  const values: Record<string, unknown> = {
    ...stream,
    funderOrganisationId: stream.funderOrganisationId === null ? "" : String(stream.funderOrganisationId),
    firstYearStart: String(stream.firstYearStart),
    lastYearStart: String(stream.lastYearStart),
    version: String(stream.version),
  };
  for (const d of STREAM_DATES) {
    const parts = dateParts(stream[d.name]);
    values[`${d.name}-day`] = parts.day;
    values[`${d.name}-month`] = parts.month;
    values[`${d.name}-year`] = parts.year;
  }
  return values;
}

export function registerFundingStreamRoutes(app: FastifyInstance, services: Services): void {
  const { funding } = services;
  const admin = { config: { access: "admin" as const } };
  const memberPage = { config: { access: "member" as const, cache: "page" as const } };

  async function streamPage(
    request: FastifyRequest,
    values: Record<string, unknown>,
    streamId?: number,
  ): Promise<FormPage> {
    const choices = await funding.choices(actorOf(request));
    return {
      template: "funding/streams/form",
      title: streamId ? "Change the funding stream" : "Add a funding stream",
      context: {
        streamId,
        kinds: FUNDING_KINDS,
        organisations: choices.organisations,
        firstYears: yearOptions(values.firstYearStart),
        lastYears: yearOptions(values.lastYearStart),
        dates: STREAM_DATES,
      },
      values,
      anchors: DATE_ANCHORS,
    };
  }

  /** The stream form → the service's input, or the errors (every one at once). */
  function readStream(values: ReturnType<typeof formValues>) {
    const parsed = parseForm(streamSchema, values);
    const { dates, errors: dateErrors } = readDates(values, STREAM_DATES);
    const errors = [...(parsed.ok ? [] : parsed.errors), ...dateErrors];
    if (!parsed.ok || errors.length > 0) return { errors };
    const { award, ...rest } = parsed.data;
    return {
      errors,
      award,
      input: { ...rest, ...dates, identifiesNobody: statesIdentifiesNobody(values) },
    };
  }

  app.get("/funding", memberPage, async (request, reply) => {
    const overview = await funding.overview(actorOf(request));
    return reply.page("funding/streams/list", { title: "Funding", ...overview });
  });

  app.get("/funding/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const year = String(
      new Date().getUTCMonth() >= 3 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1,
    );
    const page = await streamPage(request, { firstYearStart: year, lastYearStart: year, kind: "grant" });
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/funding/new", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = await streamPage(request, values);
    const read = readStream(values);
    if (!read.input) return renderFormErrors(reply, page, read.errors);
    const { input, award } = read;
    const result = await handleFormErrors(reply, page, () => funding.createStream(actor, input, award));
    if (!result.ok) return reply;
    flash(request, `${result.value.name} added`);
    return reply.redirect(`${base(request)}/funding/${result.value.id}`, 303);
  });

  app.get("/funding/settings", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const threshold = await funding.threshold(actor);
    return reply.page("funding/streams/settings", {
      title: "Funding settings",
      values: {
        percent: String(threshold.percent ?? ""),
        pence: poundsInputValue(threshold.pence),
        version: threshold.version === null ? "" : String(threshold.version),
      },
      rule: describeThreshold(threshold, "or more"),
    });
  });

  app.post("/funding/settings", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const threshold = await funding.threshold(actor);
    const page = {
      template: "funding/streams/settings",
      title: "Funding settings",
      context: { rule: describeThreshold(threshold, "or more") },
      values,
    };
    const parsed = parseForm(settingsSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { percent, pence, version } = parsed.data;
    const result = await handleFormErrors(reply, page, () =>
      funding.saveSettings(actor, version, { percent, pence }),
    );
    if (!result.ok) return reply;
    flash(request, "Funding settings saved");
    return reply.redirect(`${base(request)}/funding`, 303);
  });

  app.get("/funding/:streamId", memberPage, async (request, reply) => {
    const detail = await funding.stream(actorOf(request), idParam(request, "streamId"));
    return reply.page("funding/streams/show", { title: detail.stream.name, ...detail });
  });

  app.get("/funding/:streamId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { stream } = await funding.stream(actor, idParam(request, "streamId"));
    const page = await streamPage(request, streamValues(stream), stream.id);
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/funding/:streamId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { stream } = await funding.stream(actor, idParam(request, "streamId"));
    const values = formValues(request.body);
    const page = await streamPage(request, values, stream.id);
    const read = readStream(values);
    const version = versionField.safeParse(values.version);
    if (!read.input || !version.success) {
      const errors = version.success
        ? read.errors
        : [...read.errors, { field: "form", message: "The form is out of date; open it again" }];
      return renderFormErrors(reply, page, errors);
    }
    const { input } = read;
    const result = await handleFormErrors(reply, page, () =>
      funding.updateStream(actor, stream.id, version.data, input),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.name} updated`);
    return reply.redirect(`${base(request)}/funding/${stream.id}`, 303);
  });
}
