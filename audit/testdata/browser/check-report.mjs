// Loads an umzug audit HTML report in headless Chromium and checks that it
// renders without console errors or network requests, and that the rule,
// severity and page filters show exactly the rows they should.
//
//   node check-report.mjs REPORT.html
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const report = process.argv[2];
if (!report) {
  console.error("usage: node check-report.mjs REPORT.html");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const profile = mkdtempSync(join(tmpdir(), "umzug-chromium-"));
const problems = [];
const fail = (msg) => problems.push(msg);

const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = context.pages()[0] || await context.newPage();
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") fail(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => fail(`page error: ${e.message}`));
  page.on("request", (r) => { if (!r.url().startsWith("file:")) fail(`request to ${r.url()}: the report must be self-contained`); });

  await page.goto(pathToFileURL(resolve(report)).href, { waitUntil: "load" });
  const total = await page.locator("#findings tr.finding").count();
  if (total < 5) fail(`only ${total} findings rendered`);
  const visible = () => page.locator("#findings tr.finding:not(.hidden)").count();
  const shown = async () => Number(await page.locator("#shown").textContent());
  if ((await visible()) !== total || (await shown()) !== total) fail("not every finding is shown before filtering");

  // Rule filter: only rows of that rule, all of them.
  const rule = "broken-element";
  const ofRule = await page.locator(`#findings tr.finding[data-rule="${rule}"]`).count();
  await page.selectOption("#f-rule", rule);
  if (ofRule === 0 || (await visible()) !== ofRule || (await shown()) !== ofRule) {
    fail(`rule filter ${rule}: ${await visible()} rows visible, counter ${await shown()}; want ${ofRule}`);
  }
  if (!page.url().includes("rule=broken-element")) fail(`filter state not in the URL: ${page.url()}`);

  // Severity filter: "error" hides warnings.
  await page.selectOption("#f-rule", "");
  await page.selectOption("#f-severity", "error");
  const errors = await page.locator('#findings tr.finding[data-severity="error"]').count();
  if ((await visible()) !== errors || errors === total) fail(`severity filter: ${await visible()} visible; want ${errors} of ${total}`);

  // Page filter: rows that concern the chosen page.
  await page.selectOption("#f-severity", "");
  const options = await page.locator("#f-page option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  if (options.length === 0) fail("no pages to filter by");
  const chosen = options[0];
  await page.selectOption("#f-page", chosen);
  const wantRows = await page.locator("#findings tr.finding").evaluateAll(
    (rows, p) => rows.filter((r) => r.dataset.pages.split(" ").includes(p)).length, chosen);
  if ((await visible()) !== wantRows || wantRows === 0) fail(`page filter ${chosen}: ${await visible()} visible; want ${wantRows}`);

  // Reset shows everything again; every finding links to its page.
  await page.click("#f-reset");
  if ((await visible()) !== total) fail("reset does not show all findings");
  const badLinks = await page.locator("#findings tr.finding td.url a").evaluateAll(
    (as) => as.filter((a) => !/^https?:\/\//.test(a.getAttribute("href"))).length);
  if (badLinks > 0) fail(`${badLinks} findings do not link to a live page`);

  console.log(`report ok: ${total} findings, ${ofRule} ${rule}, ${errors} errors, page filter ${chosen}: ${wantRows}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
if (problems.length > 0) {
  for (const p of problems) console.error("FAIL:", p);
  process.exit(1);
}
