import type { Config } from "../../src/config.ts";
import { createTestApp, type TestApp } from "../../test/support/app.ts";

export interface E2eServer extends TestApp {
  baseUrl: string;
}

/**
 * The whole app with the demo partnership on a fresh embedded database, on a free loopback port;
 * with `demoProgress` also its rounds and updates, moved to `demoToday` as `npm start` does.
 */
export async function startE2eServer(
  options: {
    demoProgress?: boolean;
    demoToday?: string;
    demoRegion?: boolean;
    config?: Partial<Config>;
  } = {},
): Promise<E2eServer> {
  const testApp = await createTestApp({ demo: true, ...options });
  await testApp.app.listen({ port: 0, host: "127.0.0.1" });
  const address = testApp.app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { ...testApp, baseUrl: `http://127.0.0.1:${port}` };
}
