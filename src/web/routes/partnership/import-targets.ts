import { z } from "zod";
import { parseFinancialYear } from "../../../domain/periods.ts";
import { parseYearSpan } from "../../../domain/strategy-period.ts";
import type { FieldError } from "../../../services/errors.ts";
import type { ImportTarget } from "../../../services/import-service.ts";
import { type FormValues, parseForm } from "../../forms.ts";

// The import pages for a partnership that has no strategy or no plan yet: the upload form also asks
// for what the import should create (a strategy's title and years; a plan's strategy and financial
// year), and the import creates it in the same transaction as the rest (services/import-service.ts).
// The confirm form posts the same fields back, hidden; the service checks them against the preview's
// signed token.

const strategySchema = z.object({
  title: z
    .string({ error: "Enter the strategy's title" })
    .trim()
    .min(1, "Enter the strategy's title")
    .max(200, "The strategy's title must be 200 characters or fewer"),
  period: z
    .string({ error: "Enter the years the strategy covers, like 2016-2021" })
    .trim()
    .min(1, "Enter the years the strategy covers, like 2016-2021")
    .refine((v) => parseYearSpan(v) !== null, "Enter the years the strategy covers, like 2016-2021"),
});

const planSchema = z.object({
  strategy: z
    .string({ error: "Choose the strategy the plan delivers" })
    .regex(/^\d{1,9}$/, "Choose the strategy the plan delivers"),
  period: z
    .string({ error: "Enter the plan's financial year, like 2017-18" })
    .trim()
    .min(1, "Enter the plan's financial year, like 2017-18")
    .refine((v) => parseFinancialYear(v) !== null, "Enter the plan's financial year, like 2017-18"),
});

export type CreateFields = Record<string, string>;

export type CreateTargetResult =
  | { ok: true; target: ImportTarget; fields: CreateFields }
  | { ok: false; errors: FieldError[]; fields: CreateFields };

const text = (values: FormValues, name: string) => {
  const v = values[name];
  return typeof v === "string" ? v : "";
};

/** The target of an import that creates its strategy or plan, from the upload or confirm form. */
export function createTarget(kind: ImportTarget["kind"], values: FormValues): CreateTargetResult {
  if (kind === "framework") {
    const fields = { title: text(values, "title"), period: text(values, "period") };
    const parsed = parseForm(strategySchema, fields);
    if (!parsed.ok) return { ok: false, errors: parsed.errors, fields };
    const span = parseYearSpan(parsed.data.period)!;
    return { ok: true, fields, target: { kind, createStrategy: { title: parsed.data.title, ...span } } };
  }
  const fields = { strategy: text(values, "strategy"), period: text(values, "period") };
  const parsed = parseForm(planSchema, fields);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, fields };
  const fy = parseFinancialYear(parsed.data.period)!;
  return {
    ok: true,
    fields,
    target: { kind, createPlan: { strategyId: Number(parsed.data.strategy), startYear: fy.startYear } },
  };
}
