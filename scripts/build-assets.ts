/**
 * Builds the browser assets into public/generated: compiles src/web/assets/application.scss (GOV.UK
 * Frontend and MOJ Frontend with Arial and our own styles) and copies the JavaScript the pages load.
 * Run with `npx tsx scripts/build-assets.ts` (the npm `prepare` and `build:assets` scripts; `--force`
 * recompiles the stylesheet even when its sources have not changed); the server calls `buildAssets()` at
 * start when `assetsAreBuilt()` says something is missing or out of date.
 */
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const assetsDir = path.join(root, "src/web/assets");
const outDir = path.join(root, "public/generated");
const imagesOut = path.join(outDir, "images");
const nodeModules = path.join(root, "node_modules");

/** Images the stylesheet may refer to, by the folder they come from (MOJ's first, as its names win). */
const imageSources = [
  path.join(nodeModules, "@ministryofjustice/frontend/moj/assets/images"),
  path.join(nodeModules, "govuk-frontend/dist/govuk/assets/images"),
];

/** Files copied as they are: [source, name in public/generated]. Source maps go along when present. */
const copies: [string, string][] = [
  [path.join(nodeModules, "govuk-frontend/dist/govuk/govuk-frontend.min.js"), "govuk-frontend.min.js"],
  [path.join(nodeModules, "@ministryofjustice/frontend/moj/moj-frontend.min.js"), "moj-frontend.min.js"],
  [
    path.join(nodeModules, "accessible-autocomplete/dist/accessible-autocomplete.min.js"),
    "accessible-autocomplete.min.js",
  ],
  // Its styles are also compiled into application.css; the copy is for pages that want it on its own.
  [
    path.join(nodeModules, "accessible-autocomplete/dist/accessible-autocomplete.min.css"),
    "accessible-autocomplete.min.css",
  ],
  [path.join(assetsDir, "application.js"), "application.js"],
  [path.join(assetsDir, "favicon.svg"), "favicon.svg"],
];

/** Our own sources: when any is newer than what was built from it, the build is out of date. */
const ownSources = [path.join(assetsDir, "application.scss"), path.join(assetsDir, "application.js")];

/** What the stylesheet was compiled from; when none of it changed, the last compiled CSS is kept. */
const stampFile = path.join(nodeModules, ".cache/waymark/stylesheet-stamp");

const outputs = ["application.css", ...copies.map(([, name]) => name)].map((name) => path.join(outDir, name));

export interface BuildResult {
  cssBytes: number;
  /** False when the stylesheet's sources had not changed since the last build, so it was kept. */
  compiled: boolean;
  files: number;
  milliseconds: number;
  /** Warnings from our own Sass (those from GOV.UK and MOJ Frontend are not ours to fix). */
  warnings: string[];
}

function mtime(file: string): number {
  return statSync(file).mtimeMs;
}

/** True when every generated file exists and none is older than the source of ours it comes from. */
export function assetsAreBuilt(): boolean {
  if (!outputs.every((file) => existsSync(file))) return false;
  const oldestOutput = Math.min(...outputs.map(mtime));
  return ownSources.every((file) => !existsSync(file) || mtime(file) <= oldestOutput);
}

/** Writes through a temporary file, so a server reading the file never sees half of it. */
function writeAtomically(file: string, content: string | Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

function copyAtomically(source: string, target: string): void {
  const temporary = `${target}.${process.pid}.tmp`;
  copyFileSync(source, temporary);
  renameSync(temporary, target);
}

async function compileStylesheet(warnings: string[]): Promise<string> {
  // Loaded only when the stylesheet is compiled: the server imports this file at every start to check
  // the assets, and the Sass compiler takes about half a second to load.
  const sass = await import("sass");
  const fromDependency = (url: URL | undefined, stack: string | undefined) =>
    (url?.pathname ?? "").includes("/node_modules/") || (stack ?? "").includes("node_modules/");
  const result = sass.compile(path.join(assetsDir, "application.scss"), {
    loadPaths: [nodeModules, root],
    style: "compressed",
    sourceMap: false,
    quietDeps: true,
    silenceDeprecations: ["import"],
    logger: {
      warn(message, options) {
        // GOV.UK and MOJ Frontend warn about each other's deprecations; that is noise here.
        if (options.deprecation || fromDependency(options.span?.url, options.stack)) return;
        warnings.push(message);
      },
      debug() {},
    },
  });
  return result.css;
}

/** A hash of our Sass, the frameworks' versions and the compiler's, to skip an unneeded compile. */
function stylesheetStamp(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(assetsDir)
    .filter((n) => n.endsWith(".scss"))
    .sort()) {
    hash.update(name).update(readFileSync(path.join(assetsDir, name)));
  }
  for (const pkg of ["govuk-frontend", "@ministryofjustice/frontend", "accessible-autocomplete", "sass"]) {
    hash.update(readFileSync(path.join(nodeModules, pkg, "package.json")));
  }
  return hash.digest("hex");
}

/** Copies each image the stylesheet refers to under /public/generated/images/ from the frameworks. */
function copyReferencedImages(css: string): number {
  const names = new Set<string>();
  for (const match of css.matchAll(/url\(["']?\/public\/generated\/images\/([^"')?#]+)/g)) {
    if (match[1]) names.add(match[1]);
  }
  mkdirSync(imagesOut, { recursive: true });
  for (const name of names) {
    const source = imageSources.map((dir) => path.join(dir, name)).find((file) => existsSync(file));
    if (!source) throw new Error(`The stylesheet refers to an image that neither framework has: ${name}`);
    copyAtomically(source, path.join(imagesOut, name));
  }
  return names.size;
}

/** Compiles the stylesheet and copies the scripts into public/generated. */
export async function buildAssets(options: { quiet?: boolean; force?: boolean } = {}): Promise<BuildResult> {
  const started = performance.now();
  mkdirSync(outDir, { recursive: true });
  const warnings: string[] = [];
  const cssFile = path.join(outDir, "application.css");
  const stamp = stylesheetStamp();
  const upToDate =
    !options.force &&
    existsSync(cssFile) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, "utf8") === stamp;
  const css = upToDate ? readFileSync(cssFile, "utf8") : await compileStylesheet(warnings);
  if (upToDate) {
    const now = new Date();
    utimesSync(cssFile, now, now); // so assetsAreBuilt() sees it as newer than a touched source
  } else {
    writeAtomically(cssFile, css);
    try {
      mkdirSync(path.dirname(stampFile), { recursive: true });
      writeAtomically(stampFile, stamp);
    } catch {
      // No cache (a read-only node_modules): the next build compiles again, which is only slower
    }
  }
  let files = 1 + copyReferencedImages(css);
  for (const [source, name] of copies) {
    copyAtomically(source, path.join(outDir, name));
    files += 1;
    if (existsSync(`${source}.map`)) {
      copyAtomically(`${source}.map`, path.join(outDir, `${name}.map`));
      files += 1;
    }
  }
  const result: BuildResult = {
    cssBytes: Buffer.byteLength(css),
    compiled: !upToDate,
    files,
    milliseconds: Math.round(performance.now() - started),
    warnings,
  };
  if (!options.quiet) {
    for (const warning of warnings) console.warn(`Sass warning: ${warning}`);
    console.log(
      `Built ${files} assets in public/generated (application.css ${Math.round(result.cssBytes / 1024)} kB` +
        `${upToDate ? ", unchanged" : ""}) in ${(result.milliseconds / 1000).toFixed(1)} s.`,
    );
  }
  return result;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  buildAssets({ force: process.argv.includes("--force") }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
