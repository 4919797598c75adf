// Reads every WARC file of an umzug archive with warcio.js, an independent
// reader, and checks what umzug promises about it: WARC/1.1 records of known
// types, http(s) target URIs, payload digests that match the payload, and a
// request record for every response. Exits non-zero on the first problem.
//
//   node .ci/warcio/check.mjs ARCHIVE_DIR [MIN_RESPONSES]
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { WARCParser } from "warcio";

const dir = process.argv[2];
const minResponses = Number(process.argv[3] || 1);
if (!dir) {
  console.error("usage: node check.mjs ARCHIVE_DIR [MIN_RESPONSES]");
  process.exit(2);
}

function base32(buf) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0, out = "";
  for (const b of buf) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8) out += "=";
  return out;
}

function fail(msg) {
  console.error("warc check: " + msg);
  process.exit(1);
}

const known = new Set(["warcinfo", "request", "response", "revisit", "metadata"]);
const counts = {};
const requestsFor = new Set();
const responses = [];
const files = fs.readdirSync(path.join(dir, "warc")).filter((f) => f.endsWith(".warc.gz")).sort();
if (files.length === 0) fail(`no .warc.gz file in ${dir}/warc`);

for (const f of files) {
  const name = path.join(dir, "warc", f);
  const parser = new WARCParser(fs.createReadStream(name));
  let n = 0;
  for await (const record of parser) {
    n++;
    const where = `${f} record ${n}`;
    const type = record.warcType;
    if (record.warcHeaders.protocol !== "WARC/1.1") fail(`${where}: version ${record.warcHeaders.protocol}`);
    if (!known.has(type)) fail(`${where}: unknown WARC-Type ${type}`);
    counts[type] = (counts[type] || 0) + 1;
    if (n === 1 && type !== "warcinfo") fail(`${where}: a file must start with warcinfo, not ${type}`);
    if (type !== "warcinfo") {
      const uri = record.warcTargetURI;
      if (!/^https?:\/\/[^/]+/.test(uri || "")) fail(`${where}: WARC-Target-URI ${uri}`);
    }
    if (type === "request") {
      const to = record.warcHeader("WARC-Concurrent-To");
      if (!to) fail(`${where}: request without WARC-Concurrent-To`);
      requestsFor.add(to);
    }
    if (type === "response") {
      const want = record.warcHeader("WARC-Payload-Digest");
      if (!record.httpHeaders) fail(`${where}: response without HTTP headers`);
      const payload = await record.readFully(false);
      const got = "sha256:" + base32(crypto.createHash("sha256").update(payload).digest());
      if (got !== want) fail(`${where} (${record.warcTargetURI}): payload digest ${want}, computed ${got}`);
      responses.push({ id: record.warcHeader("WARC-Record-ID"), where });
    } else if (type === "revisit") {
      if (!record.warcHeader("WARC-Refers-To-Target-URI")) fail(`${where}: revisit without WARC-Refers-To-Target-URI`);
      await record.readFully(false);
    } else {
      await record.readFully(false);
    }
  }
}
for (const r of responses) {
  if (!requestsFor.has(r.id)) fail(`${r.where}: no request record is concurrent to response ${r.id}`);
}
if ((counts.response || 0) < minResponses) fail(`${counts.response || 0} response records; want at least ${minResponses}`);
console.log(`warc check: ${files.length} file(s), records: ${JSON.stringify(counts)}; all payload digests match`);
