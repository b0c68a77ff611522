(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var data = JSON.parse($("ui.data").textContent);
  var events = data.events; // [anchor, domain, category, actors, tags, haystack]
  var n = events.length;
  var list = $("ui.events");
  var sections = new Array(n);
  var index = {};
  for (var i = 0; i < n; i++) { sections[i] = $(events[i][0]); index[events[i][0]] = i; }
  var q = $("ui.q"), fd = $("ui.domain"), fc = $("ui.category"), fa = $("ui.actor"), ft = $("ui.tag");
  var count = $("ui.count"), none = $("ui.none"), more = $("ui.more");
  // Only the sections on show are in the document: a page of matches at a time keeps each
  // keystroke's work (and the browser's style and layout) small on catalogs of any size.
  var PAGE = 100, limit = PAGE, current = "";
  var pick = function (select) { return select.value === "" ? -1 : +select.value; };
  function apply(keepLimit) {
    var t0 = performance.now();
    if (keepLimit !== true) { limit = PAGE; }
    var terms = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var d = pick(fd), c = pick(fc), a = pick(fa), t = pick(ft);
    var visible = 0, chosen = [];
    for (var i = 0; i < n; i++) {
      var e = events[i];
      var ok = (d < 0 || e[1] === d) && (c < 0 || e[2] === c) &&
        (a < 0 || e[3].indexOf(a) >= 0) && (t < 0 || e[4].indexOf(t) >= 0);
      for (var k = 0; ok && k < terms.length; k++) { ok = e[5].indexOf(terms[k]) >= 0; }
      if (ok) { visible++; if (visible <= limit) { chosen.push(i); } }
    }
    var key = chosen.join(",");
    if (key !== current) {
      current = key;
      var fragment = document.createDocumentFragment();
      for (var j = 0; j < chosen.length; j++) { fragment.appendChild(sections[chosen[j]]); }
      list.replaceChildren(fragment);
    }
    count.textContent = visible + " of " + n + " events" +
      (visible > limit ? " (first " + limit + " shown)" : "");
    none.hidden = visible > 0;
    more.hidden = visible <= limit;
    more.textContent = "Show all " + visible + " matching events";
    window.__registrySearch = { query: q.value, visible: visible, shown: chosen.length,
                                ms: performance.now() - t0 };
    document.dispatchEvent(new CustomEvent("registry:searched", { detail: window.__registrySearch }));
  }
  function reset() { q.value = ""; fd.value = ""; fc.value = ""; fa.value = ""; ft.value = ""; }
  // Sections off screen are laid out at an estimated height (content-visibility), so a jump
  // lands again once those above it have their real size.
  function land(section, frames) {
    section.scrollIntoView();
    if (frames > 0) { requestAnimationFrame(function () { land(section, frames - 1); }); }
  }
  function reveal() {
    var anchor = decodeURIComponent(location.hash.slice(1));
    if (!(anchor in index)) { return false; }
    var section = sections[index[anchor]];
    if (!section.isConnected) { reset(); q.value = events[index[anchor]][5].split(" ")[0]; apply(); }
    land(section, 3);
    return true;
  }
  // The sticky header's height: anchors land below it (CSS scroll-margin-top reads it).
  var header = document.querySelector("header.top"), heading = $("ui.list");
  function measure() {
    document.documentElement.style.setProperty("--header", header.offsetHeight + "px");
  }
  // A filter, or Enter in the search box, brings the list into view when it is below the
  // window; typing only updates the list and the count in the header (no scrolling per key).
  function toList() {
    if (heading.getBoundingClientRect().top > window.innerHeight) { heading.scrollIntoView(); }
  }
  var timer = 0;
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 25); });
  q.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { clearTimeout(timer); apply(); toList(); }
  });
  [fd, fc, fa, ft].forEach(function (s) { s.addEventListener("change", function () { apply(); toList(); }); });
  more.addEventListener("click", function () { limit = n; apply(true); });
  $("ui.reset").addEventListener("click", function () { reset(); apply(); });
  document.querySelectorAll("a[data-domain]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      reset();
      fd.value = link.dataset.domain;
      if (link.dataset.category !== undefined) { fc.value = link.dataset.category; }
      if (link.dataset.tag !== undefined) { ft.value = link.dataset.tag; }
      apply();
      heading.scrollIntoView();
    });
  });
  window.addEventListener("hashchange", reveal);
  window.addEventListener("resize", measure);
  measure();
  window.addEventListener("beforeprint", function () { if (limit < n) { limit = n; apply(true); } });
  apply();
  if (location.hash.length > 1) { reveal(); }
  window.__registryDocs = { apply: apply, events: n };
})();
