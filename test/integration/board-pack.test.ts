import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// The board pack carries the key statistics: the round summary and strategy review gain a "Key
// statistics" section, as published (small numbers suppressed), with charts as pictures in Word.

describe.each(testDatabaseKinds())("key statistics in the board pack (%s)", (kind) => {
  let t: TestApp;
  let client: TestClient;

  beforeAll(async () => {
    t = await createTestApp({ kind, demoProgress: true });
    client = new TestClient(t.app);
    await client.signIn(demoUser("viewer").email);
  });
  afterAll(async () => t?.close());

  it("adds the section, with charts and their alt text, to the round summary in Word", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/p/ashvale/reports/round-summary?format=docx",
      headers: { cookie: client.cookieHeader() },
    });
    expect(response.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(response.rawPayload);
    const body = await zip.file("word/document.xml")!.async("string");
    expect(body).toContain("Key statistics");
    expect(body).toContain("Marac cases discussed");
    expect(body).toContain("fewer than 5");
    const pictures = Object.keys(zip.files).filter(
      (name) => name.startsWith("word/media/") && name.endsWith(".png"),
    );
    expect(pictures.length).toBeGreaterThan(0);
    expect(body).toMatch(/<wp:docPr [^>]*descr="[^"]{20,}"/);
  });

  it("shows the section on the web page too, but not in the action plan report", async () => {
    const page = await client.get("/p/ashvale/reports/strategy-review?format=html");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Key statistics");
    // Each chart is an SVG image in the page (a data: address: the page's policy allows no inline styles).
    const src = /<img src="data:image\/svg\+xml,([^"]+)"/.exec(page.body)?.[1];
    const svg = decodeURIComponent((src ?? "").replaceAll("&#39;", "'"));
    expect(svg).toMatch(/^<svg [^>]*role='img'/);
    expect(svg).toContain("<title");
    expect(svg).toContain("</svg>");
    const plan = await client.get("/p/ashvale/reports/action-plan?format=html");
    expect(plan.body).not.toContain("Key statistics");
  });
});
