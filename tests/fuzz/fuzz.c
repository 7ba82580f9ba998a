/*
 * fuzz.c — libFuzzer targets. One file, one target per FUZZ_TARGET value:
 *
 *   frontmatter  splitting YAML front matter from a chapter
 *   attrs        heading attribute blocks {#id hkex="A1.2" .case}
 *   shortcode    {{name args}} scanning
 *   report       report.yaml, then the whole pipeline
 *   data         a data file of KPI metrics, tables and charts
 *   catalog      a framework catalog in SOURCE/frameworks/
 *   chapter      a one-chapter report: the Markdown of both languages
 *
 * The file-level targets write the input into a small report in a
 * temporary directory and run what `esgsite check` runs — load, resolve,
 * review, render every page — writing nothing. Diagnostics are collected
 * and freed, never printed. Leaks count as crashes (ASan), so every input
 * must also free all it allocates.
 */
#include "attrs.h"
#include "commands.h"
#include "coverage.h"
#include "data.h"
#include "diag.h"
#include "frontmatter.h"
#include "load.h"
#include "model.h"
#include "render.h"
#include "resolve.h"
#include "review.h"
#include "shortcode.h"
#include "write.h"

#include <cmark-gfm-core-extensions.h>
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STR_(x) #x
#define STR(x) STR_(x)

static char source[256];

static void
put(const char *rel, const uint8_t *data, size_t len)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", source, rel);
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		abort();
	fwrite(data, 1, len, f);
	fclose(f);
}

static void
put_str(const char *rel, const char *text)
{
	put(rel, (const uint8_t *)text, strlen(text));
}

static void
pipeline(void)
{
	esg_diag d = ESG_DIAG_INIT;
	d.check = true;
	esg_report r;
	esg_report_init(&r, source);
	if (esg_load_report(&r, &d) == 0) {
		esg_review_load(&r, &d);
		esg_resolve(&r, &d);
		esg_resolve_data(&r, &d);
		esg_resolve_coverage(&r, &d);
	}
	if (d.status < 2 && r.nlangs > 0) {
		esg_output out;
		esg_output_dry(&out, &d);
		esg_review(&r, &d);
		esg_render_site(&r, &out, &d, NULL);
	}
	esg_coverage_free(&r);
	esg_data_free(r.data);
	esg_report_free(&r);
	esg_diag_free(&d);
}

static const char report_yaml[] =
    "company: {zh: 测试, en: Test}\n"
    "title: {zh: 报告, en: Report}\n"
    "period: {start: 2024-01-01, end: 2024-12-31}\n"
    "base_url: https://ir.example.com/esg/\n"
    "languages:\n"
    "  - {key: zh, tag: zh-Hans, name: 中文}\n"
    "  - {key: en, tag: en, name: English}\n"
    "frameworks: {hkex: {}, gri: {claim: with-reference}, sdg: {}"
#if defined(FUZZ_CATALOG)
    ", fuzz: {}"
#endif
    "}\n";

static const char chapter_zh[] =
    "# 环境 {#env hkex=\"A1\"}\n\n排放见{{ref ghg}}，{{kpi m.a}}。\n\n"
    "## 温室气体 {#ghg gri=\"305-1\" sdg=\"13\"}\n\n{{table t.a}}\n";
static const char chapter_en[] =
    "# Environment {#env hkex=\"A1\"}\n\nSee {{ref ghg}}, {{kpi m.a}}.\n\n"
    "## GHG {#ghg gri=\"305-1\" sdg=\"13\"}\n\n{{table t.a}}\n";
static const char data_yaml[] =
    "metrics:\n  m.a:\n    label: {zh: 甲, en: A}\n    unit: t\n"
    "    values: {2023: 1, 2024: 2}\n    covers: {hkex: [A1.1]}\n"
    "tables:\n  t.a:\n    caption: {zh: 表, en: Table}\n"
    "    years: [2023, 2024]\n    rows: [m.a]\n";

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	cmark_gfm_core_extensions_ensure_registered();
	const char *tmp = getenv("TMPDIR");
	snprintf(source, sizeof source, "%s/esgsite-fuzz-XXXXXX",
	    tmp ? tmp : "/tmp");
	if (mkdtemp(source) == NULL)
		abort();
	char dir[300];
	const char *const dirs[] = { "zh", "en", "data", "frameworks" };
	for (int i = 0; i < 4; i++) {
		snprintf(dir, sizeof dir, "%s/%s", source, dirs[i]);
		mkdir(dir, 0755);
	}
	put_str("report.yaml", report_yaml);
	put_str("zh/01-env.md", chapter_zh);
	put_str("en/01-env.md", chapter_en);
	put_str("data/a.yaml", data_yaml);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
#if defined(FUZZ_FRONTMATTER)
	esg_split sp;
	char *copy = malloc(len + 1);
	memcpy(copy, data, len);
	copy[len] = '\0';
	esg_split_front_matter(copy, len, &sp);
	free(copy);
#elif defined(FUZZ_ATTRS)
	esg_arena a = ESG_ARENA_INIT;
	esg_attrs attrs;
	size_t start, err_off;
	const char *msg;
	char *copy = malloc(len + 1);
	memcpy(copy, data, len);
	copy[len] = '\0';
	esg_attrs_parse(copy, len, &a, &attrs, &start, &err_off, &msg);
	free(copy);
	esg_arena_free(&a);
#elif defined(FUZZ_SHORTCODE)
	esg_shortcode sc;
	size_t from = 0, off;
	const char *msg;
	const char *s = (const char *)data;
	while (from < len && esg_shortcode_next(s, len, from, &sc, &off,
	    &msg) == 1) {
		if (sc.end <= from || sc.end > len)
			abort();
		from = sc.end;
	}
#elif defined(FUZZ_REPORT)
	put("report.yaml", data, len);
	pipeline();
#elif defined(FUZZ_DATA)
	put("data/a.yaml", data, len);
	pipeline();
#elif defined(FUZZ_CATALOG)
	put("frameworks/fuzz.yaml", data, len);
	pipeline();
#elif defined(FUZZ_CHAPTER)
	put("zh/01-env.md", data, len);
	put("en/01-env.md", data, len);
	/* Both ways to the renderer: the loader's tree kept (small reports),
	 * or the chapter read and parsed again (large ones). */
	setenv("ESGSITE_KEEP_KB", len % 2 ? "0" : "", 1);
	pipeline();
#else
#error "define one FUZZ_ target"
#endif
	return 0;
}
