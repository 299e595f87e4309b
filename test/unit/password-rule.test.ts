import { describe, expect, it } from "vitest";
import { passwordProblem } from "../../src/domain/password-rule.ts";

describe("the password rule", () => {
  it.each([
    ["password1234", /too common/],
    ["PASSWORD1234", /too common/],
    ["Password1234!", /too common/],
    ["iloveyou2024", /too common/],
    ["aaaaaaaaaaaa", /repeat the same characters/],
    ["aaaaaaaaaaab", /repeat the same characters/],
    ["abababababab", /repeat the same characters/],
    ["            ", /not only spaces/],
    ["\t\t\t\t\t\t\t\t\t\t\t\t", /not only spaces/],
    ["abcdefghijkl", /run of letters, numbers or keys/],
    ["lkjihgfedcba", /run of letters, numbers or keys/],
    ["123456789012", /run of letters, numbers or keys/],
    ["qwertyuiop[]", /run of letters, numbers or keys/],
    ["QWERTYUIOPasd", /run of letters, numbers or keys/],
    ["asdfghjkl;'#", /run of letters, numbers or keys/],
    ["short", /12 characters or more/],
    ["", /Enter a password/],
    ["x".repeat(201), /200 characters or fewer/],
  ])("refuses %j", (password, message) => {
    expect(passwordProblem(password)).toMatch(message);
  });

  it("refuses a password containing the account's e-mail name, whatever its case", () => {
    const email = "jane.smith@ashvale.example";
    expect(passwordProblem("Jane.Smith-rides-bikes", { email })).toMatch(/must not contain your email/);
    expect(passwordProblem("blue smith mountain", { email })).toMatch(/must not contain your email/);
    expect(passwordProblem("blue smith mountain")).toBeNull();
  });

  it.each([
    "correct horse battery staple",
    "waymark-demo-password",
    "Tr0ub4dor&3 violin",
    "kettle orbit lantern",
    "my cat sleeps on the radiator",
    "7 ravens over Ashvale",
  ])("accepts %j", (password) => {
    expect(passwordProblem(password, { email: "coordinator@ashvale.example" })).toBeNull();
  });

  it("counts characters, not bytes, so twelve accented letters are long enough", () => {
    expect(passwordProblem("éàüöçñøåßæœð")).toBeNull();
    expect(passwordProblem("éàüöçñøåßæœ")).toMatch(/12 characters or more/);
  });
});
