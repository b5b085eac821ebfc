// Trunk's post-build hook (see Trunk.toml): seals the built page.
//
// 1. Writes sw.js from public/sw.js with the list of every built file and a
//    version that is a digest of their contents, so the service worker caches
//    exactly this build and any change to the page is a new version.
// 2. Puts a Content-Security-Policy in index.html that allows only the page's
//    own scripts (its inline scripts by their SHA-256 hashes: the theme script
//    and Trunk's loader), its wasm and its worker. An injected inline script,
//    a foreign script or an eval is refused by the browser.
//
// Usage: run by Trunk with TRUNK_STAGING_DIR set, or by hand:
//   node scripts/seal-page.mjs dist
// Node's own modules only: Node comes with npm, which the install needs anyway.

import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error("seal-page: name the built page's folder (or run it from Trunk)");
  process.exit(2);
}
const template = fileURLToPath(new URL("../public/sw.js", import.meta.url));

/** Every file under `root`, as paths relative to it with forward slashes, sorted. */
function files(root, at = root) {
  return readdirSync(at)
    .flatMap((name) => {
      const path = join(at, name);
      return statSync(path).isDirectory() ? files(root, path) : [relative(root, path).split(sep).join("/")];
    })
    .sort();
}

const sha256 = (data, encoding) => createHash("sha256").update(data).digest(encoding);

// The policy. Styles may be inline: the page sets element styles, and no
// user text is ever inserted as markup. Images may be data: and blob: URLs
// (thumbnails and PNG export).
function policy(hashes) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.map((h) => `'sha256-${h}'`).join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    // A live class's relay may live on another host (the link names it); it
    // only ever sees ciphertext.
    "connect-src 'self' ws: wss:",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

// 2. The policy in index.html, before any script.
const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");
if (html.includes('http-equiv="Content-Security-Policy"')) {
  console.error("seal-page: index.html already has a policy");
  process.exit(1);
}
const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
  .filter((m) => !/\bsrc\s*=/.test(m[1]))
  .map((m) => sha256(m[2], "base64"));
const charset = html.match(/<meta charset[^>]*>/i);
if (!charset) {
  console.error("seal-page: index.html has no <meta charset> to put the policy after");
  process.exit(1);
}
const at = charset.index + charset[0].length;
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(inline)}">`;
html = html.slice(0, at) + meta + html.slice(at);
writeFileSync(indexPath, html);

// 1. The service worker, listing the sealed files.
const built = files(dir).filter((f) => f !== "sw.js");
const digest = createHash("sha256");
for (const f of built) {
  digest.update(f).update("\0").update(readFileSync(join(dir, f))).update("\0");
}
const version = digest.digest("hex").slice(0, 16);
const list = JSON.stringify(built.map((f) => `./${f}`));
const sw = readFileSync(template, "utf8")
  .replace('"__SKYDRAFT_VERSION__"', JSON.stringify(version))
  .replace("__SKYDRAFT_FILES__", list);
if (sw.includes("__SKYDRAFT_")) {
  console.error("seal-page: public/sw.js lost a placeholder");
  process.exit(1);
}
writeFileSync(join(dir, "sw.js"), sw);
console.log(`seal-page: ${built.length} files, version ${version}, ${inline.length} inline scripts hashed`);
