// The generated site in a real browser: Debian's Chromium driven by
// playwright-core, the site served from a sub-path of a local server.
//
//     node tests/browser/site.mjs SITE [SCREENSHOTS]
//
// SITE is a built report (esgsite build … -o SITE). Checks, on every page
// of every language: axe-core finds no serious or critical violation, the
// page has no horizontal scroll at 320 px, the language switcher keeps the
// reader on the same section, every index location lands on a visible
// heading or KPI row below the fold line of the header, every back-link of
// a section lands on its index row, and search finds Chinese and English
// text. Screenshots at 375 and 1280 px of the cover, a chapter with a KPI
// table and a chart, and every index page go to SCREENSHOTS.

import { chromium } from "playwright-core";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const site = path.resolve(process.argv[2] || "out");
const shots = process.argv[3] ? path.resolve(process.argv[3]) : null;
// A sub-path, as on an investor website: nothing may assume the site root.
const base = "/ir/esg/2024/";

let failures = 0;
function fail(msg) {
  failures++;
  console.log("FAIL browser: " + msg);
}
const t0 = Date.now();
function ok(msg) {
  if (process.env.ESG_TIMING) msg += ` [${((Date.now() - t0) / 1000).toFixed(1)} s]`;
  console.log("ok   browser: " + msg);
}

const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml",
  ".json": "application/json", ".csv": "text/csv; charset=utf-8",
  ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
  ".png": "image/png", ".jpg": "image/jpeg", ".pdf": "application/pdf",
};

function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let p = decodeURIComponent(url.pathname);
    if (!p.startsWith(base)) {
      res.writeHead(404).end();
      return;
    }
    p = path.join(site, p.slice(base.length));
    if (!p.startsWith(site)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(p) && fs.statSync(p).isDirectory())
      p = path.join(p, "index.html");
    fs.readFile(p, (err, data) => {
      if (err) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": types[path.extname(p)] || "application/octet-stream" });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function htmlPages(dir, rel = "") {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
    const r = path.posix.join(rel, e.name);
    if (e.isDirectory()) {
      if (e.name !== "screenshots") out.push(...htmlPages(dir, r));
    } else if (e.name.endsWith(".html")) out.push(r);
  }
  return out;
}

// The languages: the directories holding an index.html with a lang.
function languages() {
  const langs = [];
  for (const e of fs.readdirSync(site, { withFileTypes: true })) {
    if (!e.isDirectory() || !fs.existsSync(path.join(site, e.name, "print.html"))) continue;
    const html = fs.readFileSync(path.join(site, e.name, "index.html"), "utf8");
    const m = html.match(/<html[^>]* lang="([^"]+)"/);
    if (m) langs.push({ key: e.name, tag: m[1] });
  }
  return langs.sort((a, b) => a.key < b.key ? -1 : 1);
}

async function axe(page, rel) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + (n.failureSummary ? " — " + n.failureSummary.split("\n").slice(1, 2).join("") : "")),
      count: v.nodes.length,
    }));
  });
  const bad = result.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of bad)
    fail(`${rel}: axe ${v.impact} ${v.id} (${v.count}×): ${v.help}\n      ${v.nodes.join("\n      ")}`);
  return { bad: bad.length, minor: result.length - bad.length, minorIds: result.filter((v) => !bad.includes(v)).map((v) => v.id) };
}

