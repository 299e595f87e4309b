import Fastify from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { registerRequestSlots } from "../../src/web/plugins/request-slots.ts";

// The cap on requests worked on at once: the ones over it wait, and every way a request ends (an
// answer, an error) gives its place to the next.

describe("request slots", () => {
  const apps: ReturnType<typeof Fastify>[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  async function appWithSlots(concurrency: number) {
    const app = Fastify();
    apps.push(app);
    registerRequestSlots(app, concurrency);
    const gates: (() => void)[] = [];
    let entered = 0;
    app.get("/slow", async () => {
      entered += 1;
      await new Promise<void>((resolve) => gates.push(resolve));
      return "done";
    });
    app.get("/fails", async () => {
      throw new Error("broken");
    });
    await app.ready();
    return { app, gates, entered: () => entered };
  }

  const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

  it("works on at most that many requests at once; the next starts when one is answered", async () => {
    const { app, gates, entered } = await appWithSlots(2);
    const answers = [1, 2, 3].map(() => app.inject({ method: "GET", url: "/slow" }));
    await tick();
    expect(entered()).toBe(2);
    gates.shift()?.();
    await tick();
    expect(entered()).toBe(3);
    for (const open of gates.splice(0)) open();
    for (const answer of await Promise.all(answers)) expect(answer.body).toBe("done");
  });

  it("frees the slot of a request that ended in an error", async () => {
    const { app, gates, entered } = await appWithSlots(1);
    expect((await app.inject({ method: "GET", url: "/fails" })).statusCode).toBe(500);
    const answer = app.inject({ method: "GET", url: "/slow" });
    await tick();
    expect(entered()).toBe(1);
    gates.shift()?.();
    expect((await answer).body).toBe("done");
  });
});
