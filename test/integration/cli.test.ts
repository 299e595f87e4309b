import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The command line as an administrator uses it: real processes on a real data folder.

const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "bin/waymark.js");

// vitest puts Vite's own variables (BASE_URL="/", MODE…) into process.env; a real shell has none.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !["BASE_URL", "MODE", "DEV", "PROD", "SSR", "TEST_DATABASE_URL"].includes(k),
  ),
);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>, input?: string): Promise<Run> {
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
    if (input !== undefined) child.stdin.end(input);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function startServe(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "serve"], { env: { ...cleanEnv, ...env }, cwd: root });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes("Waymark is running")) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", () => reject(new Error(`serve exited: ${output}`)));
  });
}

describe("waymark command line", () => {
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-cli-"));
    env = { DATA_DIR: dataDir, NODE_ENV: "development", LOG_LEVEL: "warn", DATABASE_URL: "" };
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("lists its commands", async () => {
    const result = await run(["--help"], env);
    expect(result.code).toBe(0);
    for (const command of ["serve", "migrate", "demo", "partnership", "user", "token", "privacy"]) {
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, "m"));
    }
  });

  it("lists every configuration problem at once and exits non-zero", async () => {
    const result = await run(["migrate"], {
      ...env,
      PORT: "eighty",
      NODE_ENV: "production",
      SESSION_SECRET: "",
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("PORT");
    expect(result.stderr).toContain("SESSION_SECRET: required in production");
  });

  it("adds a region, refusing a taken slug and an unknown one, and gives it a lead", async () => {
    expect((await run(["migrate"], env)).code).toBe(0);
    // A region is added first; an unknown one is refused, saying how to add it.
    const noRegion = await run(
      ["partnership", "add", "--slug", "brookfield", "--name", "Brookfield", "--region", "West Vale"],
      env,
    );
    expect(noRegion.code).not.toBe(0);
    expect(noRegion.stderr).toContain("waymark region add");
    const region = await run(["region", "add", "--slug", "west-vale", "--name", "West Vale"], env);
    expect(region.stdout).toContain("Added region West Vale (west-vale)");
    const taken = await run(["region", "add", "--slug", "west-vale", "--name", "Another"], env);
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain("The slug west-vale is already taken");
    const lead = await run(
      [
        "region",
        "user",
        "add",
        "--region",
        "west-vale",
        "--email",
        "lead@west-vale.example",
        "--name",
        "Wen Lead",
        "--organisation",
        "West Vale OPCC",
        "--role",
        "lead",
      ],
      env,
    );
    expect(lead.code).toBe(0);
    expect(lead.stdout).toContain("Added lead@west-vale.example to West Vale as regional lead");
    expect(lead.stdout).toMatch(/Their password: [a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{5}/);
    expect((await run(["region", "list"], env)).stdout).toContain(
      "west-vale  West Vale  (0 partnerships, 1 people)",
    );
  });

  it("adds a partnership, a person with a generated password, and prints an API token once", async () => {
    expect((await run(["migrate"], env)).code).toBe(0);
    const added = await run(
      [
        "partnership",
        "add",
        "--slug",
        "brookfield",
        "--name",
        "Brookfield DA Partnership",
        "--region",
        "West Vale",
      ],
      env,
    );
    expect(added.stderr).toBe("");
    expect(added.stdout).toContain("Added partnership Brookfield DA Partnership (brookfield)");
    const user = await run(
      [
        "user",
        "add",
        "--email",
        "coord@brookfield.example",
        "--name",
        "Sam Coordinator",
        "--organisation",
        "Brookfield Council",
        "--partnership",
        "brookfield",
        "--role",
        "admin",
      ],
      env,
    );
    expect(user.code).toBe(0);
    expect(user.stdout).toContain("Added organisation Brookfield Council");
    expect(user.stdout).toMatch(/Their password: [a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{5}/);
    const short = await run(
      [
        "user",
        "add",
        "--email",
        "x@brookfield.example",
        "--name",
        "X",
        "--organisation",
        "Brookfield Council",
        "--partnership",
        "brookfield",
        "--role",
        "viewer",
        "--password",
        "short",
      ],
      env,
    );
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain("12 characters or more");
    const token = await run(["token", "create", "--partnership", "brookfield", "--name", "Power BI"], env);
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^wmk_[\w-]{40,}$/m);
    const unknown = await run(["token", "create", "--partnership", "nowhere", "--name", "x"], env);
    expect(unknown.code).not.toBe(0);
  });

  it("refuses a common password, and sets a new one for someone who has forgotten theirs, under the same rule", async () => {
    const common = await run(
      [
        "user",
        "add",
        "--email",
        "x@brookfield.example",
        "--name",
        "X",
        "--organisation",
        "Brookfield Council",
        "--partnership",
        "brookfield",
        "--role",
        "viewer",
        "--password",
        "password1234",
      ],
      env,
    );
    expect(common.code).not.toBe(0);
    expect(common.stderr).toContain("too common");
    const weakReset = await run(
      ["user", "password", "--email", "coord@brookfield.example", "--password", "aaaaaaaaaaaa"],
      env,
    );
    expect(weakReset.code).not.toBe(0);
    expect(weakReset.stderr).toContain("must not repeat the same characters");
    const reset = await run(["user", "password", "--email", "COORD@brookfield.example"], env);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain("New password set for coord@brookfield.example");
    expect(reset.stdout).toMatch(/Their password: [a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{5}/);
    const nobody = await run(["user", "password", "--email", "nobody@brookfield.example"], env);
    expect(nobody.code).not.toBe(0);
    expect(nobody.stderr).toContain("An account for nobody@brookfield.example was not found");
  });

  it("scans stored text for personal data: nothing in a new partnership, exit 0", async () => {
    const scan = await run(["privacy", "scan", "--partnership", "brookfield"], env);
    expect(scan.stderr).toBe("");
    expect(scan.stdout).toBe("No stored text was found that may identify a person.\n");
    expect(scan.code).toBe(0);
    const unknown = await run(["privacy", "scan", "--partnership", "nowhere"], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('No partnership has the slug "nowhere".');
  });

  it("refuses a second process on the same data folder with a clear message", async () => {
    const server = await startServe({ ...env, PORT: "0" });
    try {
      const second = await run(["migrate"], env);
      expect(second.code).toBe(75);
      expect(second.stderr).toContain(`Another Waymark process is already using the data folder ${dataDir}`);
    } finally {
      const exited = new Promise((resolve) => server.child.on("exit", resolve));
      server.child.kill("SIGTERM");
      await exited;
    }
    expect(server.output()).toContain("Received SIGTERM; shutting down.");
    // After a clean shutdown the lock is released and the folder can be opened again.
    expect((await run(["migrate"], env)).code).toBe(0);
  });
});
