// Renders a page of the WordPress site in headless Chromium (Debian's)
// and keeps a screenshot: the page must answer 200, show its title and
// display its images (every <img> loaded with a width).
//
//   node render-page.mjs PAGE_URL TITLE SCREENSHOT.png
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [pageURL, title, out] = process.argv.slice(2);
if (!pageURL || !title || !out) {
  console.error("usage: node render-page.mjs PAGE_URL TITLE SCREENSHOT.png");
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), "umzug-chromium-"));
const problems = [];
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = context.pages()[0] || await context.newPage();
  // Only the local site: anything else (the old host above all) is a failure.
  const site = new URL(pageURL).origin;
  const foreign = [];
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith(site) || u.startsWith("data:")) return route.continue();
    foreign.push(u);
    return route.abort();
  });
  const resp = await page.goto(pageURL, { waitUntil: "load", timeout: 60000 });
  if (!resp || resp.status() !== 200) problems.push(`HTTP ${resp && resp.status()} for ${pageURL}`);
  const h1 = await page.locator("h1").first().textContent().catch(() => "");
  if (!(h1 || "").includes(title)) problems.push(`the page's h1 is "${h1}", want "${title}"`);
  const images = await page.$$eval("main img, .entry-content img, .wp-site-blocks img", (imgs) =>
    imgs.map((i) => ({ src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0 })));
  for (const i of images) if (!i.ok) problems.push(`image not displayed: ${i.src}`);
  for (const u of foreign) problems.push(`request to another host: ${u}`);
  await page.screenshot({ path: out, fullPage: true });
  process.stdout.write(JSON.stringify({ url: pageURL, status: resp && resp.status(), h1, images: images.length, screenshot: out, problems }) + "\n");
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(problems.length ? 1 : 0);
