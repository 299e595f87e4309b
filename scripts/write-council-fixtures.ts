import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { csvOf, docxOf, TABLES, xlsxOf } from "../test/fixtures/council/council-files.ts";

// Writes the council-shaped import fixtures (issue 12) as .xlsx, .csv and .docx into
// test/fixtures/council/, from the one description in council-files.ts. Run after changing it:
//   npx tsx scripts/write-council-fixtures.ts

const dir = path.join(import.meta.dirname, "..", "test", "fixtures", "council");
await mkdir(dir, { recursive: true });
for (const [name, table] of Object.entries(TABLES)) {
  await writeFile(path.join(dir, `${name}.csv`), csvOf(table));
  await writeFile(path.join(dir, `${name}.xlsx`), await xlsxOf(table));
  await writeFile(path.join(dir, `${name}.docx`), await docxOf(table));
}
console.log(`Wrote ${Object.keys(TABLES).length * 3} files to ${dir}`);
