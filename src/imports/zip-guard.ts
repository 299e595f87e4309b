import { promisify } from "node:util";
import { inflateRaw } from "node:zlib";

// An .xlsx file is a zip archive. Before exceljs (through JSZip) unpacks one into memory, this reads
// the archive's central directory itself and actually inflates every entry with a hard output cap, so a
// "zip bomb" (a few kilobytes that inflate to gigabytes, or thousands of entries, or sizes in the
// directory that lie) is refused having cost at most the cap. Only what exceljs would read is allowed:
// stored or deflated entries, no encryption, no zip64 (a 5 MB upload never needs it).

const inflate = promisify(inflateRaw);

export interface ZipLimits {
  maxEntries: number;
  /** Total of every entry once inflated. */
  maxUncompressedBytes: number;
  /** Cells (`<c …>` elements) across every worksheet: bounds the memory exceljs will use. */
  maxSheetCells: number;
}

export class ZipRefused extends Error {}

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const NOT_A_WORKBOOK = "The file is damaged or is not an Excel workbook";

function findEndOfCentralDirectory(data: Buffer, damaged: string): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const stop = Math.max(0, data.length - 22 - 0xffff);
  for (let i = data.length - 22; i >= stop; i--) {
    if (data.readUInt32LE(i) === EOCD) return i;
  }
  throw new ZipRefused(damaged);
}

function readCentralDirectory(data: Buffer, limits: ZipLimits, noun: string, damaged: string): Entry[] {
  const eocd = findEndOfCentralDirectory(data, damaged);
  const count = data.readUInt16LE(eocd + 10);
  const size = data.readUInt32LE(eocd + 12);
  const offset = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new ZipRefused(`The ${noun} is too large to import`);
  }
  if (count > limits.maxEntries) {
    throw new ZipRefused(
      `The ${noun} has too many parts (${count}); it cannot be an action plan or framework`,
    );
  }
  if (offset + size > eocd) throw new ZipRefused(damaged);
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL) throw new ZipRefused(damaged);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    entries.push({
      flags: data.readUInt16LE(at + 8),
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      uncompressedSize: data.readUInt32LE(at + 24),
      localHeaderOffset: data.readUInt32LE(at + 42),
      name: data.toString("utf8", at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Table cells (`<w:tc>`) in a Word document's XML. */
function countTableCells(xml: Buffer): number {
  return xml.toString("latin1").match(/<w:tc[\s>]/g)?.length ?? 0;
}

/** Cells (`<c …>`, with or without a namespace prefix) in a worksheet's XML. */
function countCells(xml: Buffer): number {
  return xml.toString("latin1").match(/<(?:[A-Za-z]+:)?c[\s>/]/g)?.length ?? 0;
}

/** Throws ZipRefused, with a message for people, unless the archive is safe to hand to exceljs. */
export async function assertSafeWorkbookZip(data: Buffer, limits: ZipLimits): Promise<void> {
  await inflateSafely(data, limits, "xl/workbook.xml");
}

/**
 * The inflated entries of a Word document (.docx) that passes the same checks as a workbook, with
 * `maxSheetCells` bounding the table cells (`<w:tc>`) of word/document.xml.
 */
export async function unpackSafeWordZip(data: Buffer, limits: ZipLimits): Promise<Map<string, Buffer>> {
  return inflateSafely(data, limits, "word/document.xml");
}

const NOT_A_DOCUMENT = "The file is damaged or is not a Word document";

async function inflateSafely(
  data: Buffer,
  limits: ZipLimits,
  required: "xl/workbook.xml" | "word/document.xml",
): Promise<Map<string, Buffer>> {
  const word = required === "word/document.xml";
  const damaged = word ? NOT_A_DOCUMENT : NOT_A_WORKBOOK;
  const noun = word ? "document" : "workbook";
  const entries = readCentralDirectory(data, limits, noun, damaged);
  if (!entries.some((e) => e.name === required)) {
    throw new ZipRefused(
      word
        ? "The file is a zip archive but not a Word document"
        : "The file is a zip archive but not an Excel workbook",
    );
  }
  const files = new Map<string, Buffer>();
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > limits.maxUncompressedBytes) {
    throw new ZipRefused(`The ${noun} unpacks to more data than Waymark accepts; it may be a zip bomb`);
  }
  let budget = limits.maxUncompressedBytes;
  let cells = 0;
  for (const entry of entries) {
    if (entry.flags & 0x1)
      throw new ZipRefused(`The ${noun} is password-protected; save an unprotected copy`);
    if (entry.name.endsWith("/")) continue;
    if (entry.method !== 0 && entry.method !== 8) throw new ZipRefused(damaged);
    const local = entry.localHeaderOffset;
    if (local + 30 > data.length || data.readUInt32LE(local) !== LOCAL) throw new ZipRefused(damaged);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const end = start + entry.compressedSize;
    if (end > data.length) throw new ZipRefused(damaged);
    const raw = data.subarray(start, end);
    let content: Buffer;
    if (entry.method === 0) {
      content = raw;
    } else {
      try {
        // One byte over the budget proves the entry is bigger than its directory says, or too big.
        content = await inflate(raw, {
          maxOutputLength: Math.max(1, Math.min(budget, entry.uncompressedSize + 1)),
        });
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) {
          throw new ZipRefused(
            `The ${noun} unpacks to more data than its contents list says; it may be a zip bomb`,
          );
        }
        throw new ZipRefused(damaged);
      }
    }
    if (content.length !== entry.uncompressedSize) throw new ZipRefused(damaged);
    budget -= content.length;
    files.set(entry.name, content);
    if (word ? entry.name === required : /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) {
      cells += word ? countTableCells(content) : countCells(content);
      if (cells > limits.maxSheetCells) {
        throw new ZipRefused(
          `The ${noun} has more cells than Waymark imports at once; split it into smaller files`,
        );
      }
    }
  }
  return files;
}
