import { createHash, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

// Time-based one-time codes (RFC 6238) as every authenticator app reads them: SHA-1, six digits,
// 30-second steps, through otpauth (not hand-written). A code of the step before or after is
// accepted too (a phone's clock a little off), but never a step at or before the last one accepted.

const PERIOD = 30;
const ISSUER = "Waymark";

const totpOf = (secretBase32: string, label = "") =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });

/** A new secret of 160 random bits, as the RFC advises, in base32 (the text key people type). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The base32 key in groups of four, easier to read aloud and type into an app. */
export function groupedKey(secretBase32: string): string {
  return secretBase32.replace(/(.{4})(?=.)/g, "$1 ");
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, email: string): string {
  return totpOf(secretBase32, email).toString();
}

/** The QR code of that address as an SVG data URL, for an <img> (the CSP allows data: images). */
export async function qrCodeDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/** The 30-second step of an instant. */
export function stepAt(timestamp: number): number {
  return Math.floor(timestamp / 1000 / PERIOD);
}

/** Six digits, spaces and dashes allowed between them ("123 456"). */
export function looksLikeTotpCode(input: string): boolean {
  return /^\d{6}$/.test(input.replace(/[\s-]/g, ""));
}

/**
 * The step whose code this is (the current one or one either side), or null when it matches none.
 * Whether that step was already used is the caller's to check, against the stored last step.
 */
export function matchingStep(secretBase32: string, code: string, timestamp = Date.now()): number | null {
  const token = code.replace(/[\s-]/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secretBase32).validate({ token, timestamp, window: 1 });
  return delta === null ? null : stepAt(timestamp) + delta;
}

/** The code an authenticator shows at an instant (tests and the demo's printed key use it). */
export function totpCodeAt(secretBase32: string, timestamp = Date.now()): string {
  return totpOf(secretBase32).generate({ timestamp });
}

// Recovery codes: ten per person, each 10 characters of a 32-letter alphabet without look-alikes
// (49 bits), shown as "abcde-fghjk"; stored only as SHA-256, which is enough for random codes.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from(
      { length: 10 },
      () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
    ).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A typed recovery code as stored: lower case, without spaces or dashes, hashed. */
export function recoveryCodeHash(input: string): string {
  const normal = input.toLowerCase().replace(/[\s-]/g, "");
  return createHash("sha256").update(`waymark-recovery:${normal}`).digest("hex");
}
