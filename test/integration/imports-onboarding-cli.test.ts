import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "../support/database.ts";

// Issue 12: a new partnership brings in its strategy and its first action plan from the command
// line, creating each as it goes, from the council's own files (test/fixtures/council/). Real
// processes, on a fresh embedded data folder and, when TEST_DATABASE_URL is set, a fresh PostgreSQL
// database.

const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "bin/waymark.js");
const fixture = (name: string) => path.join(root, "test/fixtures/council", name);
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !["BASE_URL", "MODE", "DEV", "PROD", "SSR", "TEST_DATABASE_URL"].includes(k),
  ),
);

function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
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

describe.each(testDatabaseKinds())("onboarding from the command line (%s)", (kind) => {
  let dir: string;
  let env: Record<string, string>;
  let dropDatabase = async () => {};
  const p = ["--partnership", "marbridge"];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-onboarding-cli-"));
    env = { DATA_DIR: path.join(dir, "data"), NODE_ENV: "development", LOG_LEVEL: "warn", DATABASE_URL: "" };
    if (kind === "postgres") {
      const adminUrl = process.env.TEST_DATABASE_URL!;
      const name = `waymark_cli_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      dropDatabase = async () => {
        const dropper = new pg.Client({ connectionString: adminUrl });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      };
    }
    const added = await run(
      ["partnership", "add", "--slug", "marbridge", "--name", "Marbridge DA Partnership"],
      env,
    );
    expect(added.stderr).toBe("");
    const user = await run(
      [
        "user",
        "add",
        "--email",
        "coordinator@marbridge.example",
        "--name",
        "Rae Coordinator",
        "--organisation",
        "Marbridge Police",
        "--partnership",
        "marbridge",
        "--role",
        "admin",
        "--password",
        "orchard-lantern-harbour-9",
      ],
      env,
    );
    expect(user.stderr).toBe("");
  });
  afterAll(async () => {
    await dropDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("says how to create what is missing instead of only that it is missing", async () => {
    const result = await run(["import", "action-plan", fixture("action-plan-2017-18.csv"), ...p], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Marbridge DA Partnership has no strategy yet");
    expect(result.stderr).toContain("--create-strategy");
  });

  it("creates the strategy inside the framework import, then the plan inside the action plan import", async () => {
    const framework = await run(
      [
        "import",
        "framework",
        fixture("framework-2016-2021.xlsx"),
        ...p,
        "--create-strategy",
        "Marbridge Domestic Abuse Strategy",
        "--period",
        "2016-2021",
      ],
      env,
    );
    expect(framework.stderr).toBe("");
    expect(framework.stdout).toMatch(/Created strategy Marbridge Domestic Abuse Strategy: id \d+\./);
    expect(framework.stdout).toContain("Imported: 6 new priorities, 12 new commitments.");

    const plan = await run(
      [
        "import",
        "action-plan",
        fixture("action-plan-2017-18.docx"),
        ...p,
        "--create-plan",
        "2017-18",
        "--use-suggestions",
      ],
      env,
    );
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toContain("by text");
    expect(plan.stdout).toContain("+ organisation Police (perhaps Marbridge Police)");
    expect(plan.stdout).toMatch(/Created action plan 2017-18: id \d+\./);
    // "Police" is mapped to the coordinator's Marbridge Police; the eight others are added.
    expect(plan.stdout).toContain(
      "Imported: 8 new actions, 1 new commitment, 8 new organisations; 1 lead mapped to existing organisations.",
    );
  });

  it("adds a strategy and an action plan on their own, and refuses a period it cannot read", async () => {
    const strategy = await run(
      ["strategy", "add", ...p, "--title", "Marbridge VAWG Strategy", "--period", "2022-2027"],
      env,
    );
    expect(strategy.stderr).toBe("");
    const id = /id (\d+)\./.exec(strategy.stdout)?.[1];
    expect(strategy.stdout).toContain("Added strategy Marbridge VAWG Strategy (2022–2027)");
    const plan = await run(["action-plan", "add", ...p, "--period", "2022/23", "--strategy", id!], env);
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toContain("Added action plan 2022–23 to Marbridge VAWG Strategy");
    const bad = await run(["action-plan", "add", ...p, "--period", "2022-2024"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--period must be a financial year, like 2017-18");
  });
});
