import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// The stored TOTP secret is encrypted (AES-256-GCM) with a key derived from TWO_FACTOR_KEY (or
// SESSION_SECRET): a copy of the database alone does not let anyone make codes. Format:
// "v1.<iv>.<tag>.<ciphertext>", base64url.

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function createSecretBox(keyMaterial: string): SecretBox {
  const key = Buffer.from(hkdfSync("sha256", keyMaterial, "waymark", "two-factor secret v1", 32));
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return ["v1", iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
        .join(".");
    },
    open(sealed) {
      const [tag, iv, auth, body] = sealed.split(".");
      if (tag !== "v1" || !iv || !auth || body === undefined)
        throw new Error("not a sealed two-factor secret");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(auth, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    },
  };
}
