// Reads a WordPress site that `umzug load --to wordpress` filled back
// through the REST API and checks it against the export:
//   - every post, page and reusable block is parsed and validated with the
//     block editor's own code (@wordpress/blocks + @wordpress/block-library
//     of WordPress 6.1): 0 invalid blocks; it also serializes them again
//     and counts posts whose stored markup differs from what the editor
//     would write (byte-exact markup);
//   - every document is there once, with its title, date, parent page and
//     the blocks its export blocks become; every file is in the media
//     library; every snippet is a reusable block; no link or image points
//     to the old host;
//   - every press release is a post in the categories and with the tags of
//     its document (besides the press category), each term once in
//     WordPress; a page keeps its terms in the meta umzug_categories and
//     umzug_tags.
//
//   node check-wordpress.mjs SITE_URL USER EXPORT_DIR [--counts-only]
// The application password comes from $UMZUG_WP_PASSWORD. Prints a JSON
// summary on stdout; exits 1 when a check fails.
import { JSDOM } from "jsdom";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [site, user, exportDir, mode] = process.argv.slice(2);
if (!site || !user || !exportDir) {
  console.error("usage: node check-wordpress.mjs SITE_URL USER EXPORT_DIR [--counts-only]");
  process.exit(2);
}
const countsOnly = mode === "--counts-only";
const password = process.env.UMZUG_WP_PASSWORD;

// The editor's packages expect a browser.
const dom = new JSDOM("<!doctype html><html><body></body></html>", { url: site });
for (const k of ["window", "document", "navigator", "Node", "HTMLElement", "Element", "DOMParser", "getComputedStyle",
  "MutationObserver", "CustomEvent", "Event", "KeyboardEvent", "MouseEvent", "FocusEvent", "Range", "Selection",
  "localStorage", "sessionStorage", "requestAnimationFrame", "cancelAnimationFrame", "matchMedia", "DocumentFragment", "Text", "Comment"]) {
  if (!(k in globalThis) || k === "window" || k === "document" || k === "navigator") {
    try { globalThis[k] = dom.window[k]; } catch { /* read-only in this node */ }
  }
}
globalThis.window.matchMedia ||= () => ({ matches: false, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {} });
globalThis.matchMedia = globalThis.window.matchMedia;
globalThis.requestAnimationFrame = globalThis.window.requestAnimationFrame = (cb) => setTimeout(cb, 0);
globalThis.cancelAnimationFrame = globalThis.window.cancelAnimationFrame = (id) => clearTimeout(id);

const blocks = await import("@wordpress/blocks");
const library = await import("@wordpress/block-library");
// Validation logs every invalid block to the console; collect instead.
const logged = [];
for (const level of ["error", "warn", "info", "log"]) {
  const orig = console[level];
  console[level] = (...args) => { logged.push(args.map(String).join(" ")); if (level === "error" && process.env.DEBUG) orig(...args); };
}
library.registerCoreBlocks();

const auth = "Basic " + Buffer.from(`${user}:${password}`).toString("base64");
async function all(route, params = "") {
  const out = [];
  for (let page = 1; ; page++) {
    const res = await fetch(`${site}/wp-json/wp/v2/${route}?context=edit&per_page=100&page=${page}${params}`, { headers: { Authorization: auth } });
    if (res.status === 400 && page > 1) break;
    if (!res.ok) throw new Error(`GET ${route}: HTTP ${res.status}: ${await res.text()}`);
    const items = await res.json();
    out.push(...items);
    if (page >= Number(res.headers.get("x-wp-totalpages") || 1)) break;
  }
  return out;
}