// What search engines and link previews read: a title and a description
// in the page's language, Open Graph with the other languages as
// alternates, canonical and hreflang URLs absolute when the site has a
// base URL (it has one when it has a sitemap), and at most 30 KB of CSS.
const hasSitemap = () => fs.existsSync(path.join(site, "sitemap.xml"));
async function head(page, rel) {
  const h = await page.evaluate(() => {
    const meta = (sel) => [...document.querySelectorAll(sel)].map((m) => m.getAttribute("content") || m.getAttribute("href"));
    return {
      lang: document.documentElement.lang,
      title: document.title.trim(),
      description: meta('meta[name="description"]'),
      locale: meta('meta[property="og:locale"]'),
      alternateLocales: meta('meta[property="og:locale:alternate"]'),
      canonical: meta('link[rel="canonical"]'),
      hreflang: meta("link[rel=alternate][hreflang]"),
      css: [...document.querySelectorAll('link[rel="stylesheet"]')]
        .filter((l) => !l.media || l.media === "all" || l.media === "screen").map((l) => l.href),
      review: /\/review\//.test(location.pathname),
    };
  });
  if (!h.lang) fail(`${rel}: no lang on <html>`);
  if (!h.title) fail(`${rel}: empty <title>`);
  if (h.review) return;   // the reviewers' page: not for search engines
  if (!h.description.length || !h.description[0].trim()) fail(`${rel}: no meta description`);
  if (h.locale.length !== 1) fail(`${rel}: og:locale missing`);
  if (h.hreflang.length < 2) fail(`${rel}: no hreflang alternates`);
  if (hasSitemap()) {
    if (h.canonical.length !== 1 || !/^https?:\/\//.test(h.canonical[0])) fail(`${rel}: no absolute canonical URL`);
    for (const u of h.hreflang) if (!/^https?:\/\//.test(u)) fail(`${rel}: hreflang URL not absolute: ${u}`);
  }
  let bytes = 0;
  for (const u of h.css) {
    const local = path.join(site, decodeURIComponent(new URL(u).pathname).slice(base.length));
    bytes += fs.statSync(local).size;
  }
  if (bytes > 30 * 1024) fail(`${rel}: ${bytes} bytes of CSS, more than 30 KB`);
  cssMax = Math.max(cssMax, bytes);
}
let cssMax = 0;

// The top edge below which an anchor target counts as visible: sticky
// headers must not cover it.
async function targetVisible(page, id) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    if (!el) return "missing";
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return "hidden";
    const r = el.getBoundingClientRect();
    // Sticky or fixed boxes across the top of the window hide what is
    // under them. Found once per page; where they are, each time.
    window.__esgPinned ??= [...document.querySelectorAll("body *")].filter((e) => {
      const p = getComputedStyle(e).position;
      return p === "sticky" || p === "fixed";
    });
    let cover = 0;
    for (const e of window.__esgPinned) {
      const b = e.getBoundingClientRect();
      if (b.top <= 1 && b.bottom > cover && !e.contains(el) && b.width > innerWidth / 2)
        cover = b.bottom;
    }
    if (r.top < cover - 1 || r.top > innerHeight - 10) return `off screen (top ${Math.round(r.top)}, covered to ${Math.round(cover)}, viewport ${innerHeight})`;
    const tag = el.tagName.toLowerCase();
    return /^h[1-6]$/.test(tag) || tag === "tr" ? "ok" : `a <${tag}>, not a heading or row`;
  }, id);
}

async function main() {
  if (!fs.existsSync(path.join(site, "index.html"))) {
    fail(`${site} is not a built site`);
    return;
  }
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const root = origin + base;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    await run(browser, root);
  } finally {
    await browser.close();
    server.close();
  }
}

async function run(browser, root) {
  const langs = languages();
  if (langs.length < 1) fail("no language directories");
  const pages = htmlPages(site);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  // Nothing may come from anywhere but the site itself.
  const foreign = new Set();
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (!u.startsWith(root)) {
      foreign.add(u);
      return route.abort();
    }
    return route.continue();
  });

  // axe-core on every page, and no JavaScript errors.
  let minor = 0;
  const minorIds = new Set();
  let axeBad = 0;
  for (const rel of pages) {
    errors.length = 0;
    const resp = await page.goto(root + rel);
    if (!resp || resp.status() !== 200) {
      fail(`${rel}: HTTP ${resp && resp.status()}`);
      continue;
    }
    await head(page, rel);
    const r = await axe(page, rel);
    axeBad += r.bad;
    minor += r.minor;
    r.minorIds.forEach((i) => minorIds.add(i));
    if (errors.length) fail(`${rel}: JavaScript errors: ${errors.join("; ")}`);
  }
  if (!axeBad)
    ok(`axe-core: no serious or critical violations on ${pages.length} pages` +
       (minor ? ` (${minor} minor/moderate: ${[...minorIds].join(", ")})` : ""));
  ok(`every page has a title, a description, Open Graph and hreflang; at most ${(cssMax / 1024).toFixed(1)} KB of CSS`);
  if (foreign.size) fail(`requests outside the site: ${[...foreign].slice(0, 5).join(", ")}`);
  else ok("no request leaves the site");

  // Phones: no page scrolls sideways at 320 px; wide tables scroll inside
  // their own container.
  await page.setViewportSize({ width: 320, height: 640 });
  let wide = 0;
  for (const rel of pages) {
    await page.goto(root + rel);
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (over > 0) {
      const culprit = await page.evaluate(() => {
        const w = document.documentElement.clientWidth;
        for (const e of document.querySelectorAll("body *")) {
          const r = e.getBoundingClientRect();
          if (e.closest(".table-wrap, .wrap, .visually-hidden, pre")) continue;
          // A box too wide, or text too long for its box.
          if (r.right > w + 1 || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === "visible"))
            return `<${e.tagName.toLowerCase()} class="${e.className}">${(e.textContent || "").slice(0, 40)}`;
        }
        return "?";
      });
      fail(`${rel}: scrolls sideways at 320 px by ${over} px (${culprit})`);
      wide++;
    }
  }
  if (!wide) ok(`no page scrolls sideways at 320 px (${pages.length} pages)`);
  await page.setViewportSize({ width: 1280, height: 900 });

  const robots = path.join(site, "robots.txt");
  if (!fs.existsSync(robots)) fail("no robots.txt");
  else if (hasSitemap() && !/^Sitemap: https?:\/\/\S+sitemap\.xml$/m.test(fs.readFileSync(robots, "utf8")))
    fail("robots.txt does not name the sitemap");
  else ok("robots.txt" + (hasSitemap() ? " names the sitemap" : ""));

  for (const lang of langs) await navigation(page, root, lang, langs);
  await offline(browser, langs);
  await search(page, root, langs);
  if (shots) await screenshots(browser, root, langs);
  await ctx.close();
}

