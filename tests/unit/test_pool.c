/* The worker pool, and chapters parsed in parallel coming out the same
 * as parsed one by one. */
#include "cmark_threads.h"
#include "diag.h"
#include "fsutil.h"
#include "harness.h"
#include "load.h"
#include "model.h"
#include "pool.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct counts {
	int ran[1000];
	size_t worst_worker;
	size_t nworkers;
} counts;

static void
count(void *ctx, size_t job, size_t worker)
{
	counts *c = ctx;
	c->ran[job]++;   /* each job owns its slot */
	if (worker >= c->nworkers)
		c->worst_worker = worker;
}

static void
write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Counts the strikethrough and link nodes of a text: GFM's inline
 * extensions, which cmark-gfm switches on and off in a table shared by
 * every parser in the process. */
static void
inline_extensions(cmark_node *doc, int *struck, int *links)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (strcmp(cmark_node_get_type_string(n), "strikethrough") == 0)
			(*struck)++;
		if (cmark_node_get_type(n) == CMARK_NODE_LINK)
			(*links)++;
	}
	cmark_iter_free(it);
}

/* The loader's visitor: counts, per chapter and language, what the
 * extensions found while the trees exist (chapters run in parallel, so
 * each writes only its own slots). */
typedef struct found {
	int struck[24][2], links[24][2];
} found;

static void
count_chapter(void *ctx, esg_report *r, size_t c, const esg_tree *trees)
{
	found *f = ctx;
	for (int l = 0; l < r->nlangs && l < 2 && c < 24; l++)
		if (trees[l].doc)
			inline_extensions(trees[l].doc, &f->struck[c][l],
			    &f->links[c][l]);
}

