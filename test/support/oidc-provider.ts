import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

// A real OpenID Connect provider (oidc-provider, certified) on loopback for the single sign-on tests:
// its own login form (any login name is the account; its claims come from `accounts`), consent,
// signed id tokens, end-session. `flags.wrongAudience` makes it sign id tokens for another client.

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  flags: { wrongAudience: boolean };
  close(): Promise<void>;
}

export const TEST_CLIENT_ID = "waymark-test";
export const TEST_CLIENT_SECRET = "waymark-test-secret-that-is-long-enough";

export async function startTestProvider(waymarkBaseUrl: string | (() => string)): Promise<TestProvider> {
  const accounts = new Map<string, TestAccount>();
  const flags = { wrongAudience: false };
  const server = (await import("node:http")).createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const base = () => (typeof waymarkBaseUrl === "string" ? waymarkBaseUrl : waymarkBaseUrl());
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: [`${base()}/sign-in/oidc/callback`],
        post_logout_redirect_uris: [`${base()}/sign-in?signedOut=1`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username"] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          return { sub: id, ...(accounts.get(id) ?? {}) };
        },
      };
    },
  });
  // The test's provider is plain HTTP on loopback; nothing here is a production setting.
  const idToken = provider.IdToken.prototype as {
    issue: (this: { client: object }, ...args: unknown[]) => unknown;
  };
  const issue = idToken.issue;
  idToken.issue = function (this: { client: object }, ...args: unknown[]) {
    if (flags.wrongAudience) {
      const real = this.client;
      this.client = new Proxy(real, {
        get: (target, key) => (key === "clientId" ? "another-service" : Reflect.get(target, key, target)),
      });
    }
    return issue.apply(this, args);
  };
  server.on("request", provider.callback());
  return {
    issuer,
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    accounts,
    flags,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
