import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
const axe = readFileSync("node_modules/axe-core/axe.min.js", "utf8");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox","--disable-gpu","--disable-quic","--no-first-run","--disable-background-networking","--disable-component-update","--disable-sync"] });
for (const email of ["coordinator@ashvale.example", "hwb.member@ashvale.example"]) {
  const context = await browser.newContext({ bypassCSP: true }); const page = await context.newPage();
  await page.goto("http://127.0.0.1:3107/sign-in");
  await page.fill("#email", email);
  await page.fill("#password", "waymark-demo-password");
  await Promise.all([page.waitForNavigation(), page.click("button:has-text(\"Sign in\")")]);
  for (const path of ["/p/ashvale/reports", "/p/ashvale/reports/use-of-funding", "/p/ashvale/reports/commissioning-timeline", "/p/ashvale/reports/use-of-funding?year=1999", "/p/ashvale/reports/strategy-review?format=html"]) {
    await page.goto("http://127.0.0.1:3107" + path);
    await page.addScriptTag({ content: axe });
    const result = await page.evaluate(async () => await window.axe.run());
    console.log(email, path, result.violations.map((v) => `${v.id}(${v.nodes.length})`).join(" ") || "0 violations");
  }
  await page.close();
}
await browser.close();
