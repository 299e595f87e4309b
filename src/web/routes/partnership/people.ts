import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import { formValues, parseForm } from "../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../helpers.ts";
import { escapeHtml } from "./admin.ts";

// The coordinator's People pages: who is in the partnership, with which organisation and role. An
// account can belong to several partnerships; a coordinator changes only their own partnership's
// membership, and the account's name only when no other partnership uses the account.

export const ROLES = [
  {
    value: "admin",
    text: "Coordinator (admin)",
    hint: "Sets up the strategy, partners and people; opens update rounds; produces reports",
  },
  { value: "editor", text: "Partner editor", hint: "Updates the actions their organisation leads" },
  { value: "viewer", text: "Viewer", hint: "Reads everything, changes nothing" },
] as const;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const text = (message: string, max: number) =>
  z.string().trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
const organisationIdField = z.coerce
  .number({ message: "Select the person's organisation" })
  .int("Select the person's organisation")
  .positive("Select the person's organisation");
const roleField = z.enum(["admin", "editor", "viewer"], {
  message: "Select what the person can do in Waymark",
});
const personName = text("Enter the person's full name", 200);

export const personSchema = z.object({
  email: text("Enter the person's email address", 254).regex(
    EMAIL_PATTERN,
    "Enter an email address in the correct format, like name@example.org",
  ),
  name: personName,
  organisationId: organisationIdField,
  role: roleField,
  // The full rule (domain/password-rule.ts) is applied by the service, which knows the e-mail.
  password: z.string().max(200, "Your password must be 200 characters or fewer").default(""),
});

/** The name is left out of the form when the account is shared, so it is optional here. */
export const membershipSchema = z.object({
  name: personName.optional(),
  organisationId: organisationIdField,
  role: roleField,
  version: z.coerce.number().int().positive(),
});

export function registerPeopleRoutes(app: FastifyInstance, services: Services): void {
  const { organisations, people } = services;
  const admin = { config: { access: "admin" as const } };

  async function personFormContext(request: FastifyRequest, userId?: number) {
    const list = await organisations.list(actorOf(request));
    return { organisations: list.map((o) => ({ id: o.id, name: o.name })), roles: ROLES, userId };
  }

  app.get("/people", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const list = await people.list(actor);
    return reply.page("people/list", { title: "People", people: list, roles: ROLES });
  });

  app.get("/people/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    return reply.page("people/form", {
      title: "Add a person",
      ...(await personFormContext(request)),
      values: {},
    });
  });

  app.post("/people", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    // A password is never written back into the page.
    const page = {
      template: "people/form",
      title: "Add a person",
      context: await personFormContext(request),
      values: { ...values, password: "" },
    };
    const parsed = parseForm(personSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { password, ...input } = parsed.data;
    const result = await handleFormErrors(reply, page, () =>
      people.add(actor, input, password === "" ? undefined : password),
    );
    if (!result.ok) return reply;
    const { user, initialPassword } = result.value;
    // The same words whether the account is new or already used elsewhere: nothing here tells the
    // coordinator that an account exists, let alone where.
    // As typed: the stored address of an existing account may differ in case, which would give it away.
    const email = escapeHtml(input.email);
    const partnership = request.partnership?.name ?? "this partnership";
    const existingAccount = `<p class="govuk-body">If ${email} already has a Waymark account, they keep their own name and password, and this password does nothing.</p>`;
    const passwordHtml =
      password === ""
        ? // Shown once, from the session's flash; the database holds only its hash and nothing logs it.
          `<p class="govuk-body">Give them this password; it will not be shown again:</p>` +
          `<p class="govuk-body govuk-!-font-size-24 govuk-!-font-weight-bold"><code class="app-password">${escapeHtml(initialPassword)}</code></p>`
        : `<p class="govuk-body">They sign in with the password you chose.</p>`;
    flash(request, `${input.email} has been added to ${partnership}`, passwordHtml + existingAccount);
    return reply.redirect(`${base(request)}/people/${user.id}`, 303);
  });

  app.get("/people/:userId", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const person = await people.get(actor, idParam(request, "userId"));
    const organisation = await organisations.get(actor, person.organisationId);
    return reply.page("people/show", {
      title: person.name,
      person,
      organisation,
      twoFactor: await services.twoFactor.isEnabled(person.userId),
      self: person.userId === actor.userId,
      role: ROLES.find((r) => r.value === person.role),
    });
  });

  const editPage = async (
    request: FastifyRequest,
    person: { userId: number; email: string; name: string; sharedAccount: boolean },
    values: Record<string, unknown>,
  ) => ({
    template: "people/form",
    title: "Edit person",
    context: {
      ...(await personFormContext(request, person.userId)),
      email: person.email,
      // Shown, not editable: only the person can change a name other partnerships also see.
      fixedName: person.sharedAccount ? person.name : undefined,
    },
    values,
  });

  app.get("/people/:userId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const person = await people.get(actor, idParam(request, "userId"));
    const page = await editPage(request, person, {
      ...person,
      organisationId: String(person.organisationId),
    });
    return reply.page(page.template, { title: page.title, ...page.context, values: page.values });
  });

  app.post("/people/:userId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const person = await people.get(actor, idParam(request, "userId"));
    const values = formValues(request.body);
    const page = await editPage(request, person, values);
    const parsed = parseForm(membershipSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { version: v, ...input } = parsed.data;
    const result = await handleFormErrors(reply, page, () => people.update(actor, person.userId, v, input));
    if (!result.ok) return reply;
    flash(request, `${person.sharedAccount ? person.name : (input.name ?? person.name)} updated`);
    return reply.redirect(`${base(request)}/people/${person.userId}`, 303);
  });
}
