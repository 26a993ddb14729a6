/* The search page's query engine (/search/?q=…). No framework, no network but this site's
   own index files, loaded with <script> so the page also works from a folder on disk and
   offline (the service worker keeps them after the first visit).

   The index is built by the generator (generator/src/search/): its meta part is JSON in
   the page (#search-meta); a query loads one shard per distinct token (search/s/N.js),
   then the fragments of the shown results (search/f/N.js). Tokens follow generator/src/search/tokens.rs exactly: full-width ASCII
   and upper case folded, Traditional characters folded to Simplified through the pairs in
   the page's meta, Han runs cut into bigrams, ASCII letter/digit runs kept as words.

   Ranking: a city named in the query puts that city's pages first; then sections that
   match more of the terms (all of a term's bigrams, or at least half); then score (rarer
   tokens count more; a token in the page title counts 6×, in the heading 4×, in the text
   1×; a term whose tokens are all there counts double; without a city in the query,
   national and topic pages win ties). At most 3 sections of one page, 10 results, which
   are reordered once their text is loaded: a whole term in the heading or text counts. */
(function () {
  'use strict';
  var script = document.getElementById('search-script');
  if (!script) return;
  var base = script.getAttribute('data-index');
  var root = script.getAttribute('data-root') || '';
  var version = script.getAttribute('data-v') || '';
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var statusEl = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var MAX_QUERY = 100, MAX_RESULTS = 10, PER_PAGE = 3;
  var FIELD_WEIGHT = [1, 4, 6];

  /* ---- loading index files ---- */
  var files = {};
  window.shebaoSearch = {
    load: function (kind, n, data) {
      var f = files[kind + n];
      if (f) { f.data = data; f.done(data); }
    }
  };
  function load(kind, n) {
    var key = kind + n;
    if (!files[key]) {
      var f = files[key] = {};
      f.promise = new Promise(function (resolve, reject) {
        f.done = resolve;
        var s = document.createElement('script');
        s.src = base + kind + '/' + n + '.js?v=' + version;
        s.onerror = function () { delete files[key]; reject(new Error(s.src)); };
        document.head.appendChild(s);
      });
    }
    return files[key].promise;
  }

  /* ---- tokens (as generator/src/search/tokens.rs) ---- */
  var fold = {};
  function isHan(c) {
    var u = c.codePointAt(0);
    return (u >= 0x3400 && u <= 0x4DBF) || (u >= 0x4E00 && u <= 0x9FFF) ||
      (u >= 0xF900 && u <= 0xFAFF) || (u >= 0x20000 && u <= 0x3134F);
  }
  function isWordChar(c) { return /^[a-z0-9]$/.test(c); }
  function foldChar(c) {
    var u = c.codePointAt(0);
    if (u >= 0xFF01 && u <= 0xFF5E) c = String.fromCharCode(u - 0xFEE0);
    else if (u === 0x3000) c = ' ';
    if (c >= 'A' && c <= 'Z') c = c.toLowerCase();
    return fold[c] || c;
  }
  function tokens(chars) {
    var out = [], prev = null, word = '';
    function endWord() { if (word.length >= 2) out.push(word); word = ''; }
    chars.forEach(function (c) {
      if (isHan(c)) { endWord(); if (prev) out.push(prev + c); prev = c; }
      else if (isWordChar(c)) { prev = null; word += c; }
      else { prev = null; endWord(); }
    });
    endWord();
    return out;
  }
  function distinct(x, i, a) { return a.indexOf(x) === i; }
  /* Terms: the query cut at spaces and punctuation. Each term has variants: itself, and
     the same text with a word of a synonym group (from the meta) replaced by the others
     (断缴怎么办 → 缺月怎么办, 漏交怎么办); a section scores by its best variant, a
     replaced one at 0.8. */
  var synonyms = [];
  function variants(text) {
    var out = [text];
    synonyms.forEach(function (group) {
      group.forEach(function (w) {
        if (text.indexOf(w) < 0) return;
        group.forEach(function (o) { if (o !== w) out.push(text.split(w).join(o)); });
      });
    });
    return out.filter(distinct).slice(0, 8).map(function (v) {
      return { text: v, tokens: tokens(Array.from(v)).filter(distinct) };
    });
  }
  function terms(query) {
    var chars = Array.from(query).map(foldChar), out = [], cur = [];
    function flush() {
      var text = cur.join(''), toks = tokens(cur).filter(distinct);
      if (toks.length) out.push({ text: text, tokens: toks, variants: variants(text) });
      cur = [];
    }
    chars.forEach(function (c) { if (isHan(c) || isWordChar(c)) cur.push(c); else flush(); });
    flush();
    return out;
  }
  function shardOf(token, shards) {
    var h = 0x811c9dc5;
    for (var i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193) >>> 0;
    return h % Math.max(shards, 1);
  }
  function deltas(list) {
    var out = [], acc = 0;
    for (var i = 0; i < list.length; i++) { acc += list[i]; out.push(acc); }
    return out;
  }
  function upperBound(sorted, x) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sorted[mid] <= x) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /* ---- ranking ---- */
  /* Candidates from the postings alone: every section with a token of a term, scored.
     A term is matched in a section when the tokens found there carry at least half of
     the term's weight (tokens that occur nowhere, like 缴怎 in 断缴怎么办, weigh nothing). */
  function candidates(meta, qterms, postings, cityHits) {
    var N = meta.sections, hits = {};
    var scored = qterms;
    if (cityHits.length) {
      var rest = qterms.filter(function (t) { return !t.city; });
      if (rest.length) scored = rest;
    }
    var idf = function (tok) {
      var list = postings[tok];
      return list ? Math.log(1 + N / list.length) : 0;
    };
    scored.forEach(function (term, ti) {
      term.variants.forEach(function (v, vi) {
        v.mass = v.tokens.reduce(function (m, t) { return m + idf(t); }, 0);
        v.tokens.forEach(function (tok) {
          var list = postings[tok] || [], w = idf(tok), sid = 0;
          for (var i = 0; i < list.length; i++) {
            sid += list[i] >> 2;
            var h = hits[sid] || (hits[sid] = { sid: sid, t: {} });
            var key = ti + ':' + vi, e = h.t[key] || (h.t[key] = { w: 0, n: 0, m: 0 });
            e.w += w * FIELD_WEIGHT[list[i] & 3];
            e.n += 1;
            e.m += w;
          }
        });
      });
    });
    var inCity = function (sid, cities) {
      return cities.some(function (c) {
        return c.ranges.some(function (r) { return sid >= r[0] && sid < r[1]; });
      });
    };
    return Object.keys(hits).map(function (k) {
      var h = hits[k], score = 0, matched = 0;
      scored.forEach(function (term, ti) {
        var best = null;
        term.variants.forEach(function (v, vi) {
          var e = h.t[ti + ':' + vi];
          if (!e) return;
          var whole = e.n === v.tokens.length;
          var c = {
            matched: whole || e.m * 2 >= v.mass ? 1 : 0,
            score: e.w * (whole ? 2 : 1) / v.tokens.length * (vi ? 0.8 : 1)
          };
          if (!best || c.matched > best.matched || (c.matched === best.matched && c.score > best.score)) best = c;
        });
        if (best) { matched += best.matched; score += best.score; }
      });
      /* Without a city in the query, a page for everyone (national, topics) wins a tie
         with the same section repeated in each city guide. */
      if (!cityHits.length && !inCity(h.sid, meta.cities)) score *= 1.1;
      return {
        sid: h.sid, score: score, matched: matched, terms: scored,
        city: cityHits.length && inCity(h.sid, cityHits) ? 1 : 0
      };
    });
  }
  function byRank(a, b) {
    return b.city - a.city || b.matched - a.matched || b.score - a.score || a.sid - b.sid;
  }
  /* The best sections, at most PER_PAGE of one page. */
  function top(meta, rows) {
    rows.sort(byRank);
    var perPage = {}, out = [];
    for (var i = 0; i < rows.length && out.length < MAX_RESULTS; i++) {
      var page = upperBound(meta.pageStarts, rows[i].sid);
      perPage[page] = (perPage[page] || 0) + 1;
      if (perPage[page] <= PER_PAGE) out.push(rows[i]);
    }
    return out;
  }
  /* With the shown sections' text loaded: a heading that holds a whole term (best: starts
     with it, better still is it) or a text that holds it ranks above one that only has
     its bigrams. */
  function refine(results) {
    results.forEach(function (r) {
      var heading = Array.from(r.heading).map(foldChar).join('');
      var text = Array.from(r.text).map(foldChar).join('');
      var bonus = 1;
      r.row.terms.forEach(function (t) {
        var at = function (s) {
          return t.variants.reduce(function (best, v) {
            var i = s.indexOf(v.text);
            return i >= 0 && (best < 0 || i < best) ? i : best;
          }, -1);
        };
        var h = at(heading);
        if (t.variants.some(function (v) { return v.text === heading; })) bonus += 1.2;
        else if (h === 0) bonus += 0.8;
        else if (h > 0) bonus += 0.5;
        else if (at(text) >= 0) bonus += 0.2;
      });
      r.row.score *= bonus;
    });
    return results.sort(function (a, b) { return byRank(a.row, b.row); });
  }

  /* ---- one query ---- */
  var metaData = null;
  function loadMeta() {
    if (!metaData) {
      try {
        metaData = Promise.resolve(JSON.parse(document.getElementById('search-meta').textContent));
      } catch (e) {
        metaData = Promise.reject(e);
      }
    }
    return metaData;
  }
  function search(query) {
    return loadMeta().then(function (meta) {
      if (!meta.pageStarts) {
        meta.pageStarts = deltas(meta.pages);
        meta.fragStarts = deltas(meta.frags);
        var pairs = Array.from(meta.fold);
        for (var i = 0; i + 1 < pairs.length; i += 2) fold[pairs[i]] = pairs[i + 1];
        synonyms = meta.synonyms || [];
      }
      var folded = Array.from(query).map(foldChar).join('');
      var cityHits = meta.cities.filter(function (c) {
        return c.names.some(function (n) { return folded.indexOf(n) >= 0; });
      });
      var qterms = terms(query);
      qterms.forEach(function (t) {
        t.city = cityHits.some(function (c) { return c.names.indexOf(t.text) >= 0; });
      });
      var all = [];
      qterms.forEach(function (t) {
        t.variants.forEach(function (v) { v.tokens.forEach(function (k) { if (all.indexOf(k) < 0) all.push(k); }); });
      });
      var shards = all.map(function (t) { return shardOf(t, meta.shards); })
        .filter(function (s, i, a) { return a.indexOf(s) === i; });
      return Promise.all(shards.map(function (s) { return load('s', s); })).then(function (loaded) {
        var postings = {};
        loaded.forEach(function (shard) {
          all.forEach(function (t) { if (shard[t]) postings[t] = shard[t]; });
        });
        var shown = top(meta, candidates(meta, qterms, postings, cityHits));
        var frags = shown.map(function (r) { return upperBound(meta.fragStarts, r.sid) - 1; });
        var want = frags.filter(function (f, i, a) { return a.indexOf(f) === i; });
        return Promise.all(want.map(function (f) { return load('f', f); })).then(function () {
          return {
            meta: meta, terms: qterms, cities: cityHits,
            results: refine(shown.map(function (r, i) {
              var row = files['f' + frags[i]].data[r.sid - meta.fragStarts[frags[i]]];
              return { url: row[0], title: row[1], heading: row[2], text: row[3], row: r };
            }))
          };
        });
      });
    });
  }

  /* ---- showing results ---- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  /* The part of `text` around the first match, matches in <mark>. */
  function snippet(text, qterms) {
    var chars = Array.from(text), low = chars.map(foldChar), lowText = low.join('');
    var needles = [];
    qterms.forEach(function (t) {
      t.variants.forEach(function (v) { needles.push(v.text); needles.push.apply(needles, v.tokens); });
    });
    needles = needles.filter(function (n) { return n.length >= 2; })
      .sort(function (a, b) { return b.length - a.length; });
    var mark = new Array(chars.length), first = -1;
    needles.forEach(function (n) {
      var nl = Array.from(n).length, from = 0, at;
      while ((at = lowText.indexOf(n, from)) >= 0) {
        var pos = Array.from(lowText.slice(0, at)).length;
        for (var k = 0; k < nl; k++) mark[pos + k] = true;
        if (first < 0 || pos < first) first = pos;
        from = at + n.length;
      }
    });
    var start = Math.max(0, (first < 0 ? 0 : first) - 25), end = Math.min(chars.length, start + 110);
    var p = el('p');
    if (start > 0) p.appendChild(document.createTextNode('…'));
    var run = '', marked = false;
    function flush() {
      if (!run) return;
      p.appendChild(marked ? el('mark', '', run) : document.createTextNode(run));
      run = '';
    }
    for (var i = start; i < end; i++) {
      if (!!mark[i] !== marked) { flush(); marked = !!mark[i]; }
      run += chars[i];
    }
    flush();
    if (end < chars.length) p.appendChild(document.createTextNode('…'));
    return p;
  }
  function say(text, state) {
    statusEl.textContent = text;
    statusEl.hidden = !text;
    list.setAttribute('data-state', state);
  }
  function suggestCities(meta) {
    var p = el('p', 'search-suggest', '也可以直接打开城市指南：');
    meta.cities.forEach(function (c) {
      var a = el('a', '', c.names[0]);
      a.href = root + c.url;
      p.appendChild(a);
    });
    return p;
  }
  function show(query, found) {
    list.textContent = '';
    var n = found.results.length;
    if (!n) {
      say('没有找到与“' + query + '”相关的内容。换个说法试试，比如少打几个字。', 'nomatch');
      var li = el('li');
      li.appendChild(suggestCities(found.meta));
      list.appendChild(li);
      list.hidden = false;
      return;
    }
    found.results.forEach(function (r) {
      var li = el('li'), a = el('a', 'hit-title', r.heading || r.title);
      a.href = root + r.url;
      li.appendChild(a);
      if (r.heading && r.heading !== r.title) li.appendChild(el('span', 'hit-page', r.title));
      if (r.text) li.appendChild(snippet(r.text, found.terms));
      list.appendChild(li);
    });
    list.hidden = false;
    say('“' + query + '”的搜索结果' + (n >= MAX_RESULTS ? '（最相关的 ' + n + ' 条）' : '：' + n + ' 条'), 'done');
    list.setAttribute('data-ms', String(Math.round(performance.now())));
  }

  var seq = 0;
  function run(raw, fromUrl) {
    var query = Array.from(raw.trim()).slice(0, MAX_QUERY).join('');
    var mine = ++seq;
    if (!fromUrl) {
      var url = location.pathname + (query ? '?q=' + encodeURIComponent(query) : '');
      try { history.replaceState(null, '', url); } catch (e) { /* file:// in some browsers */ }
    }
    list.hidden = true;
    if (!query) { say('', 'empty'); return; }
    if (!terms(query).length) {
      say('请输入至少两个字或一个号码，例如“缴费基数”“12333”。', 'empty');
      return;
    }
    say('正在搜索……', 'loading');
    search(query).then(function (found) {
      if (mine === seq) { show(query, found); offline(found.meta); }
    }, function () {
      if (mine === seq) say('搜索索引没有加载成功，请刷新页面再试；也可以用下面的目录找内容。', 'error');
    });
  }

  /* After the first search, keep the whole index for offline use (small sites only), once
     per index version: the service worker stores the list all or nothing, so when its last
     file is in the cache the whole index is, and a later search downloads nothing more. */
  var cached = false;
  function offline(meta) {
    if (cached || !/^https?:$/.test(location.protocol) || !('serviceWorker' in navigator) ||
      !('caches' in window)) return;
    if (meta.shards + meta.frags.length > 600) return;
    cached = true;
    var urls = [location.pathname, script.src, root + 'css/site.css', root + 'css/search.css'];
    var i;
    for (i = 0; i < meta.shards; i++) urls.push(base + 's/' + i + '.js?v=' + version);
    for (i = 0; i < meta.frags.length; i++) urls.push(base + 'f/' + i + '.js?v=' + version);
    urls = urls.map(function (u) { return new URL(u, location.href).href; });
    caches.match(urls[urls.length - 1]).then(function (hit) {
      if (hit) return;
      return navigator.serviceWorker.register(root + 'sw.js').then(function () {
        return navigator.serviceWorker.ready;
      }).then(function (reg) {
        if (reg.active) reg.active.postMessage({ cache: urls });
      });
    }).catch(function () { /* offline use is a bonus */ });
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); run(input.value, false); });
  var composing = false;
  input.addEventListener('compositionstart', function () { composing = true; });
  input.addEventListener('compositionend', function () { composing = false; run(input.value, false); });
  input.addEventListener('input', function () { if (!composing) run(input.value, false); });
  var q = new URLSearchParams(location.search).get('q') || '';
  input.value = q;
  run(q, true);
})();
