/*
 * data.h — KPI data: metrics, units, tables, charts and highlights from
 * SOURCE/data/ (docs/data.md).
 *
 * load_data.c reads the files; resolve_data.c resolves references,
 * derives computed metrics (in dependency order, refusing cycles), checks
 * given values and breakdowns against the computation, and finds where
 * each table, chart and highlight block is placed. Renderers read it.
 */
#ifndef ESG_DATA_H
#define ESG_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "model.h"
#include "shortcode.h"

/* Values beyond this are certainly a typo (or hostile): they would lose
 * precision in a double and overflow every table column. A derived value
 * is held to it too. */
#define ESG_VALUE_MAX 1e15

#define ESG_YEAR_MIN 1900
#define ESG_YEAR_MAX 2100

typedef struct esg_unit {
	const char *key;
	esg_ctext symbol;         /* "tCO₂e", "吨二氧化碳当量", "噸二氧化碳當量" */
	const char *one;          /* English singular, for exactly 1: "case" */
	bool space;               /* a space between number and symbol (en) */
	bool prefix;              /* English writes the symbol first: HK$12 */
} esg_unit;

/* One year's value of a metric. */
typedef struct esg_yv {
	int year;
	double value;
	esg_pos pos;              /* where it was given; line 0 when computed */
} esg_yv;

typedef enum esg_derive {
	ESG_DERIVE_NONE,
	ESG_DERIVE_SUM,
	ESG_DERIVE_RATIO,
	ESG_DERIVE_SHARE,
	ESG_DERIVE_CHANGE,
} esg_derive;

struct esg_metric;

typedef struct esg_ref {
	const char *id;
	esg_pos pos;
	struct esg_metric *metric;    /* resolved, or NULL */
} esg_ref;

typedef struct esg_breakdown {
	const char *dimension;    /* "gender" */
	esg_ref *parts;
	size_t nparts;
	esg_pos pos;
} esg_breakdown;

typedef struct esg_metric {
	const char *id;
	esg_pos pos;
	esg_lstr label;
	esg_lstr notes;           /* may be empty */
	esg_lstr scope;           /* may be empty */
	const char *unit_key;
	esg_pos unit_pos;
	const esg_unit *unit;     /* resolved */
	int decimals;             /* -1 until decided */
	int literal_decimals;     /* most digits after the point in values */
	esg_yv *given;            /* values as written, by year */
	size_t ngiven;
	esg_yv *values;           /* final values, ascending years */
	size_t nvalues;
	int *null_years;          /* years given as null: no value, knowingly */
	size_t nnull_years;
	esg_derive derive;
	esg_ref *inputs;
	size_t ninputs;
	double scale;             /* ratio */
	esg_pos derive_pos;
	esg_breakdown *breakdowns;
	size_t nbreakdowns;
	esg_cover *covers;
	size_t ncovers;
	struct esg_entry **links; /* index rows (set by coverage) */
	size_t nlinks;
	/* The first placed table that shows the metric: its row is the
	 * metric's location (the anchor kpi-ID). */
	struct esg_table *home;
	int state;                /* derivation: 0 new, 1 in progress, 2 done */
	size_t order;             /* definition order */
} esg_metric;

typedef enum esg_row_kind { ESG_ROW_GROUP, ESG_ROW_METRIC } esg_row_kind;

typedef struct esg_row {
	esg_row_kind kind;
	esg_lstr label;           /* group title, or a metric row's own label */
	bool has_label;
	esg_ref metric;
	int level;                /* 1 for the parts of a breakdown */
} esg_row;

/* Where a table, chart or highlights block is shown: the chapter and the
 * section that hold the {{shortcode}} (per language, they must agree). */
typedef struct esg_place {
	size_t chapter;           /* ESG_NO_CHAPTER when not shown */
	const char *section;      /* the enclosing section's id */
	bool in_primary;          /* the primary language shows it there */
} esg_place;

typedef struct esg_table {
	const char *id;
	esg_pos pos;
	esg_lstr caption;
	esg_lstr notes;
	int *years;
	size_t nyears;
	const char *magnitude;    /* NULL, "万" or "亿" (Chinese pages) */
	esg_row *rows;
	size_t nrows;
	esg_place place;
	struct esg_table *next_here;  /* the next table (data order) placed
	                                 in the same section */
} esg_table;

