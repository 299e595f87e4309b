import JSZip from "jszip";
import type { TestApp } from "../support/app.ts";

// Reading back everything Waymark stores, for the redaction test: every row of every table as text,
// and a report file's text whatever its format.

/** Every row of every table outside PostgreSQL's own schemas, as text, with the table it came from. */
export async function everyStoredRow(t: TestApp): Promise<{ table: string; text: string }[]> {
  const { rows: tables } = await t.database.execute(
    `select table_schema as schema, table_name as name from information_schema.tables
       where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  const out: { table: string; text: string }[] = [];
  for (const row of tables as { schema: string; name: string }[]) {
    const name = `"${row.schema}"."${row.name}"`;
    const { rows } = await t.database.execute(`select t::text as text from ${name} t`);
    for (const r of rows as { text: string }[]) out.push({ table: name, text: r.text });
  }
  return out;
}

/** A report file's text: HTML and CSV as they are; Word and Excel as every XML part of the zip. */
export async function reportText(content: Buffer | string): Promise<string> {
  if (typeof content === "string") return content;
  const zip = await JSZip.loadAsync(content);
  const parts = await Promise.all(Object.values(zip.files).map((f) => f.async("string")));
  return parts.join("\n");
}

/** The database's refusal, whether it comes straight from the driver or wrapped by Drizzle. */
export async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const e = error as { message?: string; cause?: { message?: string } };
    return `${e.message ?? ""} ${e.cause?.message ?? ""}`;
  }
  return "not refused";
}