// The chapter pages of a language: those whose body is a chapter.
async function chapterPages(page, root, lang) {
  await page.goto(root + lang.key + "/index.html");
  return page.evaluate(() => [...document.querySelectorAll(".site-nav a[href]")]
    .map((a) => a.getAttribute("href")).filter((h) => !h.includes("#")));
}

async function navigation(page, root, lang, langs) {
  const key = lang.key;
  // 1. The language switcher keeps the reader on the same section: open a
  // chapter at a deep section, scroll to another, switch.
  const chapters = await chapterPages(page, root, lang);
  let switched = 0;
  for (const other of langs.filter((l) => l !== lang)) {
    for (const file of chapters) {
      await page.goto(`${root}${key}/${file}`);
      const ids = await page.evaluate(() => [...document.querySelectorAll("main section.section > :is(h2,h3)[id]")].map((h) => h.id));
      if (ids.length < 2) continue;
      const id = ids[Math.floor(ids.length / 2)];
      // Reached by scrolling, not by a fragment: the switcher must follow.
      await page.evaluate((id) => document.getElementById(id).scrollIntoView(), id);
      await page.waitForTimeout(50);
      await page.click(`.lang-switch a[hreflang="${other.tag}"]`);
      await page.waitForLoadState("load");
      const url = new URL(page.url());
      const want = `${root}${other.key}/${file}`;
      if (url.origin + url.pathname !== want || url.hash !== "#" + id) {
        fail(`${key}/${file}: switching to ${other.key} at #${id} went to ${page.url()}`);
      } else {
        const v = await targetVisible(page, id);
        if (v !== "ok") fail(`${other.key}/${file}#${id} after switching: ${v}`);
        else switched++;
      }
    }
  }
  if (switched) ok(`${key}: the language switcher keeps the section (${switched} chapter${switched === 1 ? "" : "s"})`);

  // 2. Every location link of every index row lands on a visible heading or
  // KPI row; some are clicked for real, all are checked on their page.
  await page.goto(`${root}${key}/index.html`);
  const indexPages = await page.evaluate(() => [...new Set([...document.querySelectorAll("a[href]")]
    .map((a) => a.getAttribute("href")).filter((h) => /-index\.html$/.test(h)))]);
  const rowLinks = [];
  const backTargets = new Map();
  for (const ip of indexPages) {
    await page.goto(`${root}${key}/${ip}`);
    const links = await page.evaluate(() => [...document.querySelectorAll("tr[data-code] a[href]")]
      .map((a) => ({ row: a.closest("tr").id, href: a.getAttribute("href") })));
    for (const l of links) rowLinks.push({ ...l, from: ip });
    if (!links.length && await page.locator("tr[data-code]").count()) fail(`${key}/${ip}: index rows link nowhere`);
  }
  let landed = 0, clicked = 0;
  const byPage = new Map();
  for (const l of rowLinks) {
    const u = new URL(l.href, `${root}${key}/${l.from}`);
    const k = u.origin + u.pathname;
    if (!byPage.has(k)) byPage.set(k, []);
    // A location that is a whole chapter links to its page: its <h1>.
    byPage.get(k).push({ ...l, id: decodeURIComponent(u.hash.slice(1)) || null });
  }
  for (const [url, links] of byPage) {
    // One real click per target page, from its index row.
    const first = links[0];
    await page.goto(`${root}${key}/${first.from}#${first.row}`);
    await page.click(`[id="${first.row}"] a[href="${first.href}"]`);
    await page.waitForLoadState("load");
    const v = await targetVisible(page, first.id || await chapterHeading(page));
    if (v !== "ok") fail(`${key}/${first.from} row ${first.row} → ${first.href}: ${v}`);
    else clicked++;
    // The rest: scroll each target into place as the fragment would.
    await page.goto(url);
    for (const l of links) {
      if (l.id === null) {
        await page.evaluate(() => scrollTo(0, 0));
        const v = await targetVisible(page, await chapterHeading(page));
        if (v !== "ok") fail(`${key}/${l.from} row ${l.row} → ${l.href}: ${v}`);
        else landed++;
        continue;
      }
      const v2 = await page.evaluate((id) => {
        const el = document.getElementById(id);
        if (!el) return false;
        location.hash = "#" + id;
        return true;
      }, l.id);
      if (!v2) {
        fail(`${key}/${l.from} row ${l.row} → ${l.href}: no such target`);
        continue;
      }
      const v = await targetVisible(page, l.id);
      if (v !== "ok") fail(`${key}/${l.from} row ${l.row} → ${l.href}: ${v}`);
      else landed++;
    }
    // Back-links on this page: sections list the codes they cover.
    const backs = await page.evaluate(() => [...document.querySelectorAll("a.covers[href]")].map((a) => a.getAttribute("href")));
    for (const b of backs) {
      const bu = new URL(b, url);
      const bk = bu.origin + bu.pathname;
      if (!backTargets.has(bk)) backTargets.set(bk, new Set());
      backTargets.get(bk).add(decodeURIComponent(bu.hash.slice(1)));
    }
  }
  if (rowLinks.length && landed === rowLinks.length)
    ok(`${key}: all ${rowLinks.length} index locations land on a visible heading or row (${clicked} clicked)`);

  // 3. Back-links: each lands on its index row, visible.
  let back = 0, backClicked = false;
  for (const [url, ids] of backTargets) {
    await page.goto(url);
    for (const id of ids) {
      const exists = await page.evaluate((id) => {
        const el = document.getElementById(id);
        if (!el) return false;
        location.hash = "#" + id;
        return true;
      }, id);
      const v = exists ? await targetVisible(page, id) : "missing";
      const isRow = exists && await page.evaluate((id) => document.getElementById(id).matches("tr[data-code]"), id);
      if (v !== "ok" || !isRow) fail(`back-link to ${url}#${id}: ${v}${isRow ? "" : ", not an index row"}`);
      else back++;
    }
  }
  // And one for real, clicked.
  for (const file of chapters) {
    await page.goto(`${root}${key}/${file}`);
    const a = page.locator("a.covers").first();
    if (!(await a.count())) continue;
    const href = await a.getAttribute("href");
    await a.click();
    await page.waitForLoadState("load");
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    const v = await targetVisible(page, id);
    if (v !== "ok" || !href.endsWith("#" + id)) fail(`${key}/${file}: back-link ${href} clicked: ${v}`);
    else backClicked = true;
    break;
  }
  if (back && backClicked) ok(`${key}: all ${back} back-links land on their index row`);
}