typedef enum esg_chart_type {
	ESG_CHART_BAR,
	ESG_CHART_LINE,
	ESG_CHART_DONUT,
	ESG_CHART_PIE,
} esg_chart_type;

typedef struct esg_chart {
	const char *id;
	esg_pos pos;
	esg_chart_type type;
	bool stacked;
	esg_lstr title;
	bool has_title;
	esg_ref *series;
	size_t nseries;
	int *years;
	size_t nyears;
	int year;                 /* donut and pie */
	esg_place place;
} esg_chart;

typedef struct esg_highlight {
	esg_ref metric;
	bool change;
	esg_lstr label;
	bool has_label;
	int year;                 /* 0: the reporting year */
} esg_highlight;

typedef struct esg_highlights {
	const char *id;
	esg_pos pos;
	esg_highlight *items;
	size_t nitems;
	esg_place place;
} esg_highlights;

typedef struct esg_data {
	/* key -> esg_unit*: the built-in catalog, replaced key by key by the
	 * report's units, plus compounds as they are used */
	esg_strmap unit_map;
	esg_strmap report_units;  /* keys the report defines: each once */
	esg_metric **metrics;     /* definition order */
	size_t nmetrics, metrics_cap;
	esg_strmap metric_map;
	esg_table **tables;
	size_t ntables, tables_cap;
	esg_strmap table_map;
	/* per chapter: section id -> the first table placed in it, the rest
	 * chained by next_here; made by esg_resolve_data() */
	esg_strmap *tables_here;
	size_t nchapters_here;
	esg_chart **charts;
	size_t ncharts, charts_cap;
	esg_strmap chart_map;
	esg_highlights **highlights;
	size_t nhighlights, highlights_cap;
	esg_strmap highlights_map;
	int reporting_year;
	size_t source_bytes;      /* of the data files read */
} esg_data;

/* Most cells the tables and charts shown may have in all (a row's or a
 * series' value for each of its years): this many, or one per four bytes
 * of the data files if more. */
#define ESG_MIN_DATA_CELLS 262144

/* Reads the YAML files of SOURCE/data (and the built-in units) into r->data. */
void esg_load_data(esg_report *r, esg_diag *d);
/* Resolves references, derives metrics, checks totals, finds placements.
 * Run after esg_resolve() and before esg_resolve_coverage(). */
void esg_resolve_data(esg_report *r, esg_diag *d);
/* text with its {{kpi}} shortcodes as the figures they show, as plain text
 * in language lang, and {{lang}}'s words; any other shortcode as written.
 * For text that is not rendered as Markdown: titles (esg_resolve_data()
 * does theirs) and image descriptions. text itself when it has no "{{";
 * otherwise in the report's arena. */
/* {{kpi METRIC [YEAR]}} checked, its problems reported at pos after
 * prefix ("" in text, "title: " in front matter): the metric, and the
 * year it shows in *year (the reporting year unless given). NULL for a
 * wrong shape, an unknown metric or a year that is not one; a year
 * without a value is reported but the metric returned (it shows "—"). */
const esg_metric *esg_kpi_checked(esg_report *r, const esg_shortcode *sc,
    esg_pos pos, const char *prefix, int *year, esg_diag *d);
/* Whether m's lack of a value for year is written down: the year is null
 * in its values, or in those of a metric it is derived from. */
bool esg_metric_gap_known(const esg_metric *m, int year);
const char *esg_shortcodes_as_text(esg_report *r, int lang,
    const char *text);
void esg_data_free(esg_data *data);
/* The first table placed in section_id of chapter c, in data order (the
 * rest by next_here), or NULL; after esg_resolve_data(). */
esg_table *esg_tables_placed(const esg_report *r, size_t c,
    const char *section_id);

/* "2024" -> 2024 when it is a year in range. */
bool esg_parse_year(const char *s, int *year);
/* The unit with this key, compounds A/B included; NULL when unknown. */
const esg_unit *esg_unit_find(esg_report *r, const char *key);
/* The value of a metric in a year; false when there is none. */
bool esg_metric_value(const esg_metric *m, int year, double *out);
esg_metric *esg_metric_find(const esg_report *r, const char *id);

#endif
