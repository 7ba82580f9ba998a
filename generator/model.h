/*
 * model.h — the report as esgsite understands it.
 *
 * Loaders fill it (load_report.c, load_chapters.c), resolve.c completes it
 * (numbers, generated ids, the id table), renderers only read it. All
 * strings and arrays live in the report's arena; the source texts are
 * released by esg_report_free(). Parsed Markdown (esg_tree) is not part
 * of the model: see esg_tree.
 */
#ifndef ESG_MODEL_H
#define ESG_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmark-gfm.h>

#include "arena.h"
#include "diag.h"
#include "strmap.h"

/* Reports have two or three languages; the cap keeps localized strings
 * plain arrays. */
#define ESG_MAX_LANGS 8

/* "No chapter": a page that is not a chapter, an index not placed. */
#define ESG_NO_CHAPTER ((size_t)-1)

struct esg_catalog;
struct esg_coverage;
struct esg_entry;
struct esg_data;
struct esg_paragraph_note;

/* A localized string: one text per language index; NULL where missing. */
typedef struct esg_lstr {
	const char *v[ESG_MAX_LANGS];
	esg_pos pos;
} esg_lstr;

typedef struct esg_lang {
	const char *key;    /* directory and URL segment: "zh" */
	const char *tag;    /* BCP 47 tag: "zh-Hans" */
	const char *name;   /* its own name: "简体中文" */
	esg_pos pos;
} esg_lang;

/* One framework code a section (or chapter) declares it covers. */
typedef struct esg_cover {
	const char *framework;  /* framework key: "hkex" */
	const char *code;       /* as written: "A1.2", "3-3/climate" */
	esg_pos pos;
} esg_cover;

typedef struct esg_section {
	const char *id;
	bool id_generated;
	bool unnumbered;        /* .case / .unnumbered, or inside one */
	int level;              /* Markdown heading level, 1-6 */
	int depth;              /* 0 for the chapter heading, then 1, 2, … */
	int parent;             /* index of the enclosing section, or -1 */
	const char *number;     /* "4.2", or NULL when not numbered */
	const char *title;      /* plain text of the heading */
	const char **classes;
	size_t nclasses;
	esg_cover *covers;
	size_t ncovers;
	esg_pos pos;
	size_t chapter;         /* index in esg_report.chapters */
	/* Index rows this section is a location of, language-neutral (set by
	 * coverage; shared by the section's versions in every language). */
	struct esg_entry **links;
	size_t nlinks;
} esg_section;

/* A top-level paragraph whose only content is text with a shortcode in
 * it ({{index hkex}}, {{table env}}): the places blocks are put. Noted
 * while loading, so the resolvers need not walk the tree. */
typedef struct esg_block_code {
	const char *text;       /* the paragraph's first shortcode (arena) */
	esg_pos pos;
	size_t section;         /* index in sections of the top-level section
	                           it is in (0: before any heading) */
} esg_block_code;

/* A chapter in one language: one Markdown file. */
/* An id an element of the chapter's raw HTML has (unsafe_html): a link
 * target like a section's. */
typedef struct esg_raw_id {
	const char *id;
	esg_pos pos;
	size_t chapter;
} esg_raw_id;