const ndjson = (name) => {
  try {
    return readFileSync(join(exportDir, name), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  } catch { return []; }
};
const manifest = JSON.parse(readFileSync(join(exportDir, "manifest.json"), "utf8"));
const oldHost = new URL(manifest.source).host;
const documents = ndjson("documents.ndjson");
const snippets = ndjson("snippets.ndjson");
const assets = ndjson("assets.ndjson");
const state = new Map();
for (const e of ndjson(".umzug-load-wordpress.ndjson")) {
  if (e.site === site.replace(/\/$/, "") && e.remote) state.set(`${e.kind}/${e.id}`, e);
}

const [pages, posts, reusable, media, categories, tags] = await Promise.all([
  all("pages", "&status=publish,draft,private,pending"), all("posts", "&status=publish,draft,private,pending"),
  all("blocks", "&status=publish,draft"), all("media"), all("categories"), all("tags"),
]);
const problems = [];
const fail = (m) => problems.push(m);

// Duplicates: one WordPress item per export record. A title that more
// pages and posts carry than documents of the export, a media slug (file
// name and hash, unique by construction) that WordPress had to number.
const dupNames = [];
const tally = (list) => list.reduce((m, k) => m.set(k, (m.get(k) || 0) + 1), new Map());
const wantTitles = tally(documents.map((d) => d.title));
for (const [title, n] of tally([...pages, ...posts].map((it) => it.title.raw))) {
  for (let i = wantTitles.get(title) || 0; i < n; i++) dupNames.push(`"${title}"`);
}
for (const [slug, n] of tally(media.map((it) => it.slug.replace(/-\d$/, "")))) {
  for (let i = 1; i < n; i++) dupNames.push(`media ${slug}`);
}
for (let i = snippets.length; i < reusable.length; i++) dupNames.push("reusable block");
const duplicates = dupNames.length;
const expectedFiles = assets.filter((a) => a.file).length;
const counts = {
  documents: documents.length, pages: pages.length, posts: posts.length,
  snippets: snippets.length, reusableBlocks: reusable.length,
  files: expectedFiles, media: media.length, duplicates,
};
if (pages.length + posts.length !== documents.length) fail(`${pages.length} pages + ${posts.length} posts in WordPress; the export has ${documents.length} documents`);
if (reusable.length !== snippets.length) fail(`${reusable.length} reusable blocks; the export has ${snippets.length} snippets`);
if (media.length !== expectedFiles) fail(`${media.length} media items; the export has ${expectedFiles} files`);
if (duplicates > 0) fail(`${duplicates} duplicates: ${dupNames.join("; ")}`);

const result = { counts };
if (!countsOnly) {
  // Block validation with the editor's own parser and validator.
  let blockCount = 0, invalid = 0, notExact = 0;
  const invalidSamples = [];
  const walk = (list, where) => {
    for (const b of list) {
      blockCount++;
      if (!b.isValid) {
        invalid++;
        if (invalidSamples.length < 5) invalidSamples.push({ where, block: b.name, html: (b.originalContent || "").slice(0, 300) });
      }
      walk(b.innerBlocks || [], where);
    }
  };
  const byID = new Map();
  for (const it of [...pages, ...posts, ...reusable]) {
    byID.set(String(it.id), it);
    const raw = it.content.raw;
    const parsed = blocks.parse(raw);
    walk(parsed, `${it.type} ${it.id} ${it.title.raw}`);
    if (blocks.serialize(parsed) !== raw) notExact++;
    const text = raw + (it.content.rendered || "") + (it.excerpt?.raw || "");
    if (text.includes(oldHost)) fail(`${it.type} ${it.id} "${it.title.raw}" links to the old host ${oldHost}`);
  }
  const oldHostLinks = problems.filter((p) => p.includes("links to the old host")).length;

  // Documents: title, date, parent, expected blocks.
  const expect = {
    heading: ["core/heading"], text: ["core/paragraph", "core/list", "core/heading", "core/quote"], quote: ["core/quote"],
    table: ["core/table", "core/html"], accordion: ["core/group"], tabs: ["core/group"], teaser: ["core/group"],
    gallery: ["core/gallery"], image: ["core/image"], text_media: ["core/image", "core/columns", "core/group", "core/paragraph"],
    downloads: ["core/file", "core/paragraph"], link_list: ["core/list"], timeline: ["core/group"], info_box: ["core/group"],
    video: ["core/embed", "core/video"], form: ["core/group"], divider: ["core/separator"], html: ["core/html"], ref: ["core/block", "core/paragraph"],
  };
  const names = (list, acc = new Set()) => { for (const b of list) { acc.add(b.name); names(b.innerBlocks || [], acc); } return acc; };
  const byPath = new Map(documents.map((d) => [d.path, d]));
  let checkedDocs = 0;
  for (const d of documents) {
    const st = state.get(`document/${d.id}`);
    const it = st && byID.get(st.remote);
    if (!it) { fail(`document ${d.id} "${d.title}" is not in WordPress`); continue; }
    checkedDocs++;
    if (it.title.raw !== d.title) fail(`${d.id}: title "${it.title.raw}", want "${d.title}"`);
    const want = d.kind === "press_release" ? "post" : "page";
    if (it.type !== want) fail(`${d.id}: a ${it.type}, want a ${want}`);
    const date = d.dates?.published || d.dates?.modified;
    if (date && !date.includes("T") && !it.date.startsWith(date)) fail(`${d.id} "${d.title}": date ${it.date}, want ${date}`);
    if (date && date.includes("T") && Math.abs(new Date(it.date_gmt + "Z") - new Date(date)) > 1000) fail(`${d.id}: date_gmt ${it.date_gmt}, want ${date}`);
    if (d.kind === "page") {
      let parent = 0;
      const segs = d.path.split("/").filter(Boolean);
      for (let n = segs.length - 1; n > 0; n--) {
        const p = byPath.get("/" + segs.slice(0, n).join("/"));
        if (p && p.kind === "page") { parent = Number(state.get(`document/${p.id}`)?.remote || -1); break; }
      }
      if (it.parent !== parent) fail(`${d.id} "${d.title}": parent ${it.parent}, want ${parent}`);
      let slug = segs[segs.length - 1];
      if (slug && /^\d+$/.test(slug) && segs.length > 1) slug = `${segs[segs.length - 2]}-${slug}`; // WordPress refuses numeric page slugs
      if (segs.length && it.slug !== slug) fail(`${d.id}: slug ${it.slug}, want ${slug}`);
    } else if (!(it.categories || []).length) {
      fail(`${d.id}: press release without category`);
    }
    const have = names(blocks.parse(it.content.raw));
    for (const b of d.blocks) {
      const want = expect[b.type] || [];
      const missingFile = (b.type === "image" && !b.image.asset) ||
        (b.type === "image" && !assets.find((a) => a.id === b.image.asset && a.file));
      if (missingFile) continue;
      if (!want.some((n) => have.has(n))) fail(`${d.id} "${d.title}": block ${b.key} (${b.type}) became none of ${want.join(", ")}`);
    }
    if (d.kind === "press_release" && d.pressRelease?.number && !it.content.raw.includes(d.pressRelease.number)) {
      fail(`${d.id}: press release number ${d.pressRelease.number} not in the post`);
    }
  }
  // Categories and tags: WordPress stores term names entity-encoded.
  const decode = (s) => new dom.window.DOMParser().parseFromString(`<!doctype html><body>${s}`, "text/html").body.textContent;
  const fold = (s) => decode(s).trim().toLowerCase();
  const termName = new Map();
  for (const [tax, list] of [["category", categories], ["tag", tags]]) {
    for (const [name, n] of tally(list.map((t) => fold(t.name)))) if (n > 1) fail(`${tax} "${name}" ${n} times in WordPress`);
    for (const t of list) termName.set(`${tax}/${t.id}`, fold(t.name));
  }
  let postsWithTerms = 0, pagesWithTermMeta = 0;
  const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));
  for (const d of documents) {
    const it = byID.get(state.get(`document/${d.id}`)?.remote || "");
    if (!it) continue;
    const wantCats = (d.categories || []).map(fold), wantTags = (d.tags || []).map(fold);
    if (it.type === "post") {
      const cats = (it.categories || []).map((id) => termName.get(`category/${id}`));
      const tgs = (it.tags || []).map((id) => termName.get(`tag/${id}`));
      const missing = wantCats.filter((c) => !cats.includes(c));
      if (missing.length) fail(`${d.id} "${d.title}": categories ${JSON.stringify(cats)} lack ${JSON.stringify(missing)}`);
      // WordPress lists a post's terms by name: the one category besides the document's is the press category.
      if (cats.filter((c) => !wantCats.includes(c)).length > 1) fail(`${d.id} "${d.title}": categories ${JSON.stringify(cats)}, want the press category and ${JSON.stringify(wantCats)}`);
      if (!sameSet(tgs, wantTags)) fail(`${d.id} "${d.title}": tags ${JSON.stringify(tgs)}, want ${JSON.stringify(wantTags)}`);
      if (wantCats.length || wantTags.length) postsWithTerms++;
    } else if (wantCats.length || wantTags.length) {
      const m = it.meta || {};
      if (!sameSet((m.umzug_categories || []).map(fold), wantCats) || !sameSet((m.umzug_tags || []).map(fold), wantTags)) {
        fail(`${d.id} "${d.title}": page meta umzug_categories ${JSON.stringify(m.umzug_categories)}, umzug_tags ${JSON.stringify(m.umzug_tags)}; want ${JSON.stringify(d.categories || [])}, ${JSON.stringify(d.tags || [])}`);
      } else pagesWithTermMeta++;
    }
  }
  const exportCats = new Set(documents.filter((d) => d.kind !== "page").flatMap((d) => (d.categories || []).map(fold)));
  const exportTags = new Set(documents.filter((d) => d.kind !== "page").flatMap((d) => (d.tags || []).map(fold)));
  const termCounts = {
    categories: categories.length, tags: tags.length, exportCategories: exportCats.size, exportTags: exportTags.size,
    postsWithTerms, pagesWithTermMeta,
  };

  // Snippets: referenced where they occurred.
  for (const s of snippets) {
    const st = state.get(`snippet/${s.id}`);
    if (!st || !byID.has(st.remote)) { fail(`snippet ${s.id} is not a reusable block`); continue; }
    const refs = [...pages, ...posts].filter((it) => it.content.raw.includes(`<!-- wp:block {"ref":${st.remote}} /-->`)).length;
    if (refs !== s.documents) fail(`snippet ${s.id}: referenced in ${refs} posts, the export has it in ${s.documents} documents`);
  }
  // Files: in the media library, with their texts.
  const mediaByID = new Map(media.map((m) => [String(m.id), m]));
  for (const a of assets.filter((a) => a.file)) {
    const st = state.get(`file/${a.id}`);
    const m = st && mediaByID.get(st.remote);
    if (!m) { fail(`file ${a.url} is not in the media library`); continue; }
    if (a.alt && m.alt_text !== a.alt) fail(`file ${a.url}: alt "${m.alt_text}", want "${a.alt}"`);
    if (String(m.media_details?.filesize ?? a.size) !== String(a.size) && m.media_details?.filesize) fail(`file ${a.url}: size ${m.media_details.filesize}, want ${a.size}`);
  }
  Object.assign(result, { terms: termCounts, blocks: blockCount, invalidBlocks: invalid, postsNotByteExact: notExact, documentsChecked: checkedDocs, oldHostLinks, invalidSamples });
  if (invalid > 0) fail(`${invalid} invalid blocks`);
}
result.problems = problems;
process.stdout.write(JSON.stringify(result, null, 2) + "\n");
process.exit(problems.length ? 1 : 0);
