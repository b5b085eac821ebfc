// Skydraft's service worker: keeps the page, its styles, its wasm and the
// simulation worker in a cache, so a classroom with bad Wi-Fi can reload the
// page and run a design once it has loaded it. scripts/seal-page.mjs writes
// the list of files and the version (a digest of their contents) below after
// every build; a new build is a new version, installed beside the running one
// and taken up when the page says "Reload" (or on the next visit).
//
// It caches only this site's own files, answers only GET requests, and never
// reads or stores what a user draws: a design lives in the page's URL and in
// local storage.

const VERSION = "__SKYDRAFT_VERSION__";
const FILES = __SKYDRAFT_FILES__;
const CACHE = "skydraft-" + VERSION;
const PAGE = "./index.html";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Straight from the network, never from the HTTP cache: the unhashed
      // worker files must be this version's.
      await cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" })));
      // The first install takes over at once; an update waits for the page.
      if (!self.registration.active) {
        await self.skipWaiting();
      }
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("skydraft-") && key !== CACHE) {
          await caches.delete(key);
        }
      }
      await self.clients.claim();
    })(),
  );
});

// The page asks a waiting version to take over when the user presses Reload.
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  // Every page address (a share link's query, view-only, a template) is the
  // one page; the design travels in the fragment, which never reaches here.
  const lookup = request.mode === "navigate" ? PAGE : request;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(lookup);
      return hit || fetch(request);
    })(),
  );
});
