import { describe, expect, it } from "vitest";
import { hashPassword, passwordHashing, verifyPassword } from "../../src/services/passwords.ts";

describe("password hashing", () => {
  it("verifies the password it hashed and refuses another", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored.startsWith("scrypt$32768$8$1$")).toBe(true);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterz", stored)).toBe(false);
  });

  it("runs at most two hashes at once (32 MiB each); the rest wait their turn and still finish", async () => {
    const stored = await hashPassword("a sign-in rush");
    const rush = Array.from({ length: 5 }, (_, i) =>
      verifyPassword(i % 2 ? "a sign-in rush" : "wrong", stored),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const during = passwordHashing();
    expect(during.running).toBe(2);
    expect(during.waiting).toBe(3);
    expect(await Promise.all(rush)).toEqual([false, true, false, true, false]);
    expect(passwordHashing()).toEqual({ running: 0, waiting: 0 });
  });
});
