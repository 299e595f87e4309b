import { chromium } from "playwright-core";
const base = "http://localhost:3101";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox","--disable-gpu","--disable-quic","--no-first-run","--disable-background-networking","--disable-component-update","--disable-sync"] });
const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } }); const page = await context.newPage();
async function signIn(email) {
  await page.goto(base + "/sign-in");
  await page.fill("#email", email);
  await page.fill("#password", "waymark-demo-password");
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/sign-in")), page.click("button:has-text(\"Sign in\")")]);
}
const step = process.argv[2] ?? "list";
await signIn(process.argv[3] ?? "coordinator@ashvale.example");
const go = async (path, file) => { const r = await page.goto(base + path); console.log(path, r.status()); if (file) await page.screenshot({ path: `/tmp/${file}.png`, fullPage: true }); };
if (step === "list") {
  await go("/p/ashvale/boards", "boards-list");
  const href = await page.getAttribute("table a[href*='/boards/']", "href");
  console.log("first board", href);
  await go(href, "board-page");
}
if (step === "setup") {
  // Make the steering group a Local Partnership Board with terms and seats.
  await page.goto(base + "/p/ashvale/boards");
  const links = await page.$$eval("table a[href*='/boards/']", (as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
  console.log(links);
  const dasg = links.find(([t]) => t.includes("Steering"))[1];
  await go(dasg + "/edit");
  await page.check("input[name=kind][value=strategic]");
  await page.fill("#purpose", "Owns the domestic abuse strategy and holds partners to account for delivering it.");
  await page.fill("#chair", "Director of Community Safety");
  await page.fill("#quorum", "3");
  await page.fill("#reviewOn-day", "1"); await page.fill("#reviewOn-month", "4"); await page.fill("#reviewOn-year", "2025");
  await page.click("text=Save board");
  console.log("after edit", page.url());
  for (const [title, cats, voting] of [["Chair", ["local_authority"], true], ["Police", ["policing_criminal_justice"], true], ["Specialist service", ["domestic_abuse_charities", "victims"], true], ["Public health adviser", ["health"], false]]) {
    await go(dasg + "/seats/new");
    await page.fill("#title", title);
    await page.fill("#holderName", "Member for " + title);
    for (const c of cats) await page.check(`input[name=categories][value=${c}]`);
    await page.check(`input[name=voting][value=${voting ? "yes" : "no"}]`);
    await page.click("text=Save seat");
  }
  await go(dasg + "/meetings/plan", "plan-start");
  await page.fill("#first-day", "15"); await page.fill("#first-month", "7"); await page.fill("#first-year", "2026");
  await page.click("text=Propose dates");
  await page.screenshot({ path: "/tmp/plan-proposed.png", fullPage: true });
  await page.uncheck("input[name=keep][value='3']");
  await page.click("text=Save these meetings");
  console.log("after plan", page.url());
  await page.screenshot({ path: "/tmp/board-page-lpb.png", fullPage: true });
  const att = await page.getAttribute("a[href$='/attendance']", "href");
  await go(att);
  const radios = await page.$$("input[type=radio][value=present]");
  await radios[0].check(); await radios[1].check();
  const apol = await page.$$("input[type=radio][value=apology]"); await apol[2].check();
  await page.click("text=Save attendance");
  await page.screenshot({ path: "/tmp/attendance.png", fullPage: true });
}
if (step === "axe") {
  const fs = await import("node:fs");
  const axeSource = fs.readFileSync("node_modules/axe-core/axe.min.js", "utf8");
  const check = async (label) => {
    await page.addScriptTag({ content: axeSource });
    const v = await page.evaluate(async () => (await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a","wcag2aa","wcag21a","wcag21aa","wcag22a","wcag22aa"] } })).violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(" ")).join(", ")}`));
    console.log(label, v.length ? v : "ok");
  };
  for (const path of ["/p/ashvale/boards", "/p/ashvale/boards/2", "/p/ashvale/boards/2/edit", "/p/ashvale/boards/new", "/p/ashvale/boards/2/seats/new", "/p/ashvale/boards/2/meetings/plan", "/p/ashvale/boards/2/meetings/new", "/p/ashvale/meetings/1/edit", "/p/ashvale/meetings/1/attendance"]) {
    await go(path); await check(path);
  }
  await go("/p/ashvale/boards/2/meetings/plan");
  await page.fill("#first-day", "15"); await page.fill("#first-month", "7"); await page.fill("#first-year", "2027");
  await page.click("text=Propose dates"); await check("plan proposed");
  // An error page
  await go("/p/ashvale/boards/2/meetings/new"); await page.click("text=Save meeting"); await check("meeting errors");
  // Make the steering member a seat holder and look at their home.
  await go("/p/ashvale/boards/2/seats/new");
  await page.fill("#title", "OPCC");
  const opt = await page.$$eval("#holderUserId option", (os) => os.map((o) => [o.value, o.textContent]));
  const steering = opt.find(([, t]) => /OPCC|Police and Crime/i.test(t)) ?? opt[1];
  await page.selectOption("#holderUserId", steering[0]);
  await page.check("input[name=voting][value=yes]");
  await page.click("text=Save seat");
  await go("/p/ashvale/boards/2", "board-page-lpb"); 
}
if (step === "home") { await go("/p/ashvale", "home-member"); }
await browser.close();
