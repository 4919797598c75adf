import { JSDOM } from "jsdom";
const dom = new JSDOM("<!doctype html><html><body></body></html>", { url: "http://x/" });
for (const k of ["window","document","navigator","Node","HTMLElement","Element","DOMParser","getComputedStyle","MutationObserver"]) { try { globalThis[k] = dom.window[k]; } catch {} }
globalThis.requestAnimationFrame = globalThis.window.requestAnimationFrame = (cb) => setTimeout(cb, 0);
globalThis.cancelAnimationFrame = globalThis.window.cancelAnimationFrame = (id) => clearTimeout(id);
globalThis.window.matchMedia = () => ({ matches: false, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {} });
const blocks = await import("@wordpress/blocks");
const library = await import("@wordpress/block-library");
const orig = console.log; for (const l of ["error","warn","info","log"]) console[l] = () => {};
library.registerCoreBlocks();
const auth = "Basic " + Buffer.from(`umzug:${process.env.UMZUG_WP_PASSWORD}`).toString("base64");
for (const route of ["pages","posts","blocks"]) {
  const items = await (await fetch(`http://127.0.0.1:18080/wp-json/wp/v2/${route}?context=edit&per_page=100`, { headers: { Authorization: auth } })).json();
  for (const it of items) {
    const raw = it.content.raw; const s = blocks.serialize(blocks.parse(raw));
    if (s !== raw) { let i = 0; while (s[i] === raw[i]) i++; process.stdout.write(`${route} ${it.id} ${it.title.raw}\nstored: ${raw.slice(i-200, i+200)}\neditor: ${s.slice(i-200, i+200)}\n\n`); }
  }
}