// From file://, with no server: styles apply, links between pages work,
// search works (its index is a script, not a fetch).
async function offline(browser, langs) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const lang = langs[0];
  await page.goto("file://" + path.join(site, lang.key, "index.html"));
  const styled = await page.evaluate(() => {
    const links = [...document.querySelectorAll('link[rel="stylesheet"]')];
    return links.length > 0 && links.every((l) => l.sheet !== null);
  });
  if (!styled) fail("file://: the stylesheet does not apply");
  const first = page.locator(".site-nav a[href]").nth(1);
  const href = await first.getAttribute("href");
  await first.click();
  await page.waitForLoadState("load");
  if (!page.url().endsWith("/" + lang.key + "/" + href)) fail(`file://: the chapter link went to ${page.url()}`);
  let searched = "";
  if (fs.existsSync(path.join(site, lang.key, "search.html"))) {
    const word = await page.evaluate(() => (document.querySelector("main h1") || {}).textContent || "");
    const q = word.replace(/^[\d.\s]+/, "").trim().slice(0, 4);
    await page.goto("file://" + path.join(site, lang.key, "search.html") + "?q=" + encodeURIComponent(q));
    try {
      await page.waitForSelector("#search-results li a", { timeout: 5000 });
      searched = `, search finds "${q}"`;
    } catch {
      fail(`file://: search for "${q}" shows nothing`);
    }
  }
  ok(`file://: styled, links work${searched}`);
  await ctx.close();
}

