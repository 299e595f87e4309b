// LibreOffice opens what Waymark produces: each file is converted to PDF by a real soffice and the
// PDF is checked. One helper for every test that proves a Word or Excel output opens (CI requires
// LibreOffice, WAYMARK_REQUIRE_LIBREOFFICE=1; elsewhere a missing soffice skips with a warning).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";

export function sofficePath(): string | undefined {
  return ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));
}

/**
 * Converts every file to PDF and expects each PDF to be a real one (more than 1 kB, "%PDF-"). Names
 * must have different stems (LibreOffice names the PDF after it). Returns false when LibreOffice is
 * missing and not required; `keep` copies one PDF out (by stem) for a person to look at.
 */
export function expectLibreOfficeOpens(
  files: Record<string, Uint8Array>,
  options: { keep?: { stem: string; to: string } } = {},
): boolean {
  const soffice = sofficePath();
  if (!soffice) {
    if (process.env.WAYMARK_REQUIRE_LIBREOFFICE === "1")
      throw new Error("LibreOffice (soffice) is required but not installed");
    console.warn("LibreOffice (soffice) is not installed: skipping the PDF conversion check");
    return false;
  }
  const names = Object.keys(files);
  const stems = names.map((n) => n.replace(/\.\w+$/, ""));
  if (new Set(stems).size !== stems.length)
    throw new Error("two files share a stem: their PDFs would collide");
  const dir = mkdtempSync(path.join(tmpdir(), "waymark-soffice-"));
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);
    const result = spawnSync(
      soffice,
      [
        `-env:UserInstallation=file://${path.join(dir, "profile")}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        ...names.map((n) => path.join(dir, n)),
      ],
      { encoding: "utf8", timeout: 180_000 },
    );
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    for (const stem of stems) {
      const pdf = path.join(dir, `${stem}.pdf`);
      expect(existsSync(pdf), stem).toBe(true);
      expect(statSync(pdf).size, stem).toBeGreaterThan(1000);
      expect(readFileSync(pdf).subarray(0, 5).toString(), stem).toBe("%PDF-");
    }
    if (options.keep)
      writeFileSync(options.keep.to, readFileSync(path.join(dir, `${options.keep.stem}.pdf`)));
    return true;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
