// Reads a V8 CPU profile (node --cpu-prof) and says where the time went: self time by function and by
// package (node_modules/<name>, our src/ files, node: internals).

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface Hotspot {
  name: string;
  percent: number;
}

function owner(url: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  const src = /\/(src\/[^?]+)/.exec(url);
  if (src?.[1]) return src[1];
  if (url.startsWith("node:")) return "node (internals)";
  return url === "" ? "(native)" : url;
}

/** Self time as a share of the time the process was busy (idle samples left out, and given apart). */
export function hotspots(
  file: string,
  top = 15,
): { functions: Hotspot[]; packages: Hotspot[]; idlePercent: number } {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const all = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0) || 1;
  const idle = profile.nodes
    .filter((node) => node.callFrame.functionName === "(idle)")
    .reduce((n, node) => n + (node.hitCount ?? 0), 0);
  const total = all - idle || 1;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)") continue;
    if (functionName === "(program)" || functionName === "(garbage collector)") {
      byPackage.set(functionName, (byPackage.get(functionName) ?? 0) + hits);
      byFunction.set(functionName, (byFunction.get(functionName) ?? 0) + hits);
      continue;
    }
    const where = url ? `${path.basename(url.replace(/^file:\/\//, ""))}:${lineNumber + 1}` : "";
    const name = `${functionName || "(anonymous)"} ${where} [${owner(url)}]`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
    byPackage.set(owner(url), (byPackage.get(owner(url)) ?? 0) + hits);
  }
  const rank = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({ name, percent: (100 * hits) / total }));
  return { functions: rank(byFunction), packages: rank(byPackage), idlePercent: (100 * idle) / all };
}

/** The largest profile in a folder (the server's main thread). */
export function mainProfile(folder: string): string | undefined {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(folder, f));
  return files.sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
}

/** Prints where a profiled server spent its time (the profile `node --cpu-prof` wrote into `folder`). */
export function printProfile(folder: string, log: (line: string) => void): void {
  const file = mainProfile(folder);
  if (!file) {
    log(`No CPU profile in ${folder}.`);
    return;
  }
  const { functions, packages, idlePercent } = hotspots(file, 25);
  log(
    `\nCPU profile of the server (${path.relative(process.cwd(), file)}), self time as a share of busy time ` +
      `(idle ${idlePercent.toFixed(0)}% of the profile; start-up included):`,
  );
  for (const p of packages) log(`  ${p.percent.toFixed(1).padStart(5)}%  ${p.name}`);
  log("");
  for (const f of functions) log(`  ${f.percent.toFixed(1).padStart(5)}%  ${f.name}`);
}
