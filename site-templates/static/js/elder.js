/* 长辈模式: larger type and stronger contrast, remembered on this device (localStorage).
   Loaded in <head> without defer so the class is on <html> before the first paint (no jump);
   the switch in the header stays hidden without JavaScript, so nothing is broken without it. */
(function () {
  'use strict';
  var KEY = 'shebao-elder';
  var root = document.documentElement;
  function saved() {
    try { return localStorage.getItem(KEY) === '1'; } catch (e) { return false; }
  }
  function apply(on) {
    root.classList.toggle('elder', on);
    var b = document.getElementById('elder-toggle');
    if (b) b.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  apply(saved());
  document.addEventListener('DOMContentLoaded', function () {
    var b = document.getElementById('elder-toggle');
    if (!b) return;
    apply(saved());
    b.hidden = false;
    b.addEventListener('click', function () {
      var on = !root.classList.contains('elder');
      try { localStorage.setItem(KEY, on ? '1' : '0'); } catch (e) { /* private mode: this page only */ }
      apply(on);
    });
  });
})();
