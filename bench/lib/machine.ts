import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { withClient } from "./ids.ts";
import { ROOT } from "./server.ts";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  postgres: string;
  autocannon: string;
  /** 1-minute load average when the run started (the machine may be shared). */
  loadAverage: number;
}

function packageVersion(name: string): string {
  try {
    const json = JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as {
      version?: string;
    };
    return json.version ?? "?";
  } catch {
    return "?";
  }
}

export async function describeMachine(databaseUrl: string | undefined): Promise<Machine> {
  const cpus = os.cpus();
  let postgres = "not used";
  if (databaseUrl) {
    postgres = await withClient(databaseUrl, async (client) => {
      const result = await client.query<{ server_version: string }>("show server_version");
      return result.rows[0]?.server_version ?? "?";
    });
  }
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGb: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres,
    autocannon: packageVersion("autocannon"),
    loadAverage: os.loadavg()[0] ?? 0,
  };
}
