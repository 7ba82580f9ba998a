#!/usr/bin/env python3
"""A synthetic bilingual ESG report, for benchmarks.

    tests/bench/gen.py C S DIR

Writes the same report twice:

  DIR/esgsite/  in esgsite's format: report.yaml, data/ with KPI metrics and
                tables, zh/ and en/ with C chapters of S sections each;
  DIR/hugo/     the equivalent Hugo site: two languages, chapter pages with
                site navigation, a per-page table of contents, hreflang
                alternates, the codes each section covers listed under its
                heading, KPI values from data files through a shortcode,
                and a content index built from the pages' front matter.

Every section has realistic Chinese or English paragraphs (about 4 KB of
Markdown), a GFM table, a heading id with HKEX and GRI codes and a KPI
value. The output depends only on C and S.
"""
import os
import random
import sys

HKEX = ["A1.1", "A1.2", "A1.3", "A1.4", "A1.5", "A1.6", "A2.1", "A2.2",
        "A2.3", "A2.4", "A3.1", "A4.1", "B1.1", "B1.2", "B2.1", "B2.2",
        "B2.3", "B3.1", "B3.2", "B4.1", "B4.2", "B5.1", "B5.2", "B5.3",
        "B5.4", "B6.2", "B6.3", "B6.4", "B6.5", "B7.1", "B7.2", "B7.3",
        "B8.1", "B8.2"]
GRI = ["2-1", "2-2", "2-3", "2-9", "2-22", "2-29", "302-1", "302-3",
       "303-3", "303-5", "305-1", "305-2", "305-4", "305-7", "306-3",
       "306-4", "403-9", "404-1", "405-1"]

ZH = [
    "本集团持续完善环境管理体系，各附属公司均已通过ISO 14001认证，并定期开展内部审核与管理评审。",
    "报告期内，我们对燃煤锅炉实施超低排放改造，氮氧化物、二氧化硫及颗粒物排放浓度均优于地方标准限值。",
    "董事会负责监督环境、社会及管治事宜，审阅重大议题的识别结果，并批准年度目标及其实现进度。",
    "我们通过问卷调查、座谈会及实地走访等方式与持份者保持沟通，了解其对本集团可持续发展工作的期望。",
    "为应对气候变化带来的实体风险与转型风险，本集团参照气候相关财务信息披露工作组的建议开展情景分析。",
    "安全生产是本集团的首要责任，我们建立了覆盖全体员工及承包商的安全培训体系，并持续开展隐患排查治理。",
    "本集团严格遵守《中华人民共和国劳动法》等法律法规，保障员工在薪酬、工时、休假及社会保险方面的合法权益。",
    "在供应链管理方面，我们要求主要供应商签署廉洁承诺书，并将环境及社会表现纳入供应商年度评估。",
    "社区投资聚焦困难群众供暖保障、教育助学及志愿服务，全年员工志愿服务时数较上年明显增加。",
    "我们以数字化手段提升供热服务质量，客户可通过线上渠道报修、缴费及查询室温数据，满意度稳步提升。",
    "水资源主要用于热网补水及冷却系统，本集团通过管网检漏及中水回用减少新鲜水取用量。",
    "有害废弃物由持有资质的单位收集处置，一般工业固体废物的综合利用率保持在较高水平。",
]
EN = [
    "The Group keeps improving its environmental management system; every subsidiary is certified to ISO 14001 and holds regular internal audits and management reviews.",
    "During the year we completed ultra-low emission retrofits of coal-fired boilers, bringing nitrogen oxides, sulphur dioxide and particulate matter well below local limits.",
    "The Board oversees environmental, social and governance matters, reviews the assessment of material topics and approves annual targets and the progress made towards them.",
    "We engage stakeholders through surveys, workshops and site visits to understand what they expect of the Group's sustainability work.",
    "To manage the physical and transition risks of climate change, the Group carries out scenario analysis following the recommendations of the TCFD.",
    "Safety is the Group's first responsibility: training covers every employee and contractor, and hazards are identified and removed continuously.",
    "The Group complies with the Labour Law and related regulations and protects employees' rights to fair pay, working hours, leave and social insurance.",
    "In the supply chain, major suppliers sign an integrity undertaking, and their environmental and social performance is part of the annual supplier review.",
    "Community investment focuses on heating for households in need, education and volunteering; volunteer hours rose markedly on the previous year.",
    "Digital services improve heating quality: customers report faults, pay bills and check room temperatures online, and satisfaction keeps rising.",
    "Water is used mainly to top up the heating network and for cooling; leak detection and reuse of treated water reduce fresh water withdrawal.",
    "Hazardous waste is collected and treated by licensed contractors, and most general industrial solid waste is recycled.",
]
TITLES_ZH = ["环境管理", "排放物", "能源使用", "水资源", "废弃物", "气候变化",
             "雇佣", "健康与安全", "培训发展", "劳工准则", "供应链", "产品责任",
             "反贪污", "社区投资"]
