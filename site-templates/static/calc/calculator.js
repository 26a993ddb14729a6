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
  var lastJson = null;
  var last = null;  // {calc, checked}: kept to render the other people of a batch on demand

  // The *.wasm.js scripts carry the module as a string of one character per byte.
  function bytesOf(s) {
    var out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
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

  // The glue scripts define `shebao_calc` / `shebao_calc_xlsx` as global lexical bindings.
  function glue(name) {
    return name === 'shebao_calc' ? shebao_calc : shebao_calc_xlsx; // eslint-disable-line no-undef
  }

  function engine(name) {
    if (engines[name]) return engines[name];
    var ready = (self.shebaoWasm && self.shebaoWasm[name]) ? Promise.resolve()
      : loadScript(name + '.js').then(function () { return loadScript(name + '.wasm.js'); });
    engines[name] = ready.then(function () {
      var g = glue(name);
      return g({ module_or_path: bytesOf(self.shebaoWasm[name]) }).then(function () {
        return new g.Calculator(policy);
      });
    });
    engines[name].catch(function () { delete engines[name]; }); // a later pick tries again
    return engines[name];
  }

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
  // brought into view and focused, so a reader who just picked a file sees what happened.
  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    report.innerHTML = '';
    actions.hidden = true;
    status.textContent = '';
    box.setAttribute('data-state', 'error');
    errorBox.scrollIntoView({ block: 'center' });
    errorBox.focus({ preventScroll: true });
  }

  function check(bytes, fileName, name) {
    var started = performance.now();
    box.setAttribute('data-state', 'working');
    status.textContent = (mainReady || name) ? '正在检查，请稍候……' : '正在准备，准备好就开始检查……';
    errorBox.hidden = true;
    actions.hidden = true;
    var opts = options();
    box.setAttribute('data-options', opts);
    return engine(name || 'shebao_calc').then(function (calc) {
      var out;
      try {
        out = calc.check(bytes, fileName, opts);
      } catch (e) {
        // XLSX and the tool's own JSON are read by the second module, loaded on demand.
        if (e && (e.name === 'xlsx_not_supported' || e.name === 'json_not_supported') && !name) {
          status.textContent = e.name === 'xlsx_not_supported' ? '正在载入 Excel 支持……' : '正在载入 JSON 支持……';
          return check(bytes, fileName, 'shebao_calc_xlsx');
        }
        throw e;
      }
      box.setAttribute('data-ms-engine', String(Math.round(performance.now() - started)));
      lastJson = out.json;
      box.reportJson = lastJson; // read by the browser tests
      report.innerHTML = out.html;
      if (last) last.checked.free();
      last = { calc: calc, checked: out };
      actions.hidden = false;
      status.textContent = '检查完成，报告在下方。';
      box.setAttribute('data-ms', String(Math.round(performance.now() - started)));
      box.setAttribute('data-state', 'done');
      var h = report.querySelector('h2');
      if (h) { h.tabIndex = -1; h.focus(); }
    }).catch(function (e) {
      showError((e && e.message) || String(e));
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
    if (!lastJson) return;
    var pretty = JSON.stringify(JSON.parse(lastJson), null, 2) + '\n';
    var url = URL.createObjectURL(new Blob([pretty], { type: 'application/json' }));
    var a = document.createElement('a');
    a.href = url;
    a.download = '社保缴费核对报告.json';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
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
      ['shebao_calc_xlsx.js', 'shebao_calc_xlsx.wasm.js', 'sample.js'].forEach(function (n) {
        urls.push(root + 'calc/' + n);
      });
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
