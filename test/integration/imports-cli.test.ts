import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvOf, xlsxOf } from "../support/import-files.ts";

// `waymark import` as an administrator runs it: real processes on a real data folder.

const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "bin/waymark.js");
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !["BASE_URL", "MODE", "DEV", "PROD", "SSR", "TEST_DATABASE_URL"].includes(k),
  ),
);

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...cleanEnv, ...env }, cwd: root });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("waymark import", () => {
  let dir: string;
  let env: Record<string, string>;
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-import-cli-"));
    env = { DATA_DIR: path.join(dir, "data"), NODE_ENV: "development", LOG_LEVEL: "warn", DATABASE_URL: "" };
    expect((await run(["demo", "load"], env)).code).toBe(0);
    fs.writeFileSync(
      file("plan.xlsx"),
      await xlsxOf({
        rows: [
          ["Priority", "What we will do", "Who will lead", "Performance target"],
          ["Priority 1: Changing attitudes"],
          [
            "1.4",
            "Train every pharmacy team",
            "Marston Police / Ashvale Pharmacies Network",
            "40 pharmacies",
          ],
        ],
      }),
    );
    fs.writeFileSync(
      file("bad.csv"),
      csvOf([
        ["What we will do", "Who will lead", "Due"],
        ["1.4 Train", "", "soon"],
      ]),
    );
    fs.writeFileSync(file("notes.xlsx"), "not a workbook");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints the preview and changes nothing with --dry-run", async () => {
    const result = await run(
      ["import", "action-plan", file("plan.xlsx"), "--partnership", "ashvale", "--dry-run"],
      env,
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Would import: 1 new action, 1 new organisation.");
    expect(result.stdout).toContain("+ organisation Ashvale Pharmacies Network");
    expect(result.stdout).toContain("row 3 [create] 1.4 Train frontline staff");
    expect(result.stdout).toContain("Dry run: nothing was imported.");
  });

  it("lists every problem and exits non-zero for a file with errors or a bad file", async () => {
    const bad = await run(["import", "action-plan", file("bad.csv"), "--partnership", "ashvale"], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("ERROR Row 2, Who will lead: empty — every action needs a lead");
    expect(bad.stdout).toContain('ERROR Row 2, Due: "soon" is not a date');
    expect(bad.stderr).toContain("The file has 2 problems to fix; nothing was imported.");
    const notes = await run(["import", "action-plan", file("notes.xlsx"), "--partnership", "ashvale"], env);
    expect(notes.code).toBe(1);
    expect(notes.stderr).toContain("not an Excel workbook");
    const kind = await run(["import", "budget", file("plan.xlsx"), "--partnership", "ashvale"], env);
    expect(kind.code).not.toBe(0);
  });

  it("imports without --dry-run, adding new organisations as new, and then finds nothing new", async () => {
    const first = await run(["import", "action-plan", file("plan.xlsx"), "--partnership", "ashvale"], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Imported: 1 new action, 1 new organisation.");
    const again = await run(["import", "action-plan", file("plan.xlsx"), "--partnership", "ashvale"], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing to import");
  });
});