TITLES_EN = ["Environmental management", "Emissions", "Energy use", "Water",
             "Waste", "Climate change", "Employment", "Health and safety",
             "Training and development", "Labour standards", "Supply chain",
             "Product responsibility", "Anti-corruption", "Community investment"]
METRICS = 10          # per chapter
BYTES = 4000          # of Markdown per section, about


def paragraph(rng, pool, size):
    out, n = [], 0
    while n < size:
        s = rng.choice(pool)
        out.append(s)
        n += len(s.encode())
    return ("" if pool is ZH else " ").join(out)


def sections(c, s):
    """(chapter, section, level, codes) in reading order."""
    for j in range(1, s + 1):
        level = 2 if j % 4 == 1 else 3
        hk = [HKEX[(c * 7 + j) % len(HKEX)]]
        gri = [GRI[(c * 5 + j) % len(GRI)]]
        if j % 3 == 0:
            hk.append(HKEX[(c + j * 3) % len(HKEX)])
        yield j, level, sorted(set(hk)), gri


def body(rng, lang, c, j, kpi):
    """One section's text: paragraphs, a table, a KPI value (kpi(metric))."""
    pool = ZH if lang == "zh" else EN
    para = BYTES // 5
    metric = f"c{c}.m{j % METRICS}"
    lines = []
    if lang == "zh":
        lines.append(paragraph(rng, pool, para) + f"本年度该指标为{kpi(metric)}。")
    else:
        lines.append(paragraph(rng, pool, para) + f" This year the figure was {kpi(metric)}.")
    lines += ["", paragraph(rng, pool, para), ""]
    head = ["指标", "2022", "2023", "2024"] if lang == "zh" else ["Indicator", "2022", "2023", "2024"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|---|---:|---:|---:|")
    for r in range(4):
        name = (TITLES_ZH if lang == "zh" else TITLES_EN)[(c + j + r) % len(TITLES_ZH)]
        vals = [f"{rng.randint(1000, 999999):,}" for _ in range(3)]
        lines.append(f"| {name} | " + " | ".join(vals) + " |")
    lines += ["", paragraph(rng, pool, para), "", paragraph(rng, pool, para), ""]
    return "\n".join(lines)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def metrics_yaml(c):
    out = ["metrics:"]
    for m in range(METRICS):
        rng = random.Random(c * 1000 + m)
        t = TITLES_ZH[(c + m) % len(TITLES_ZH)]
        e = TITLES_EN[(c + m) % len(TITLES_EN)]
        vals = ", ".join(f"{y}: {rng.randint(1000, 9999999)}" for y in (2022, 2023, 2024))
        out += [f"  c{c}.m{m}:",
                f"    label: {{zh: 第{c}章{t}指标{m}, en: \"Chapter {c} {e} indicator {m}\"}}",
                "    unit: t",
                f"    values: {{{vals}}}",
                f"    covers: {{hkex: [{HKEX[(c + m) % len(HKEX)]}]}}"]
    out += ["tables:", f"  t{c}:",
            f"    caption: {{zh: 第{c}章关键绩效, en: \"Chapter {c} key figures\"}}",
            "    years: [2022, 2023, 2024]",
            "    rows: [" + ", ".join(f"c{c}.m{m}" for m in range(METRICS)) + "]"]
    return "\n".join(out) + "\n"


def esgsite(root, C, S):
    write(f"{root}/report.yaml", """\
company: {zh: 基准测试控股有限公司, en: "Benchmark Holdings Limited"}
title: {zh: 2024年度环境、社会及管治报告, en: "2024 ESG Report"}
description: {zh: 基准测试用的合成报告。, en: A synthetic report for benchmarks.}
period: {start: 2024-01-01, end: 2024-12-31}
base_url: https://ir.example.com/esg/2024/
languages:
  - {key: zh, tag: zh-Hans, name: 简体中文}
  - {key: en, tag: en, name: English}
frameworks: {hkex: {}, gri: {claim: with-reference}}
""")
    for c in range(1, C + 1):
        write(f"{root}/data/c{c:03d}.yaml", metrics_yaml(c))
        for lang in ("zh", "en"):
            rng = random.Random(f"{lang}{c}")
            titles = TITLES_ZH if lang == "zh" else TITLES_EN
            parts = [f"# {titles[c % len(titles)]} {c} {{#ch{c}}}", "",
                     paragraph(rng, ZH if lang == "zh" else EN, 600), "",
                     f"{{{{table t{c}}}}}", ""]
            for j, level, hk, gri in sections(c, S):
                t = titles[(c + j) % len(titles)]
                parts.append(f"{'#' * level} {t} {c}.{j} {{#s{c}-{j} hkex=\"{' '.join(hk)}\" gri=\"{' '.join(gri)}\"}}")
                parts.append("")
                parts.append(body(rng, lang, c, j, lambda m: f"{{{{kpi {m}}}}}"))
            write(f"{root}/{lang}/{c:03d}-chapter{c}.md", "\n".join(parts))


HUGO_CONFIG = """\
baseURL = "https://ir.example.com/esg/2024/"
title = "Benchmark"
defaultContentLanguage = "zh"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[languages.zh]
  languageCode = "zh-Hans"
  languageName = "简体中文"
  contentDir = "content/zh"
  weight = 1
[languages.en]
  languageCode = "en"
  languageName = "English"
  contentDir = "content/en"
  weight = 2
[markup.goldmark.parser.attribute]
  title = true
[markup.goldmark.renderer]
  unsafe = false
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
"""

BASEOF = """\
<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }} | {{ .Site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Site.LanguageCode }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<nav class="lang-switch">{{ range .Translations }}<a href="{{ .RelPermalink }}" lang="{{ .Site.LanguageCode }}">{{ .Language.LanguageName }}</a>{{ end }}</nav>
<nav class="site-nav"><ol>{{ range .Site.RegularPages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}
<aside class="page-toc">{{ .TableOfContents }}</aside>
<article>
<h1>{{ .Title }}</h1>
{{ $lang := .Language.Lang }}
<ul class="coverage">{{ range .Params.sections }}<li><a href="#{{ .id }}">{{ .id }}</a>: {{ delimit .hkex " " }} {{ delimit .gri " " }}</li>{{ end }}</ul>
{{ .Content }}
</article>
{{ end }}
"""

HOME = """\
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<table class="index"><thead><tr><th>Code</th><th>Location</th></tr></thead><tbody>
{{ $rows := slice }}
{{ range .Site.RegularPages.ByWeight }}{{ $p := . }}{{ range .Params.sections }}{{ $s := . }}{{ range .hkex }}
<tr><td>{{ . }}</td><td><a href="{{ $p.RelPermalink }}#{{ $s.id }}">{{ $p.Title }} {{ $s.id }}</a></td></tr>{{ end }}{{ end }}{{ end }}
</tbody></table>
{{ end }}
"""

KPI = """\
{{ $id := .Get 0 }}{{ $c := index (split $id ".") 0 }}{{ $m := index .Site.Data.kpi $c }}{{ with index $m $id }}{{ lang.FormatNumber 0 .v }} {{ .unit }}{{ end }}
"""


def hugo(root, C, S):
    write(f"{root}/hugo.toml", HUGO_CONFIG)
    write(f"{root}/layouts/_default/baseof.html", BASEOF)
    write(f"{root}/layouts/_default/single.html", SINGLE)
    write(f"{root}/layouts/index.html", HOME)
    write(f"{root}/layouts/shortcodes/kpi.html", KPI)
    for c in range(1, C + 1):
        data = []
        for m in range(METRICS):
            rng = random.Random(c * 1000 + m)
            vals = [rng.randint(1000, 9999999) for _ in range(3)]
            data.append(f"c{c}.m{m}: {{v: {vals[2]}, unit: t}}")
        write(f"{root}/data/kpi/c{c}.yaml", "\n".join(data) + "\n")
        for lang in ("zh", "en"):
            rng = random.Random(f"{lang}{c}")
            titles = TITLES_ZH if lang == "zh" else TITLES_EN
            fm = ["---", f"title: \"{titles[c % len(titles)]} {c}\"", f"weight: {c}",
                  f"translationKey: ch{c}", "sections:"]
            parts = [paragraph(rng, ZH if lang == "zh" else EN, 600), ""]
            for j, level, hk, gri in sections(c, S):
                t = titles[(c + j) % len(titles)]
                fm.append(f"  - {{id: s{c}-{j}, hkex: [{', '.join(hk)}], gri: [{', '.join(repr(g) for g in gri)}]}}")
                parts.append(f"{'#' * level} {t} {c}.{j} {{#s{c}-{j}}}")
                parts.append("")
                parts.append(body(rng, lang, c, j, lambda m: f"{{{{< kpi \"{m}\" >}}}}"))
            fm.append("---")
            write(f"{root}/content/{lang}/chapter{c}.md", "\n".join(fm + [""] + parts))
        # The index page's own content file per language.
    for lang in ("zh", "en"):
        write(f"{root}/content/{lang}/_index.md", "---\ntitle: Index\n---\n")


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: gen.py CHAPTERS SECTIONS DIR")
    C, S, root = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    esgsite(os.path.join(root, "esgsite"), C, S)
    hugo(os.path.join(root, "hugo"), C, S)


main()
