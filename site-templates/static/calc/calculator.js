/* The calculator page's glue: file input → wasm → DOM. No logic lives here: reading,
   checking and the report's HTML all come from the Rust engine (calculator-wasm).
   Nothing is sent anywhere: the file is read with File.arrayBuffer(), the wasm module
   arrives as a script (CSP connect-src 'none'), and the report is downloaded from a blob URL. */
(function () {
  'use strict';
  var root = new URL('../', document.currentScript.src).href; // the site root
  var box = document.getElementById('calc');
  if (!box) return;
  var $ = function (id) { return document.getElementById(id); };
  var status = $('calc-status'), errorBox = $('calc-error'), report = $('calc-report');
  var actions = $('calc-actions'), fileInput = $('calc-file');
  var policy = $('calc-policy').textContent;
  var engines = {};  // global name → Promise of its Calculator (one load, however often asked)
  var mainReady = false;  // the main engine has loaded (the status line says so)
  // {calc, checked, input, json}: the last report, kept to render the other people of a batch
  // on demand and to make its JSON for the download.
  var last = null;

  // The *.wasm.js scripts carry the module as a string of one character per byte, the bytes
  // renamed by frequency (`table` maps each character back). Turned into bytes here, in slices
  // with a pause between them (the first after the script's own task): on a slow phone one
  // pass over the whole string would hold the page up for a noticeable moment.
  var SLICE = 65536;
  function bytesOf(carrier) {
    var back = new Uint8Array(256), s = carrier.bytes, out = new Uint8Array(s.length), at = 0;
    for (var i = 0; i < 256; i++) back[i] = carrier.table.charCodeAt(i);
    return new Promise(function (resolve) {
      function slice() {
        for (var end = Math.min(at + SLICE, s.length); at < end; at++) out[at] = back[s.charCodeAt(at)];
        if (at < s.length) setTimeout(slice, 0); else resolve(out);
      }
      setTimeout(slice, 0);
    });
  }

  function loadScript(name) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = root + 'calc/' + name;
      s.onload = resolve;
      s.onerror = function () { reject(new Error('无法载入 ' + name)); };
      document.head.appendChild(s);
    });
  }

  // Modules loaded only when a file needs them, by the main module's error kind: a decoder
  // module turns the file into grids for the engine already loaded (check_grid); our own JSON
  // needs the engine built with its JSON reader.
  var lazy = {
    xlsx_not_supported: { decoder: 'shebao_xlsx', loading: '正在载入 Excel 支持……' },
    pdf_not_supported: { decoder: 'shebao_pdf', loading: '正在载入 PDF 支持……' },
    json_not_supported: { engine: 'shebao_calc_json', loading: '正在载入 JSON 支持……' }
  };
  var modules = {};  // global name → Promise of its initialised wasm-bindgen glue

  // The glue scripts define their global names as global lexical bindings (not on `self`).
  function glue(name) {
    /* eslint-disable no-undef */
    switch (name) {
      case 'shebao_calc': return shebao_calc;
      case 'shebao_xlsx': return shebao_xlsx;
      case 'shebao_pdf': return shebao_pdf;
      default: return shebao_calc_json;
    }
    /* eslint-enable no-undef */
  }

  function loadModule(name) {
    if (modules[name]) return modules[name];
    var ready = (self.shebaoWasm && self.shebaoWasm[name]) ? Promise.resolve()
      : loadScript(name + '.js').then(function () { return loadScript(name + '.wasm.js'); });
    modules[name] = ready.then(function () {
      return bytesOf(self.shebaoWasm[name]);
    }).then(function (bytes) {
      var g = glue(name);
      return g({ module_or_path: bytes }).then(function () { return g; });
    });
    modules[name].catch(function () { delete modules[name]; }); // a later pick tries again
    return modules[name];
  }

  function engine(name) {
    if (engines[name]) return engines[name];
    engines[name] = loadModule(name).then(function (g) { return new g.Calculator(policy); });
    engines[name].catch(function () { delete engines[name]; });
    return engines[name];
  }

  // What one engine's check gives for the input {bytes, grids, fileName, opts}: grids are set
  // once a decoder module has read the file.
  function checkWith(calc, input) {
    return input.grids != null ? calc.check_grid(input.grids, input.fileName, input.opts)
      : calc.check(input.bytes, input.fileName, input.opts);
  }

  // {calc, out}: the main engine's report, or, for a format it leaves to a lazy module, the
  // report made with that module's help.
  function run(calc, input) {
    try {
      return Promise.resolve({ calc: calc, out: checkWith(calc, input) });
    } catch (e) {
      var more = e && lazy[e.name];
      if (!more) return Promise.reject(e);
      status.textContent = more.loading;
      if (more.engine) {
        return engine(more.engine).then(function (other) {
          return { calc: other, out: checkWith(other, input) };
        });
      }
      return loadModule(more.decoder).then(function (decoder) {
        input.grids = decoder.decode(input.bytes);
        return { calc: calc, out: checkWith(calc, input) };
      });
    }
  }

  // The last report as JSON text. Only the JSON module can write it (the main module leaves
  // serde's serialiser out for size), so the same input is checked there once, when first
  // asked for. Read by the download button and by the browser tests.
  function reportJson() {
    if (!last) return Promise.reject(new Error('还没有报告'));
    var mine = last;
    if (!mine.json) {
      mine.json = engine('shebao_calc_json').then(function (calc) {
        var out = checkWith(calc, mine.input);
        try { return out.json; } finally { out.free(); }
      });
      mine.json.catch(function () { mine.json = null; }); // a later click tries again
    }
    return mine.json;
  }
  box.reportJson = reportJson;

  function options() {
    var now = new Date();
    var today = now.getFullYear() + '-' + String(now.getMonth() + 1).padStart(2, '0');
    // "不估算" (no track) means no retirement part: the birth month is then not sent.
    var track = $('calc-track').value || null;
    return JSON.stringify({
      city: box.getAttribute('data-city') || null,
      birth: track ? ($('calc-birth').value || null) : null,
      track: track,
      today: today
    });
  }

  // An error replaces any earlier report (its buttons would belong to the old file) and is
  // brought into view and focused, so a reader who just picked a file sees what happened. The
  // message names file, row and column as the CLI does; the location is also kept on the box
  // for scripts and tests.
  function showError(message, e) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    report.innerHTML = '';
    actions.hidden = true;
    status.textContent = '';
    box.setAttribute('data-error-kind', (e && e.name) || '');
    box.setAttribute('data-error-row', (e && e.row != null) ? String(e.row) : '');
    box.setAttribute('data-error-column', (e && e.column) || '');
    box.setAttribute('data-state', 'error');
    errorBox.scrollIntoView({ block: 'center' });
    errorBox.focus({ preventScroll: true });
  }

  function check(bytes, fileName) {
    var started = performance.now();
    box.setAttribute('data-state', 'working');
    status.textContent = mainReady ? '正在检查，请稍候……' : '正在准备，准备好就开始检查……';
    errorBox.hidden = true;
    actions.hidden = true;
    var input = { bytes: bytes, grids: null, fileName: fileName, opts: options() };
    box.setAttribute('data-options', input.opts);
    return engine('shebao_calc').then(function (calc) {
      return run(calc, input);
    }).then(function (done) {
      var out = done.out;
      box.setAttribute('data-ms-engine', String(Math.round(performance.now() - started)));
      var html = out.html;
      box.reportHtml = html; // read by the browser tests
      report.innerHTML = html;
      if (last) last.checked.free();
      last = { calc: done.calc, checked: out, input: input, json: null };
      actions.hidden = false;
      status.textContent = '检查完成，报告在下方。';
      box.setAttribute('data-ms', String(Math.round(performance.now() - started)));
      box.setAttribute('data-state', 'done');
      var h = report.querySelector('h2');
      if (h) { h.tabIndex = -1; h.focus(); }
    }).catch(function (e) {
      showError((e && e.message) || String(e), e);
    });
  }

  function checkFile(file) {
    if (!file) return;
    file.arrayBuffer().then(function (buf) {
      return check(new Uint8Array(buf), file.name);
    }).catch(function (e) { showError('无法读取这个文件：' + e.message); });
  }

  fileInput.addEventListener('change', function () {
    checkFile(fileInput.files[0]);
  });

  var drop = $('calc-drop');
  ['dragenter', 'dragover'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('calc-drop-over'); });
  });
  ['dragleave', 'drop'].forEach(function (t) {
    drop.addEventListener(t, function () { drop.classList.remove('calc-drop-over'); });
  });
  drop.addEventListener('drop', function (e) {
    e.preventDefault();
    checkFile(e.dataTransfer.files[0]);
  });

  $('calc-paste-go').addEventListener('click', function () {
    var text = $('calc-paste').value;
    if (!text.trim()) { showError('请先把从 PDF 里复制的文字粘贴到上面的框里。'); return; }
    check(new TextEncoder().encode(text), '粘贴的文字.txt');
  });

  $('calc-sample-go').addEventListener('click', function () {
    var go = function () { check(new TextEncoder().encode(self.shebaoSample), '示例缴费明细.csv'); };
    if (self.shebaoSample) go(); else loadScript('sample.js').then(go, function (e) { showError(e.message); });
  });

  // Fill a person's section the first time it is shown (or printed).
  function load(section) {
    if (!last || section.hasAttribute('data-loaded')) return;
    var html = last.calc.person_html(last.checked, Number(section.getAttribute('data-person')));
    section.innerHTML = html || '';
    section.setAttribute('data-loaded', '');
  }
  function loadAll() { report.querySelectorAll('[data-person]').forEach(load); }
  window.addEventListener('beforeprint', loadAll);
  $('calc-print').addEventListener('click', function () { loadAll(); window.print(); });

  $('calc-download').addEventListener('click', function () {
    if (!last) return;
    status.textContent = '正在生成 JSON 数据……';
    reportJson().then(function (json) {
      if (!json) throw new Error('报告无法生成（程序内部错误），请告诉网站维护者。');
      var pretty = JSON.stringify(JSON.parse(json), null, 2) + '\n';
      var url = URL.createObjectURL(new Blob([pretty], { type: 'application/json' }));
      var a = document.createElement('a');
      a.href = url;
      a.download = '社保缴费核对报告.json';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      status.textContent = '已下载 JSON 数据。';
    }).catch(function (e) {
      status.textContent = '没能生成 JSON 数据：' + ((e && e.message) || String(e));
    });
  });

  // Several people in one file: show the one picked from the list.
  report.addEventListener('click', function (e) {
    var link = e.target.closest('[data-person-link]');
    if (!link) return;
    e.preventDefault();
    var want = link.getAttribute('data-person-link');
    report.querySelectorAll('[data-person]').forEach(function (s) {
      var show = s.getAttribute('data-person') === want;
      if (show) load(s);
      s.hidden = !show;
    });
    report.querySelectorAll('[data-person-link]').forEach(function (l) {
      l.setAttribute('aria-current', l === link ? 'true' : 'false');
    });
    var h = report.querySelector('[data-person="' + want + '"] h3');
    if (h) { h.tabIndex = -1; h.focus(); }
  });

  // Offline: after the first visit the service worker keeps this page and its scripts.
  function cacheForOffline() {
    if (!/^https?:$/.test(location.protocol) || !('serviceWorker' in navigator)) {
      box.setAttribute('data-offline', location.protocol === 'file:' ? 'file' : 'none');
      return;
    }
    navigator.serviceWorker.register(root + 'sw.js').then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      var urls = [location.href.split('#')[0]];
      document.querySelectorAll('script[src], link[rel="stylesheet"]').forEach(function (el) {
        urls.push(el.src || el.href);
      });
      ['shebao_xlsx', 'shebao_pdf', 'shebao_calc_json'].forEach(function (m) {
        urls.push(root + 'calc/' + m + '.js', root + 'calc/' + m + '.wasm.js');
      });
      urls.push(root + 'calc/sample.js');
      var channel = new MessageChannel();
      channel.port1.onmessage = function (e) { box.setAttribute('data-offline', e.data); };
      reg.active.postMessage({ cache: urls }, [channel.port2]);
    }).catch(function () { box.setAttribute('data-offline', 'failed'); });
  }

  // Load the engine in the background; the form already works (a file picked meanwhile
  // waits in check() for the same promise). Only an idle page changes state here.
  engine('shebao_calc').then(function () {
    mainReady = true;
    if (box.getAttribute('data-state') === 'loading') {
      box.setAttribute('data-state', 'ready');
      status.textContent = '已准备好，请选择文件。';
    }
    cacheForOffline();
  }, function (e) {
    showError('计算器没能启动：' + e.message);
  });
})();
