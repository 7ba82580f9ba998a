/* esgsite: searching the report, in the browser, with no server.
 *
 * The index (search-index.js, beside this page) holds every section's
 * number, title and text. Matching is on substrings after Unicode NFKC
 * folding and lower-casing, which suits Chinese (no spaces between words)
 * as well as English; every word of the query must occur in a section.
 * Results are ranked: a code or number match first, then title matches,
 * then by how often the words occur. The page is usable without this
 * script (it then explains how to search the one-page version). */
(function () {
  "use strict";
  var data = window.ESGSITE_SEARCH;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!data || !form || !input || !status || !list) return;
  form.hidden = false;

  function fold(s) {
    return (s.normalize ? s.normalize("NFKC") : s).toLowerCase()
      .replace(/[\u00ad\u200b]/g, "").replace(/\s+/g, " ");
  }

  var entries = data.entries.map(function (e) {
    return {
      page: data.pages[e[0]], id: e[1], number: e[2], title: e[3], text: e[4],
      fnumber: fold(e[2]), ftitle: fold(e[3]), ftext: fold(e[4])
    };
  });

  function count(hay, needle) {
    var n = 0, at = hay.indexOf(needle);
    while (at >= 0 && n < 20) {
      n++;
      at = hay.indexOf(needle, at + needle.length);
    }
    return n;
  }

  function score(e, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i], s = 0;
      if (e.fnumber === t) s += 100;
      else if (e.fnumber && e.fnumber.indexOf(t) === 0) s += 30;
      if (e.ftitle.indexOf(t) >= 0) s += 20;
      s += count(e.ftext, t);
      if (!s) return 0;
      total += s;
    }
    return total;
  }

  /* Text around the first occurrence of a word, the words marked. Offsets
   * are found in the folded text; NFKC may change lengths, so the snippet
   * is cut from the folded text too, which reads the same. */
  function snippet(e, terms) {
    var text = e.text.length === e.ftext.length ? e.text : e.ftext;
    var hay = e.ftext, first = -1;
    for (var i = 0; i < terms.length; i++) {
      var at = hay.indexOf(terms[i]);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    var p = document.createElement("p");
    p.className = "search-snippet";
    if (first < 0) {
      p.textContent = text.slice(0, 120) + (text.length > 120 ? "…" : "");
      return p;
    }
    var start = Math.max(0, first - 50), end = Math.min(text.length, first + 110);
    var piece = text.slice(start, end), fpiece = hay.slice(start, end);
    if (start > 0) p.appendChild(document.createTextNode("…"));
    var pos = 0;
    while (pos < piece.length) {
      var next = -1, len = 0;
      for (var j = 0; j < terms.length; j++) {
        var k = fpiece.indexOf(terms[j], pos);
        if (k >= 0 && (next < 0 || k < next)) { next = k; len = terms[j].length; }
      }
      if (next < 0) break;
      if (next > pos) p.appendChild(document.createTextNode(piece.slice(pos, next)));
      var mark = document.createElement("mark");
      mark.textContent = piece.slice(next, next + len);
      p.appendChild(mark);
      pos = next + len;
    }
    p.appendChild(document.createTextNode(piece.slice(pos) + (end < text.length ? "…" : "")));
    return p;
  }

  /* The query goes in through a function: a string replacement would
   * read "$&" or "$'" in it as patterns. */
  function say(key, n, q) {
    status.textContent = (status.getAttribute("data-" + key) || "")
      .replace("{n}", String(n)).replace("{q}", function () { return q; });
  }

  function run(q) {
    var query = fold(q).trim();
    list.textContent = "";
    if (!query) {
      status.textContent = "";
      return;
    }
    var terms = query.split(" ").filter(function (t) { return t; });
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var s = score(entries[i], terms);
      if (s) hits.push({ e: entries[i], s: s, i: i });
    }
    hits.sort(function (a, b) { return b.s - a.s || a.i - b.i; });
    say(hits.length === 0 ? "none" : hits.length === 1 ? "one" : "some", hits.length, q.trim());
    var shown = hits.slice(0, 50);
    for (var h = 0; h < shown.length; h++) {
      var e = shown[h].e;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = e.page[0] + (e.id ? "#" + encodeURIComponent(e.id) : "");
      if (e.number) {
        var num = document.createElement("span");
        num.className = "secnum";
        num.textContent = e.number;
        a.appendChild(num);
        a.appendChild(document.createTextNode(" "));
      }
      a.appendChild(document.createTextNode(e.title));
      li.appendChild(a);
      if (e.page[1] !== e.title) {
        var where = document.createElement("span");
        where.className = "search-page";
        where.textContent = e.page[1];
        li.appendChild(where);
      }
      li.appendChild(snippet(e, terms));
      list.appendChild(li);
    }
  }

  var params = new URLSearchParams(location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  run(initial);

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 120);
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    run(input.value);
    var url = new URL(location.href);
    url.searchParams.set("q", input.value);
    try { history.replaceState(null, "", url); } catch (err) { /* file:// */ }
  });
  if (!initial) input.focus();
})();
