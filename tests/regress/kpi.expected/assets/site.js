/* esgsite: the site's few behaviours, none of them needed to read it.
 *
 * Keeps the reader's place when they switch languages.
 * Section ids are the same in every language, so the switcher's links can
 * point at the section being read. Without JavaScript they still go to the
 * same page in the other language. */
(function () {
  "use strict";
  /* Phones: the chapter list and "on this page" start folded, so the page
   * opens on its text. They are open in the HTML for readers without
   * JavaScript and for wide screens, where they are side columns. */
  var folds = document.querySelectorAll("details.fold");
  var narrow = window.matchMedia("(max-width: 55.99em)");
  function fit() {
    for (var i = 0; i < folds.length; i++) folds[i].open = !narrow.matches;
  }
  fit();
  if (narrow.addEventListener) narrow.addEventListener("change", fit);
})();

(function () {
  "use strict";
  var links = document.querySelectorAll(".lang-switch a[hreflang]");
  var headings = document.querySelectorAll(
    "main h1[id], main h2[id], main h3[id], main h4[id], main h5[id], main h6[id], main tr[data-code][id]");
  var header = document.querySelector(".site-header");
  if (!links.length || !headings.length) return;

  /* The section being read: the first heading (or index row) in the top
   * quarter of the window, or else the last one scrolled past. It is only
   * re-read while the header is out of view, because a reader who
   * scrolls back up to reach the switcher in the header has not started
   * reading the top of the page. */
  var reading = "";
  /* The element the address's #fragment names, or null; a fragment that
   * is not valid percent-encoding (#%E0%A4, typed or cut short) names
   * none, and must not stop the script. */
  function hashTarget() {
    try {
      return document.getElementById(decodeURIComponent(location.hash.slice(1)));
    } catch (e) {
      return null;
    }
  }
  if (location.hash) {
    var target = hashTarget();
    if (target) reading = target.id;
  }
  function headerInView() {
    return header && header.getBoundingClientRect().bottom > 0;
  }
  function current() {
    var line = window.innerHeight / 4, above = "";
    for (var i = 0; i < headings.length; i++) {
      var top = headings[i].getBoundingClientRect().top;
      if (top < -1) above = headings[i].id;
      else return top < line ? headings[i].id : above;
    }
    return above;
  }

  var pending = false;
  function update() {
    pending = false;
    if (!headerInView()) reading = current();
    for (var i = 0; i < links.length; i++) {
      var a = links[i], href = a.getAttribute("href").split("#")[0];
      a.setAttribute("href", reading ? href + "#" + encodeURIComponent(reading) : href);
    }
  }
  function schedule() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(update);
    }
  }
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule);
  window.addEventListener("hashchange", function () {
    var t = hashTarget();
    if (t) reading = t.id;
    schedule();
  });
  schedule();
})();