typedef struct esg_text {
	bool present;
	const char *path;       /* display path: "content/zh/04-climate.md" */
	/* The file is read, checked and parsed while its chapter loads, and
	 * then let go: renderers read it again (esg_parse_text), and its
	 * length and hash tell whether it changed in between. source and
	 * body are NULL once the chapter is loaded, unless the chapter is
	 * among the first ESG_KEEP_MARKDOWN bytes (load.h), whose texts and
	 * trees are kept (parsed). */
	char *source;           /* the whole file (owned, malloc) */
	size_t source_len;
	uint64_t source_hash;   /* esg_hash64 of the file */
	const char *body;       /* the Markdown after any front matter */
	size_t body_off;        /* where it starts in the file */
	size_t body_len;
	int body_line;          /* 1-based line of the body's first line */
	size_t *line_starts;    /* body offsets of each body line (arena) */
	size_t nlines;
	const char *title;      /* front matter title or the first H1 */
	esg_pos title_pos;      /* of a front matter title (line 0: none) */
	bool numbered;
	bool has_numbered;      /* front matter said numbered: */
	esg_pos numbered_pos;
	const char *description;
	esg_pos description_pos;
	esg_cover *covers;      /* front matter covers: */
	size_t ncovers;
	esg_section *sections;  /* document order; [0] is the chapter heading */
	size_t nsections;
	esg_block_code *blocks; /* document order */
	size_t nblocks;
	struct esg_tree *parsed;  /* kept from loading, or NULL (owned) */
	/* The loader changed the tree below the top level (left out a block
	 * nested too deep, took the attributes off a nested heading): parsing
	 * again must walk the whole tree, not only the top level. */
	bool edited_inside;
	/* What must be the same in every language (the review compares it),
	 * noted while loading: */
	size_t nfootnotes, ntables;
	esg_raw_id *raw_ids;    /* unsafe_html: ids in its raw HTML (arena) */
	size_t nraw_ids;
	const char **uses;      /* shortcodes: "kpi ghg.total", sorted */
	size_t nuses;
} esg_text;

/* A text's Markdown as cmark parsed it, with the section headings in it:
 * headings[i] is the node of sections[i] (NULL for a title from front
 * matter). Trees take about four times the size of the Markdown, so the
 * model keeps few: the loader frees each chapter's trees once what later
 * stages need is noted (esg_chapter_visit in load.h), except for the first
 * ESG_KEEP_MARKDOWN bytes of chapters (esg_text.parsed), and the renderer
 * borrows a kept tree or parses the text again for the time it renders
 * its page (esg_parse_text). */
typedef struct esg_tree {
	cmark_node *doc;
	cmark_node **headings;
	size_t nheadings;
	char *source;           /* the file read again (owned), or NULL */
	const char *body;       /* the Markdown the tree was parsed from */
	bool borrowed;          /* the text's kept tree: esg_tree_free leaves it */
} esg_tree;

#define ESG_TREE_INIT { NULL, NULL, 0, NULL, NULL, false }

void esg_tree_free(esg_tree *tree);
/* Where a column was last counted, so that positions asked for along one
 * line in reading order count its characters once: a line of a hundred
 * thousand links would otherwise be counted from its start for each. */
typedef struct esg_col_memo {
	int line;               /* 0: nothing counted yet */
	size_t bytes, chars;    /* into that line */
} esg_col_memo;

#define ESG_COL_MEMO_INIT { 0, 0, 0 }

/* Position of a node of t's tree (esg_node_pos, with the tree's copy of
 * the text, which t no longer has after loading). memo, which may be
 * NULL, belongs to this tree. */
esg_pos esg_tree_pos(const esg_text *t, const esg_tree *tree,
    cmark_node *node, esg_col_memo *memo);

typedef struct esg_chapter {
	const char *file;       /* "04-climate.md" */
	const char *slug;       /* "climate": the page is climate.html */
	int number;             /* chapter number, 0 when not numbered */
	esg_text text[ESG_MAX_LANGS];
	/* Stands in for the heading of a language the chapter is missing
	 * in (an error), so navigation can still be rendered while the
	 * rest of the report is checked. */
	esg_section placeholder;
	/* What the review noted in the chapter's paragraphs while its trees
	 * existed (review.c; arena), judged by esg_review(). */
	struct esg_paragraph_note *notes;
	size_t nnotes;
} esg_chapter;

