import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

describe("configuration from the environment", () => {
  it("uses safe defaults for development", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/[/\\]data$/);
    expect(config.isProduction).toBe(false);
    expect(config.baseUrl).toBe("http://localhost:3000");
  });

  it("lists every problem at once", () => {
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", NODE_ENV: "staging", SESSION_SECRET: "short" });
      expect.unreachable("loadConfig accepted bad settings");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join("\n");
      expect(problems).toContain("PORT");
      expect(problems).toContain("DATABASE_URL: must start with postgres://");
      expect(problems).toContain("NODE_ENV");
      expect(problems).toContain("SESSION_SECRET: must be at least 32 characters");
    }
  });

  it("refuses to start in production without a session secret", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET: required in production/);
    const config = loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) });
    expect(config.isProduction).toBe(true);
    expect(config.sessionSecret).toBe("x".repeat(40));
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).databaseUrl).toBeUndefined();
  });

  it("trusts no proxy by default, and never every proxy", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "off" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.1, 10.1.0.0/16,::1" }).trustProxy).toEqual([
      "10.0.0.1",
      "10.1.0.0/16",
      "::1",
    ]);
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY: must be off, a hop count/);
    expect(() => loadConfig({ TRUST_PROXY: "10.0.0.0/33" })).toThrow(/not "10.0.0.0\/33"/);
    expect(() => loadConfig({ TRUST_PROXY: "0" })).toThrow(/TRUST_PROXY: a hop count must be from 1 to 10/);
  });
});