void
test_pool(void)
{
	CHECK_INT(esg_pool_workers(0), 1);
	CHECK_INT(esg_pool_workers(1), 1);
	CHECK(esg_pool_workers(1000) >= 1);
	CHECK(esg_pool_workers(1000) <= ESG_POOL_MAX);

	counts *c = calloc(1, sizeof *c);
	c->nworkers = esg_pool_workers(1000);
	esg_pool_run(1000, c->nworkers, count, c);
	int once = 0;
	for (size_t i = 0; i < 1000; i++)
		once += c->ran[i] == 1;
	CHECK_INT(once, 1000);
	CHECK_INT(c->worst_worker, 0);
	/* More workers asked for than allowed: capped, still every job once. */
	memset(c, 0, sizeof *c);
	c->nworkers = ESG_POOL_MAX;
	esg_pool_run(10, 1000, count, c);
	once = 0;
	for (size_t i = 0; i < 10; i++)
		once += c->ran[i] == 1;
	CHECK_INT(once, 10);
	free(c);

	/* 2 languages × 24 chapters, each with strikethrough and autolinks,
	 * loaded on every core ten times: every text keeps its extensions
	 * (without the lock around cmark-gfm's inline parsing, some lose
	 * them). */
	/* Debian's cmark-gfm calls the function esgsite replaces through its
	 * PLT, so inline parsing runs in parallel there (elsewhere it would
	 * fall back to a lock, and the rest of this test still holds). */
	static const char *const extensions[] = {
		"table", "strikethrough", "autolink", NULL
	};
	CHECK(esg_cmark_threads_init(extensions));

	char dir[] = "/tmp/esgsite-pool-XXXXXX";
	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	char path[512];
	snprintf(path, sizeof path, "%s/report.yaml", dir);
	write_text(path, "company: 测试\ntitle: 测试\n"
	    "period: {start: 2024-01-01, end: 2024-12-31}\n"
	    "languages: [{key: zh, tag: zh-Hans, name: 中文}, "
	    "{key: en, tag: en, name: English}]\n");
	const char *langs[] = { "zh", "en" };
	for (int l = 0; l < 2; l++) {
		snprintf(path, sizeof path, "%s/%s", dir, langs[l]);
		mkdir(path, 0777);
		for (int i = 0; i < 24; i++) {
			snprintf(path, sizeof path, "%s/%s/%02d-c%d.md", dir,
			    langs[l], i, i);
			char text[4096];
			int n = snprintf(text, sizeof text, "# Chapter %d\n\n", i);
			for (int k = 0; k < 40; k++)
				n += snprintf(text + n, sizeof text - (size_t)n,
				    "~~old %d~~ see https://example.com/%d\n\n", k, k);
			write_text(path, text);
		}
	}
	int wrong = 0;
	for (int round = 0; round < 10; round++) {
		esg_diag d = ESG_DIAG_INIT;
		esg_report r;
		esg_report_init(&r, dir);
		CHECK_INT(esg_load_report(&r, &d), 0);
		found f;
		memset(&f, 0, sizeof f);
		esg_load_chapters(&r, &d, count_chapter, &f);
		CHECK_INT(d.errors, 0);
		CHECK_INT(r.nchapters, 24);
		CHECK_INT(r.nlangs, 2);
		for (size_t ch = 0; ch < 24; ch++)
			for (int l = 0; l < 2; l++)
				wrong += f.struck[ch][l] != 40 || f.links[ch][l] != 40;
		esg_report_free(&r);
		esg_diag_free(&d);
	}
	CHECK_INT(wrong, 0);

	/* Renderers get the loader's tree: the same nodes, attribute blocks
	 * taken off and headings matched to sections. Small reports stay
	 * parsed: the renderer borrows the tree, and the text checked is the
	 * text rendered, whatever the file says by then. */
	snprintf(path, sizeof path, "%s/zh/00-c0.md", dir);
	write_text(path, "# 第一章\n\n## 排放 {#emissions .case}\n\n正文。\n\n"
	    "> ## 引用中的标题 {#nested}\n\n## 用水\n");
	esg_diag d = ESG_DIAG_INIT;
	esg_report r;
	esg_report_init(&r, dir);
	CHECK_INT(esg_load_report(&r, &d), 0);
	esg_load_chapters(&r, &d, NULL, NULL);
	const esg_text *t = &r.chapters[0].text[0];
	CHECK(t->parsed != NULL && t->source != NULL);
	esg_tree tree;
	CHECK_INT(esg_parse_text(&r, 0, t, &tree, &d), 0);
	CHECK(tree.borrowed && tree.doc == t->parsed->doc);
	CHECK_INT(tree.nheadings, 3);
	CHECK_INT(esg_tree_pos(t, &tree, tree.headings[2], NULL).line, 9);
	esg_tree_free(&tree);
	CHECK(t->parsed->doc != NULL);   /* still there */
	write_text(path, "# 第一章\n");
	CHECK_INT(esg_parse_text(&r, 0, t, &tree, &d), 0);
	CHECK_INT(tree.nheadings, 3);
	esg_tree_free(&tree);
	write_text(path, "# 第一章\n\n## 排放 {#emissions .case}\n\n正文。\n\n"
	    "> ## 引用中的标题 {#nested}\n\n## 用水\n");
	esg_report_free(&r);
	esg_diag_free(&d);
	d = (esg_diag)ESG_DIAG_INIT;
	setenv("ESGSITE_KEEP_KB", "1k", 1);   /* not a number: the default */
	esg_report_init(&r, dir);
	CHECK_INT(esg_load_report(&r, &d), 0);
	esg_load_chapters(&r, &d, NULL, NULL);
	CHECK(d.count && strcmp(d.items[0].file, "ESGSITE_KEEP_KB") == 0 &&
	    d.items[0].severity == ESG_WARNING);
	CHECK(r.chapters[0].text[0].parsed != NULL);
	esg_report_free(&r);
	esg_diag_free(&d);
	d = (esg_diag)ESG_DIAG_INIT;

	/* With nothing kept, each text is read and parsed again; a file
	 * changed or removed since loading is an input error, not a page made
	 * from other Markdown than was checked. */
	setenv("ESGSITE_KEEP_KB", "0", 1);
	esg_report_init(&r, dir);
	CHECK_INT(esg_load_report(&r, &d), 0);
	esg_load_chapters(&r, &d, NULL, NULL);
	unsetenv("ESGSITE_KEEP_KB");
	t = &r.chapters[0].text[0];
	CHECK(t->source == NULL && t->body == NULL && t->parsed == NULL);
	CHECK_INT(t->nsections, 3);
	CHECK_INT(esg_parse_text(&r, 0, t, &tree, &d), 0);
	CHECK(!tree.borrowed);
	CHECK_INT(tree.nheadings, 3);
	CHECK_INT(cmark_node_get_heading_level(tree.headings[1]), 2);
	CHECK_STR(cmark_node_get_literal(cmark_node_first_child(
	    tree.headings[1])), "排放");
	/* The nested heading lost its block too (with a warning, once). */
	cmark_node *quote = cmark_node_next(cmark_node_next(tree.headings[1]));
	CHECK_INT(cmark_node_get_type(quote), CMARK_NODE_BLOCK_QUOTE);
	CHECK_STR(cmark_node_get_literal(cmark_node_first_child(
	    cmark_node_first_child(quote))), "引用中的标题");
	CHECK_INT(esg_tree_pos(t, &tree, tree.headings[2], NULL).line, 9);
	esg_tree_free(&tree);
	int warnings = d.warnings;
	size_t before;
	/* Same length, one character different. */
	write_text(path, "# 第二章\n\n## 排放 {#emissions .case}\n\n正文。\n\n"
	    "> ## 引用中的标题 {#nested}\n\n## 用水\n");
	CHECK_INT(esg_parse_text(&r, 0, t, &tree, &d), -1);
	CHECK(tree.doc == NULL && tree.source == NULL);
	CHECK_INT(d.status, 2);
	CHECK(d.count && strstr(d.items[d.count - 1].message,
	    "changed while esgsite was building") != NULL);
	CHECK_INT(d.warnings, warnings);
	/* A change the fingerprint would miss still cannot match headings to
	 * the wrong sections: the count is checked too. */
	const char *fewer = "# 第一章\n\n正文。\n";
	write_text(path, fewer);
	esg_text *mt = &r.chapters[0].text[0];
	mt->source_len = mt->body_len = strlen(fewer);
	mt->source_hash = esg_hash64(fewer, strlen(fewer));
	mt->body_off = 0;
	before = d.count;
	CHECK_INT(esg_parse_text(&r, 0, t, &tree, &d), -1);
	CHECK(tree.doc == NULL && tree.headings == NULL);
	CHECK_INT(d.count, before + 1);
	CHECK(strstr(d.items[d.count - 1].message,
	    "changed while esgsite was building") != NULL);
	snprintf(path, sizeof path, "%s/en/01-c1.md", dir);
	unlink(path);
	before = d.count;
	CHECK_INT(esg_parse_text(&r, 1, &r.chapters[1].text[1], &tree, &d), -1);
	CHECK_INT(d.count, before + 1);
	esg_report_free(&r);
	esg_diag_free(&d);
	esg_remove_tree(dir);
}