async function chapterHeading(page) {
  return page.evaluate(() => (document.querySelector("main h1[id]") || {}).id || "no-h1");
}

// Search: the search page finds a phrase from the middle of a section, in
// every language, Chinese included (no word spaces), and links to it.
async function search(page, root, langs) {
  for (const lang of langs) {
    const chapters = await chapterPages(page, root, lang);
    if (!chapters.length) continue;
    const file = chapters[Math.floor(chapters.length / 2)];
    await page.goto(`${root}${lang.key}/${file}`);
    const probe = await page.evaluate(() => {
      for (const p of document.querySelectorAll("main section p:not(.covers)")) {
        const t = p.textContent.replace(/\s+/g, " ").trim();
        if (t.length > 30) {
          const sec = p.closest("section.section");
          const h = sec && sec.querySelector(":scope > :is(h1,h2,h3,h4,h5,h6)[id]");
          return { text: t.slice(20, 30).trim(), id: h ? h.id : null };
        }
      }
      return null;
    });
    if (!probe) continue;
    const form = page.locator("form[role=search] input[type=search]");
    if (!(await form.count())) {
      // A report's own page template may leave the search box out.
      if (fs.existsSync(path.join(site, lang.key, "search.html")) &&
          !fs.existsSync(path.join(site, "..", "templates", "page.xhtml")))
        fail(`${lang.key}/${file}: no search box`);
      continue;
    }
    await form.first().fill(probe.text);
    await form.first().press("Enter");
    await page.waitForLoadState("load");
    try {
      await page.waitForSelector("#search-results li a", { timeout: 5000 });
    } catch {
      fail(`${lang.key}: searching for "${probe.text}" found nothing`);
      continue;
    }
    const hrefs = await page.$$eval("#search-results li a", (as) => as.map((a) => a.getAttribute("href")));
    const want = `${file}#${probe.id}`;
    if (!hrefs.some((h) => h === want || h === file))
      fail(`${lang.key}: searching for "${probe.text}" did not offer ${want} (got ${hrefs.slice(0, 5).join(", ")})`);
    else {
      await page.click(`#search-results li a[href="${hrefs.find((h) => h === want || h === file)}"]`);
      await page.waitForLoadState("load");
      ok(`${lang.key}: search finds "${probe.text}" and goes to ${file}`);
    }
  }
}

async function screenshots(browser, root, langs) {
  fs.mkdirSync(shots, { recursive: true });
  let n = 0;
  for (const width of [375, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: width < 600 ? 812 : 900 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    for (const lang of langs) {
      await page.goto(`${root}${lang.key}/index.html`);
      const links = await page.evaluate(() => [...new Set([...document.querySelectorAll("a[href]")]
        .map((a) => a.getAttribute("href")).filter((h) => /^[^/#?]+\.html$/.test(h)))]);
      const targets = [["cover", "index.html"]];
      let chart = null;
      for (const f of links) {
        if (/-index\.html$/.test(f)) targets.push([f.replace(/\.html$/, ""), f]);
        else if (!chart && f !== "print.html" && f !== "index.html") {
          await page.goto(`${root}${lang.key}/${f}`);
          if (await page.locator("main table.kpi, main .kpi-table").count() && await page.locator("main figure.chart").count())
            chart = f;
        }
      }
      if (chart) targets.splice(1, 0, ["chapter-" + chart.replace(/\.html$/, ""), chart]);
      else fail(`${lang.key}: no chapter with both a KPI table and a chart to photograph`);
      for (const [name, f] of targets) {
        await page.goto(`${root}${lang.key}/${f}`);
        await page.screenshot({ path: path.join(shots, `${lang.key}-${name}-${width}.png`), fullPage: true });
        n++;
      }
    }
    await ctx.close();
  }
  ok(`${n} screenshots in ${path.relative(process.cwd(), shots) || shots}`);
}

main().then(() => {
  if (failures) {
    console.log(`browser: ${failures} failure(s)`);
    process.exit(1);
  }
}, (e) => {
  console.log("FAIL browser: " + (e && e.stack || e));
  process.exit(1);
});
