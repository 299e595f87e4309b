import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import pLimit from "p-limit";
import { passwordProblem } from "../domain/password-rule.ts";

export { MIN_PASSWORD_LENGTH, passwordProblem } from "../domain/password-rule.ts";

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// scrypt with N=2^15, r=8, p=1 (OWASP's recommended minimum), stored with its parameters so they can
// be raised later without invalidating existing hashes.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

// Each hash holds 32 MiB while it runs on libuv's thread pool (4 threads, shared with file reads and
// the page cache's gzip). Two at a time bounds a sign-in rush to 64 MiB and leaves half the pool for
// everything else; a third sign-in waits ~100 ms longer instead.
const hashing = pLimit(2);

/** Hashes running now and waiting to run (for tests and diagnostics). */
export function passwordHashing(): { running: number; waiting: number } {
  return { running: hashing.activeCount, waiting: hashing.pendingCount };
}
const derive = (
  password: string,
  salt: Buffer,
  keylen: number,
  params: { N: number; r: number; p: number },
) => hashing(() => scryptAsync(password, salt, keylen, { ...params, maxmem: MAX_MEMORY }));

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, KEY_LENGTH, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split("$");
  if (scheme !== "scrypt" || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, "base64");
  const key = await derive(password, Buffer.from(saltText, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password a person can type: 4 groups of 5 letters and digits, no look-alike characters. */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  for (;;) {
    const bytes = randomBytes(20);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
    const password = [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
    // Random letters almost never make a run or a repeat, but a generated password obeys the rule too.
    if (passwordProblem(password) === null) return password;
  }
}