/* An omission in report.yaml: frameworks.KEY.omit.CODE. */
typedef struct esg_omit {
	const char *code;         /* as written: "A2.5", "2-15-b" */
	const char *reason;       /* "not-applicable" */
	esg_lstr explanation;
	esg_pos pos;
	struct esg_entry *entry;  /* resolved by coverage */
	bool requirement;         /* omits one requirement, not the disclosure */
	/* A requirement a section or metric covers all the same: the first
	 * such location, "#ID in FILE" for the error. */
	const char *covered_by;
} esg_omit;

/* A GRI material topic of report.yaml. */
typedef struct esg_topic {
	const char *id;
	esg_lstr title;
	const char **standards;   /* Topic Standard numbers: "305" */
	esg_pos *standard_pos;
	size_t nstandards;
	esg_pos pos;
} esg_topic;

/* A framework the report declares, with its settings from report.yaml
 * and, once coverage has run, its catalog and coverage. */
typedef struct esg_framework {
	const char *key;
	esg_pos pos;
	const char *edition;      /* NULL: the catalog's default edition */
	esg_pos edition_pos;
	int claim;                /* esg_claim (GRI) */
	esg_pos claim_pos;
	esg_topic *topics;
	size_t ntopics;
	const char **sectors;     /* Sector Standard numbers */
	esg_pos *sector_pos;
	size_t nsectors;
	esg_omit *omits;
	size_t nomits;
	struct esg_catalog *cat;
	struct esg_coverage *cov;
	size_t index_chapter;     /* chapter with {{index KEY}}, or ESG_NO_CHAPTER */
} esg_framework;

typedef struct esg_report {
	esg_arena arena;
	const char *source;       /* SOURCE as given on the command line */
	const char *real_source;  /* SOURCE with its links followed, or NULL */
	const char *yaml_path;    /* display path of report.yaml */
	esg_lang langs[ESG_MAX_LANGS];
	int nlangs;               /* langs[0] is the primary language */
	esg_lstr company;
	esg_lstr title;
	esg_lstr description;     /* optional */
	const char *period_start; /* YYYY-MM-DD */
	const char *period_end;
	const char *base_url;     /* NULL, or absolute and ending in '/' */
	const char *stock_code;   /* optional */
	bool unsafe_html;
	bool pdf;                 /* the build produces report.pdf per language */
	esg_framework *fws;       /* frameworks declared in report.yaml */
	size_t nfws;
	esg_chapter *chapters;
	size_t nchapters;
	esg_strmap ids[ESG_MAX_LANGS];   /* section id -> esg_section* */
	esg_strmap raw_ids[ESG_MAX_LANGS];   /* raw HTML id -> esg_raw_id* */
	esg_strmap slugs;                /* page name -> esg_chapter* */
	esg_strmap anchors;              /* id in an index -> esg_framework* */
	struct esg_data *data;           /* KPI data (data.h) */
	/* External links met while rendering, first use first: `check`
	 * lists them and, with --external, fetches them. */
	esg_strmap external_seen;
	const char **external;
	esg_pos *external_pos;
	size_t nexternal, external_cap;
} esg_report;

void esg_report_init(esg_report *r, const char *source);
void esg_report_free(esg_report *r);

/* Index of the language with this key, or -1. */
int esg_report_lang(const esg_report *r, const char *key);
/* The text for language lang, falling back to the primary language and
 * then to any language; "" when the string is empty everywhere. */
const char *esg_lstr_get(const esg_lstr *s, int lang);
/* Position of a cmark node of t, or of its nearest ancestor that has one:
 * line, and column in characters, in the chapter's file. For the loader,
 * while t->body is there; renderers use esg_tree_pos. */
esg_pos esg_node_pos(const esg_text *t, cmark_node *node);

/* Records an external link (once per URL). */
void esg_report_external(esg_report *r, const char *url, esg_pos pos);

/* The chapter's heading in a language: its first section, or the
 * placeholder when that language's file is missing or unreadable. */
const esg_section *esg_chapter_heading(const esg_chapter *ch, int lang);

/* The framework with this key, or NULL. */
esg_framework *esg_report_framework(const esg_report *r, const char *key);

#endif
