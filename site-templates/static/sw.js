/* Service worker: keeps the calculator and the search (its index) working offline after the
   first visit. Network first (a reader online always gets the current site), the cache when
   offline; the search index's versioned files cache first. The calculator page and the
   search page post the list of what they need ({cache: [urls]}); only same-origin GET
   responses are stored. It never sends anything anywhere: it only re-fetches this
   site's own files. */
'use strict';
var CACHE = 'shebao-calc-v1';

self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (e) { e.waitUntil(self.clients.claim()); });

self.addEventListener('message', function (e) {
  var urls = ((e.data && e.data.cache) || []).filter(function (u) {
    return new URL(u).origin === self.location.origin;
  });
  var reply = e.ports && e.ports[0];
  e.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(urls);
  }).then(function () {
    if (reply) reply.postMessage('ready');
  }, function () {
    if (reply) reply.postMessage('failed');
  }));
});

/* The search index's files carry their build's version (search/s/3.js?v=…): a cached copy
   can never be stale, so they come from the cache first (typing a query loads new ones). */
function versionedIndexFile(url) {
  return /\/search\/[sf]\/\d+\.js$/.test(url.pathname) && url.searchParams.has('v');
}

self.addEventListener('fetch', function (e) {
  var req = e.request, url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (versionedIndexFile(url)) {
    e.respondWith(caches.match(req).then(function (hit) { return hit || fetch(req); }));
    return;
  }
  e.respondWith(fetch(req).then(function (res) {
    if (res.ok) {
      var copy = res.clone();
      caches.open(CACHE).then(function (cache) {
        return cache.match(req).then(function (old) { if (old) return cache.put(req, copy); });
      });
    }
    return res;
  }, function () {
    return caches.match(req, { ignoreSearch: true }).then(function (hit) {
      return hit || Response.error();
    });
  }));
});
