/* resolve_data.c — KPI references, derivations, checks and placements. */
#include "buf.h"
#include "data.h"
#include "number.h"
#include "resolve.h"
#include "shortcode.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void
resolve_ref(esg_report *r, esg_ref *ref, const char *where, esg_diag *d)
{
	ref->metric = esg_metric_find(r, ref->id);
	if (ref->metric == NULL)
		esg_error(d, ESG_K_DATA, ref->pos, "%s: unknown metric '%s'", where,
		    ref->id);
}

static void
resolve_units(esg_report *r, esg_metric *m, esg_diag *d)
{
	if (m->unit_key == NULL) {
		if (m->derive == ESG_DERIVE_SHARE || m->derive == ESG_DERIVE_CHANGE) {
			m->unit = esg_unit_find(r, "%");
			return;
		}
		esg_error(d, ESG_K_DATA, m->pos, "metric %s needs unit: (a key of "
		    "the units catalog, e.g. t, tCO2e, MWh, person, %%)", m->id);
		return;
	}
	m->unit = esg_unit_find(r, m->unit_key);
	if (m->unit == NULL)
		esg_error(d, ESG_K_DATA, m->unit_pos, "metric %s: unit '%s' is not "
		    "in the units catalog (define it under units: in a data file)",
		    m->id, m->unit_key);
}

/* ------------------------------------------------------------------ */
/* Derivation                                                          */

typedef struct yvlist {
	esg_yv *v;
	size_t n, cap;
} yvlist;

static void
yv_add(yvlist *l, int year, double value)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = esg_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = (esg_yv){ year, value, { NULL, 0, 0 } };
}

static bool
value_of(const esg_metric *m, int year, double *out)
{
	return esg_metric_value(m, year, out);
}

/* The computed values of a derived metric whose inputs are final. */
static void
compute(const esg_metric *m, yvlist *out)
{
	const esg_metric *first = m->inputs[0].metric;
	for (size_t i = 0; i < first->nvalues; i++) {
		int year = first->values[i].year;
		double a = first->values[i].value, b, v = 0;
		bool ok = true;
		switch (m->derive) {
		case ESG_DERIVE_SUM:
			v = a;
			for (size_t k = 1; k < m->ninputs && ok; k++) {
				ok = value_of(m->inputs[k].metric, year, &b);
				v += b;
			}
			break;
		case ESG_DERIVE_RATIO:
		case ESG_DERIVE_SHARE:
			ok = value_of(m->inputs[1].metric, year, &b) && b != 0;
			v = a / b * (m->derive == ESG_DERIVE_SHARE ? 100 : m->scale);
			break;
		case ESG_DERIVE_CHANGE:
			ok = value_of(first, year - 1, &b) && b != 0;
			v = (a - b) / fabs(b) * 100;
			break;
		case ESG_DERIVE_NONE:
			ok = false;
			break;
		}
		if (ok && isfinite(v))
			yv_add(out, year, v);
	}
	/* A sum has values only where every part has one: years of the first
	 * part missing in others were dropped above; years only in later
	 * parts cannot be complete either. */
}

static int
default_decimals(const esg_metric *m)
{
	/* Values the author wrote for a sum say how precise it is: a total
	 * given as 16 is not shown as 16.0 because its parts have a
	 * decimal, and is checked to within half a unit of that. (A ratio,
	 * share or change keeps at least its own default below.) */
	if (m->ngiven > 0 && m->derive == ESG_DERIVE_SUM)
		return m->literal_decimals;
	switch (m->derive) {
	case ESG_DERIVE_RATIO:
		return m->literal_decimals > 2 ? m->literal_decimals : 2;
	case ESG_DERIVE_SHARE:
	case ESG_DERIVE_CHANGE:
		return m->literal_decimals > 1 ? m->literal_decimals : 1;
	case ESG_DERIVE_SUM: {
		int dec = 0;
		for (size_t k = 0; k < m->ninputs; k++)
			if (m->inputs[k].metric && m->inputs[k].metric->decimals > dec)
				dec = m->inputs[k].metric->decimals;
		return dec;
	}
	case ESG_DERIVE_NONE:
		break;
	}
	return m->literal_decimals;
}

static bool
close_enough(double given, double computed, int decimals)
{
	double tol = 0.5 * pow(10, -decimals) + 1e-9 * fabs(computed);
	return fabs(given - computed) <= tol;
}

static void
finish(esg_report *r, esg_metric *m, esg_diag *d)
{
	if (m->decimals < 0)
		m->decimals = default_decimals(m);
	yvlist computed = { 0 };
	bool derived = m->derive != ESG_DERIVE_NONE;
	for (size_t k = 0; derived && k < m->ninputs; k++)
		if (m->inputs[k].metric == NULL)
			derived = false;
	if (derived)
		compute(m, &computed);
	/* What the inputs make can pass what any input may be (a ratio by
	 * a tiny number): not shown, as a given value would not be. */
	size_t kept = 0;
	for (size_t i = 0; i < computed.n; i++) {
		if (fabs(computed.v[i].value) <= ESG_VALUE_MAX) {
			computed.v[kept++] = computed.v[i];
			continue;
		}
		esg_error(d, ESG_K_DATA, m->derive_pos, "%s %d: the computed value "
		    "%.3g is beyond 10^15 (check the inputs and the scale)", m->id,
		    computed.v[i].year, computed.v[i].value);
	}
	computed.n = kept;
	/* Given values win (the author typed them); each is checked against
	 * the computation; computed values fill the other years. */
	yvlist final = { 0 };
	size_t gi = 0, ci = 0;
	while (gi < m->ngiven || ci < computed.n) {
		const esg_yv *g = gi < m->ngiven ? &m->given[gi] : NULL;
		const esg_yv *c = ci < computed.n ? &computed.v[ci] : NULL;
		if (g && (!c || g->year <= c->year)) {
			if (c && c->year == g->year) {
				if (!close_enough(g->value, c->value, m->decimals))
					esg_warning(d, ESG_K_DATA, g->pos, "%s %d is %.*f, but "
					    "its %s gives %.*f", m->id, g->year, m->decimals,
					    g->value, m->derive == ESG_DERIVE_SUM ? "sum" :
					    m->derive == ESG_DERIVE_RATIO ? "ratio" :
					    m->derive == ESG_DERIVE_SHARE ? "share" : "change",
					    m->decimals, c->value);
				ci++;
			}
			yv_add(&final, g->year, g->value);
			gi++;
		} else {
			yv_add(&final, c->year, c->value);
			ci++;
		}
	}
	m->values = esg_arena_array(&r->arena, final.n, sizeof *m->values);
	if (final.n)
		memcpy(m->values, final.v, final.n * sizeof *final.v);
	m->nvalues = final.n;
	free(final.v);
	free(computed.v);
}

/* Derives every metric after its inputs, with an explicit stack (a long
 * chain in hostile input must not overflow the C stack); a metric met
 * again while in progress closes a cycle. */
static void
derive_all(esg_report *r, esg_diag *d)
{
	esg_data *data = r->data;
	esg_metric **stack = esg_xcalloc(data->nmetrics + 1, sizeof *stack);
	size_t *next = esg_xcalloc(data->nmetrics + 1, sizeof *next);
	for (size_t i = 0; i < data->nmetrics; i++) {
		if (data->metrics[i]->state == 2)
			continue;
		size_t top = 0;
		stack[top] = data->metrics[i];
		next[top] = 0;
		stack[top]->state = 1;
		while (true) {
			esg_metric *m = stack[top];
			if (next[top] < m->ninputs) {
				esg_metric *in = m->inputs[next[top]++].metric;
				if (in == NULL || in->state == 2)
					continue;
				if (in->state == 1) {
					esg_buf path = ESG_BUF_INIT;
					size_t k = top;
					while (k > 0 && stack[k] != in)
						k--;
					for (size_t j = k; j <= top; j++)
						esg_buf_printf(&path, "%s → ", stack[j]->id);
					esg_buf_puts(&path, in->id);
					esg_error(d, ESG_K_DATA, m->derive_pos, "derived metrics "
					    "form a cycle: %s", esg_buf_cstr(&path));
					esg_buf_free(&path);
					/* Break the cycle so derivation can finish. */
					m->inputs[next[top] - 1].metric = NULL;
					continue;
				}
				in->state = 1;
				stack[++top] = in;
				next[top] = 0;
				continue;
			}
			finish(r, m, d);
			m->state = 2;
			if (top == 0)
				break;
			top--;
		}
	}
	free(stack);
	free(next);
}

static const char *
unit_name(const esg_metric *m)
{
	return m->unit ? m->unit->key : m->unit_key ? m->unit_key : "?";
}

/* What adds up must be in one unit: a sum's parts and the metric, a
 * breakdown's parts and its total, a share's part and whole. (A ratio
 * divides any two.) A part listed twice counts twice, and a total that
 * is its own part is no breakdown. */
static void
check_units(const esg_metric *m, esg_diag *d)
{
	if (m->unit == NULL)
		return;
	bool sum = m->derive == ESG_DERIVE_SUM;
	if (m->derive == ESG_DERIVE_SHARE && m->ninputs == 2 &&
	    m->inputs[0].metric && m->inputs[1].metric &&
	    m->inputs[0].metric->unit && m->inputs[1].metric->unit &&
	    m->inputs[0].metric->unit != m->inputs[1].metric->unit)
		esg_error(d, ESG_K_DATA, m->inputs[1].pos, "%s: a share of %s "
		    "(%s) in %s (%s) compares figures of two units", m->id,
		    m->inputs[0].id, unit_name(m->inputs[0].metric),
		    m->inputs[1].id, unit_name(m->inputs[1].metric));
	for (size_t k = 0; sum && k < m->ninputs; k++) {
		const esg_metric *in = m->inputs[k].metric;
		if (in && in->unit && in->unit != m->unit)
			esg_error(d, ESG_K_DATA, m->inputs[k].pos, "%s is in %s, but "
			    "its part %s is in %s: a sum adds figures of one unit",
			    m->id, unit_name(m), in->id, unit_name(in));
		for (size_t j = 0; j < k; j++)
			if (in && m->inputs[j].metric == in) {
				esg_error(d, ESG_K_DATA, m->inputs[k].pos, "%s: %s is "
				    "listed twice in the sum", m->id, in->id);
				break;
			}
	}
	for (size_t b = 0; b < m->nbreakdowns; b++) {
		const esg_breakdown *bd = &m->breakdowns[b];
		for (size_t k = 0; k < bd->nparts; k++) {
			const esg_metric *p = bd->parts[k].metric;
			if (p == NULL)
				continue;
			if (p == m)
				esg_error(d, ESG_K_DATA, bd->parts[k].pos, "%s by %s: a "
				    "total cannot be its own part", m->id, bd->dimension);
			else if (p->unit && p->unit != m->unit)
				esg_error(d, ESG_K_DATA, bd->parts[k].pos, "%s by %s is in "
				    "%s, but its part %s is in %s: a breakdown's parts "
				    "are in the total's unit", m->id, bd->dimension,
				    unit_name(m), p->id, unit_name(p));
			for (size_t j = 0; j < k; j++)
				if (bd->parts[j].metric == p) {
					esg_error(d, ESG_K_DATA, bd->parts[k].pos, "%s by "
					    "%s: %s is listed twice", m->id, bd->dimension,
					    p->id);
					break;
				}
		}
	}
}

static void
check_breakdowns(esg_metric *m, esg_diag *d)
{
	for (size_t b = 0; b < m->nbreakdowns; b++) {
		const esg_breakdown *bd = &m->breakdowns[b];
		for (size_t i = 0; i < m->nvalues; i++) {
			int year = m->values[i].year;
			double sum = 0, v;
			bool complete = true;
			int dec = m->decimals;
			for (size_t k = 0; k < bd->nparts; k++) {
				const esg_metric *p = bd->parts[k].metric;
				if (p == NULL || !value_of(p, year, &v)) {
					complete = false;
					break;
				}
				if (p->decimals > dec)
					dec = p->decimals;
				sum += v;
			}
			if (!complete)
				continue;
			if (!close_enough(m->values[i].value, sum, dec))
				esg_warning(d, ESG_K_DATA, bd->pos, "%s by %s does not add "
				    "up in %d: the parts sum to %.*f, the total is %.*f",
				    m->id, bd->dimension, year, dec, sum, dec,
				    m->values[i].value);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */

/* Breakdown marker rows (level -1, naming a dimension) become the parts of
 * the metric row before them. */
static void
expand_rows(esg_report *r, esg_table *t, esg_diag *d)
{
	size_t extra = 0;
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].level == -1 && i > 0 && t->rows[i - 1].metric.metric)
			for (size_t b = 0; b < t->rows[i - 1].metric.metric->nbreakdowns;
			    b++)
				extra += t->rows[i - 1].metric.metric->breakdowns[b].nparts;
	esg_row *rows = esg_arena_array(&r->arena, t->nrows + extra, sizeof *rows);
	size_t n = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		esg_row *row = &t->rows[i];
		if (row->level != -1) {
			rows[n++] = *row;
			continue;
		}
		const esg_metric *total = i > 0 ? t->rows[i - 1].metric.metric : NULL;
		if (total == NULL)
			continue;
		const esg_breakdown *bd = NULL;
		for (size_t b = 0; b < total->nbreakdowns; b++)
			if (strcmp(total->breakdowns[b].dimension, row->metric.id) == 0)
				bd = &total->breakdowns[b];
		if (bd == NULL) {
			esg_error(d, ESG_K_DATA, row->metric.pos, "table %s: metric %s has "
			    "no breakdown '%s'", t->id, total->id, row->metric.id);
			continue;
		}
		for (size_t k = 0; k < bd->nparts; k++)
			rows[n++] = (esg_row){ .kind = ESG_ROW_METRIC,
			    .metric = bd->parts[k], .level = 1 };
	}
	t->rows = rows;
	t->nrows = n;
}

static void
check_years(const char *what, const char *id, esg_pos pos, const int *years,
    size_t nyears, esg_ref *refs, size_t nrefs, const esg_row *rows,
    size_t nrows, esg_diag *d)
{
	for (size_t y = 0; y < nyears; y++) {
		bool any = false;
		double v;
		for (size_t i = 0; i < nrefs && !any; i++)
			any = refs[i].metric && value_of(refs[i].metric, years[y], &v);
		for (size_t i = 0; i < nrows && !any; i++)
			any = rows[i].kind == ESG_ROW_METRIC && rows[i].metric.metric &&
			    value_of(rows[i].metric.metric, years[y], &v);
		if (!any)
			esg_error(d, ESG_K_DATA, pos, "%s %s: no metric has a value for "
			    "%d", what, id, years[y]);
	}
}

/* A pie or donut shows the parts of a whole: a negative part has no
 * slice (it was left out, and the legend gave it 0.0%), and parts that
 * are all zero make no pie at all. */
static void
check_parts(const esg_chart *c, esg_diag *d)
{
	bool any = false, some = false;
	for (size_t s = 0; s < c->nseries; s++)
		some |= c->series[s].metric != NULL &&
		    value_of(c->series[s].metric, c->year, &(double){ 0 });
	for (size_t s = 0; s < c->nseries; s++) {
		const esg_metric *m = c->series[s].metric;
		double v;
		if (m == NULL)
			continue;
		if (!value_of(m, c->year, &v)) {
			/* The others would show as the whole (100%). Only when
			 * some part has a value: none is check_years' error. */
			if (some)
				esg_error(d, ESG_K_DATA, c->series[s].pos, "chart %s: %s "
				    "has no value for %d, so the other parts would show "
				    "as the whole", c->id, m->id, c->year);
			continue;
		}
		if (v < 0)
			esg_error(d, ESG_K_DATA, c->series[s].pos, "chart %s: %s is "
			    "negative in %d, and a %s shows parts of a whole: use a "
			    "bar chart", c->id, m->id, c->year,
			    c->type == ESG_CHART_PIE ? "pie" : "donut");
		any |= v > 0;
	}
	if (!any)
		esg_error(d, ESG_K_DATA, c->pos, "chart %s: no part is more than 0 "
		    "in %d, so the %s would be empty", c->id, c->year,
		    c->type == ESG_CHART_PIE ? "pie" : "donut");
}

/* ------------------------------------------------------------------ */
/* Placements                                                          */

enum { PL_TABLE, PL_CHART, PL_HIGHLIGHTS };

static esg_place *
place_of(esg_data *data, int kind, esg_slice id)
{
	char buf[160];
	if (id.len >= sizeof buf)
		return NULL;
	memcpy(buf, id.ptr, id.len);
	buf[id.len] = '\0';
	switch (kind) {
	case PL_TABLE: {
		esg_table *t = esg_strmap_get(&data->table_map, buf);
		return t ? &t->place : NULL;
	}
	case PL_CHART: {
		esg_chart *c = esg_strmap_get(&data->chart_map, buf);
		return c ? &c->place : NULL;
	}
	default: {
		esg_highlights *h = esg_strmap_get(&data->highlights_map, buf);
		return h ? &h->place : NULL;
	}
	}
}

/* Walks a language's chapters for paragraphs that are exactly one
 * {{table}}, {{chart}} or {{highlights}}, noting the enclosing section.
 * The primary language sets the places; others must agree. */
static void
find_placements(esg_report *r, int lang, esg_diag *d)
{
	esg_data *data = r->data;
	static const char *const names[] = { "table", "chart", "highlights" };
	esg_strmap seen = ESG_STRMAP_INIT;
	for (size_t c = 0; c < r->nchapters; c++) {
		const esg_text *t = &r->chapters[c].text[lang];
		if (!t->present)
			continue;
		for (size_t b = 0; b < t->nblocks; b++) {
			const char *section = t->nsections ?
			    t->sections[t->blocks[b].section].id : NULL;
			const char *s = t->blocks[b].text;
			esg_shortcode sc;
			size_t off;
			const char *msg;
			if (esg_shortcode_next(s, strlen(s), 0, &sc, &off, &msg) != 1 ||
			    sc.nargs != 1)
				continue;
			int kind = -1;
			for (int k = 0; k < 3; k++)
				if (esg_slice_is(sc.name, names[k]))
					kind = k;
			if (kind < 0)
				continue;
			esg_place *p = place_of(data, kind, sc.args[0]);
			if (p == NULL)
				continue;   /* unknown id: reported by the renderer */
			char *key = esg_arena_printf(&r->arena, "%d/%.*s", kind,
			    (int)sc.args[0].len, sc.args[0].ptr);
			if (esg_strmap_get(&seen, key)) {
				esg_error(d, ESG_K_DATA, t->blocks[b].pos, "{{%s %.*s}} is "
				    "shown twice in %s; show it once (its rows are link "
				    "targets)", names[kind], (int)sc.args[0].len,
				    sc.args[0].ptr, r->langs[lang].key);
				continue;
			}
			esg_strmap_put(&seen, key, key);
			if (lang == 0 || p->chapter == ESG_NO_CHAPTER) {
				if (lang > 0 && r->chapters[c].text[0].present)
					esg_diag_add(d, ESG_ERROR, ESG_K_PARITY, 1,
					    t->blocks[b].pos, r->langs[lang].key, "{{%s %.*s}} "
					    "is shown here but not in the %s version",
					    names[kind], (int)sc.args[0].len, sc.args[0].ptr,
					    r->langs[0].key);
				p->chapter = c;
				p->section = section;
				p->in_primary = lang == 0;
			} else if (p->chapter != c) {
				esg_diag_add(d, ESG_ERROR, ESG_K_PARITY, 1,
				    t->blocks[b].pos, r->langs[lang].key, "{{%s %.*s}} is "
				    "in %s here but in %s in %s", names[kind],
				    (int)sc.args[0].len, sc.args[0].ptr, r->chapters[c].file,
				    r->chapters[p->chapter].file, r->langs[0].key);
			}
		}
	}
	/* What the primary language shows, every other one shows: its rows
	 * are index locations, linked from this language's index too. */
	for (int kind = 0; lang > 0 && kind < 3; kind++) {
		size_t n = kind == 0 ? data->ntables : kind == 1 ? data->ncharts :
		    data->nhighlights;
		for (size_t i = 0; i < n; i++) {
			const char *id = kind == 0 ? data->tables[i]->id : kind == 1 ?
			    data->charts[i]->id : data->highlights[i]->id;
			const esg_place *p = kind == 0 ? &data->tables[i]->place :
			    kind == 1 ? &data->charts[i]->place :
			    &data->highlights[i]->place;
			if (!p->in_primary ||
			    !r->chapters[p->chapter].text[lang].present ||
			    esg_strmap_get(&seen, esg_arena_printf(&r->arena,
			    "%d/%s", kind, id)))
				continue;
			esg_diag_add(d, ESG_ERROR, ESG_K_PARITY, 1, (esg_pos){
			    r->chapters[p->chapter].text[lang].path, 0, 0 },
			    r->langs[lang].key, "{{%s %s}} is shown in %s but not "
			    "here", names[kind], id,
			    r->chapters[p->chapter].text[0].path);
		}
	}
	esg_strmap_free(&seen);
}

/* A table lists each row's value for each of its years, a chart each
 * series' for each year, so a few bytes of YAML (a long rows: list, a
 * long years: list) could make a page of millions of cells. What is
 * shown is bounded by what was written: past the bound, in data order,
 * a table or chart is an error and is not shown (the pages are still
 * rendered, to find more problems). */
typedef struct cell_budget {
	size_t left;
	size_t budget;
	bool over;              /* reported; nothing more is shown */
} cell_budget;

/* Charges a shown block its n cells; past the budget it is not shown. */
static void
charge(cell_budget *cb, esg_place *place, size_t n, const char *kind,
    const char *id, esg_pos pos, esg_diag *d)
{
	if (place->chapter == ESG_NO_CHAPTER)
		return;
	if (!cb->over && n <= cb->left) {
		cb->left -= n;
		return;
	}
	if (!cb->over)
		esg_error(d, ESG_K_DATA, pos, "%s %s: %zu cells, and the tables "
		    "and charts shown would have more than %zu in all (%d, or "
		    "one per four bytes of the data files if more): show fewer "
		    "rows, series or years", kind, id, n, cb->budget,
		    ESG_MIN_DATA_CELLS);
	cb->over = true;
	place->chapter = ESG_NO_CHAPTER;
}

static void
bound_cells_shown(esg_report *r, esg_diag *d)
{
	esg_data *data = r->data;
	size_t budget = data->source_bytes / 4 > ESG_MIN_DATA_CELLS ?
	    data->source_bytes / 4 : ESG_MIN_DATA_CELLS;
	cell_budget cb = { budget, budget, false };
	for (size_t i = 0; i < data->ntables; i++) {
		esg_table *t = data->tables[i];
		charge(&cb, &t->place, t->nrows * (t->nyears + 2), "table", t->id,
		    t->pos, d);
	}
	for (size_t i = 0; i < data->ncharts; i++) {
		esg_chart *c = data->charts[i];
		charge(&cb, &c->place, c->nseries * (c->nyears ? c->nyears : 1),
		    "chart", c->id, c->pos, d);
	}
}

/* Which tables each section holds: looked up per section by the homes
 * below and by coverage, which would otherwise compare every section with
 * every table. */
static void
index_placements(esg_report *r)
{
	esg_data *data = r->data;
	data->nchapters_here = r->nchapters;
	data->tables_here = esg_xcalloc(r->nchapters + 1,
	    sizeof *data->tables_here);
	/* Backwards, so that each chain is in data order. */
	for (size_t k = data->ntables; k-- > 0;) {
		esg_table *tb = data->tables[k];
		if (tb->place.chapter >= r->nchapters)
			continue;
		esg_strmap *here = &data->tables_here[tb->place.chapter];
		tb->next_here = esg_strmap_get(here, tb->place.section);
		esg_strmap_set(here, tb->place.section, tb);
	}
}

esg_table *
esg_tables_placed(const esg_report *r, size_t c, const char *section_id)
{
	const esg_data *data = r->data;
	if (data == NULL || c >= data->nchapters_here)
		return NULL;
	return esg_strmap_get(&data->tables_here[c], section_id);
}

/* A metric's location is the row of the first placed table that shows
 * it, in reading order. */
static void
assign_homes(esg_report *r)
{
	for (size_t c = 0; c < r->nchapters; c++) {
		const esg_text *t = &r->chapters[c].text[0];
		for (size_t s = 0; s < t->nsections; s++)
			for (esg_table *tb = esg_tables_placed(r, c,
			    t->sections[s].id); tb; tb = tb->next_here)
				for (size_t i = 0; i < tb->nrows; i++) {
					esg_metric *m = tb->rows[i].metric.metric;
					if (tb->rows[i].kind == ESG_ROW_METRIC && m &&
					    m->home == NULL)
						m->home = tb;
				}
	}
}

/* ------------------------------------------------------------------ */
/* Titles                                                              */

/* One shortcode of a title as text, or false to leave it as written. */
static bool
title_shortcode(esg_report *r, int lang, const esg_shortcode *sc,
    esg_buf *b)
{
	if (esg_slice_is(sc->name, "lang") && sc->nargs >= 2) {
		esg_buf_put(b, sc->args[1].ptr, sc->args[1].len);
		return true;
	}
	if (!esg_slice_is(sc->name, "kpi") || sc->nargs < 1 || sc->nargs > 2)
		return false;
	char *id = esg_arena_strndup(&r->arena, sc->args[0].ptr,
	    sc->args[0].len);
	const esg_metric *m = esg_metric_find(r, id);
	int year = r->data ? r->data->reporting_year : 0;
	if (sc->nargs == 2 && !esg_parse_year(esg_arena_strndup(&r->arena,
	    sc->args[1].ptr, sc->args[1].len), &year))
		return false;
	if (m == NULL)
		return false;   /* the heading's rendering reports it */
	esg_metric_quantity(b, m, year, r->langs[lang].tag);
	return true;
}

const char *
esg_shortcodes_as_text(esg_report *r, int lang, const char *text)
{
	if (text == NULL || strstr(text, "{{") == NULL)
		return text;
	esg_buf b = ESG_BUF_INIT;
	size_t len = strlen(text), from = 0, err_off;
	const char *err_msg;
	esg_shortcode sc;
	while (esg_shortcode_next(text, len, from, &sc, &err_off,
	    &err_msg) == 1) {
		esg_buf_put(&b, text + from, sc.start - from);
		if (!title_shortcode(r, lang, &sc, &b))
			esg_buf_put(&b, text + sc.start, sc.end - sc.start);
		from = sc.end;
	}
	esg_buf_put(&b, text + from, len - from);
	const char *out = esg_arena_strdup(&r->arena, esg_buf_cstr(&b));
	esg_buf_free(&b);
	return out;
}

const esg_metric *
esg_kpi_checked(esg_report *r, const esg_shortcode *sc, esg_pos pos,
    const char *prefix, int *year, esg_diag *d)
{
	if (sc->nargs < 1 || sc->nargs > 2) {
		esg_error(d, ESG_K_SYNTAX, pos, "%s{{kpi}} takes a metric and an "
		    "optional year: {{kpi ghg.scope1}}, {{kpi ghg.scope1 2023}}",
		    prefix);
		return NULL;
	}
	char *id = esg_arena_strndup(&r->arena, sc->args[0].ptr,
	    sc->args[0].len);
	const esg_metric *metric = esg_metric_find(r, id);
	if (metric == NULL) {
		esg_error(d, ESG_K_DATA, pos, "%s{{kpi %s}}: unknown metric '%s' "
		    "(metrics are defined in data/*.yaml)", prefix, id, id);
		return NULL;
	}
	*year = r->data ? r->data->reporting_year : 0;
	char *ys = sc->nargs == 2 ? esg_arena_strndup(&r->arena,
	    sc->args[1].ptr, sc->args[1].len) : NULL;
	if (ys && !esg_parse_year(ys, year)) {
		esg_error(d, ESG_K_SYNTAX, pos, "%s{{kpi %s %s}}: '%s' is not a "
		    "year", prefix, id, ys, ys);
		return NULL;
	}
	double v;
	if (!esg_metric_value(metric, *year, &v))
		esg_error(d, ESG_K_DATA, pos, "%s{{kpi %s%s%s}}: %s has no value "
		    "for %d", prefix, id, ys ? " " : "", ys ? ys : "", id, *year);
	return metric;
}

/* Reports the shortcodes of text, which is plain text at pos (a front
 * matter value, what): only {{kpi}} and {{lang}} give text. */
static void
check_plain_shortcodes(esg_report *r, const char *text, esg_pos pos,
    const char *what, esg_diag *d)
{
	if (text == NULL || strstr(text, "{{") == NULL)
		return;
	size_t len = strlen(text), from = 0, err_off;
	const char *err_msg;
	esg_shortcode sc;
	int found;
	while ((found = esg_shortcode_next(text, len, from, &sc, &err_off,
	    &err_msg)) == 1) {
		from = sc.end;
		if (esg_slice_is(sc.name, "lang")) {
			if (sc.nargs < 2)
				esg_error(d, ESG_K_SYNTAX, pos, "%s {{lang}} takes a "
				    "language tag and the words in that language, as "
				    "in {{lang en Beichuan Energy}}", what);
			continue;
		}
		if (!esg_slice_is(sc.name, "kpi")) {
			esg_error(d, ESG_K_SYNTAX, pos, "%s {{%.*s}} cannot be used "
			    "here, in plain text: only {{kpi}} and {{lang}} can",
			    what, (int)sc.name.len, sc.name.ptr);
			continue;
		}
		int year;
		(void)esg_kpi_checked(r, &sc, pos, esg_arena_printf(&r->arena,
		    "%s ", what), &year, d);
	}
	if (found < 0)
		esg_error(d, ESG_K_SYNTAX, pos, "%s %s", what, err_msg);
}

/* A heading's {{kpi}} shows the figure in the heading itself; the title
 * that stands for the section everywhere else (the contents, cross
 * references, index locations, table captions, the page's <title>, the
 * search index) is text made while loading, before the data was read. It
 * gets the same figure here, as text, and {{lang}} its words; so does a
 * chapter title given in the front matter, and its description. */
static void
titles_with_figures(esg_report *r, esg_diag *d)
{
	for (size_t c = 0; c < r->nchapters; c++)
		for (int l = 0; l < r->nlangs; l++) {
			esg_text *t = &r->chapters[c].text[l];
			if (!t->present)
				continue;
			/* A heading's shortcodes are reported where the heading
			 * is rendered; the front matter's only here. */
			if (t->title_pos.line > 0)
				check_plain_shortcodes(r, t->title, t->title_pos,
				    "title:", d);
			t->title = esg_shortcodes_as_text(r, l, t->title);
			check_plain_shortcodes(r, t->description,
			    t->description_pos, "description:", d);
			t->description = esg_shortcodes_as_text(r, l,
			    t->description);
			for (size_t i = 0; i < t->nsections; i++)
				t->sections[i].title = esg_shortcodes_as_text(r, l,
				    t->sections[i].title);
		}
}

static bool
gap_known(const esg_metric *m, int year, int depth)
{
	for (size_t i = 0; i < m->nnull_years; i++)
		if (m->null_years[i] == year)
			return true;
	/* Through derivations, to a bounded depth (cycles are errors of
	 * their own); a change needs the year before too. */
	if (depth == 0)
		return false;
	for (size_t k = 0; k < m->ninputs; k++) {
		const esg_metric *in = m->inputs[k].metric;
		if (in == NULL || in == m)
			continue;
		if (gap_known(in, year, depth - 1) ||
		    (m->derive == ESG_DERIVE_CHANGE &&
		    gap_known(in, year - 1, depth - 1)))
			return true;
	}
	return false;
}

bool
esg_metric_gap_known(const esg_metric *m, int year)
{
	return gap_known(m, year, 8);
}

/* A cell of a shown table without a value is a dash on the page. A year
 * written as null is a gap the author knows of, for the reviewers (the
 * dashboard: review.c); any other is a warning: a value may have been
 * forgotten. */
static void
check_table_gaps(esg_report *r, esg_diag *d)
{
	esg_data *data = r->data;
	for (size_t i = 0; i < data->ntables; i++) {
		const esg_table *t = data->tables[i];
		if (t->place.chapter == ESG_NO_CHAPTER)
			continue;
		for (size_t y = 0; y < t->nyears; y++) {
			/* A year no row has a value for is an error of its own
			 * (check_years). */
			bool any = false;
			double v;
			for (size_t k = 0; k < t->nrows && !any; k++)
				any = t->rows[k].kind == ESG_ROW_METRIC &&
				    t->rows[k].metric.metric &&
				    esg_metric_value(t->rows[k].metric.metric,
				    t->years[y], &v);
			if (!any)
				continue;
			for (size_t k = 0; k < t->nrows; k++) {
				const esg_metric *m = t->rows[k].metric.metric;
				if (t->rows[k].kind != ESG_ROW_METRIC || m == NULL ||
				    esg_metric_value(m, t->years[y], &v) ||
				    (m->derive == ESG_DERIVE_CHANGE && y == 0))
					continue;
				if (esg_metric_gap_known(m, t->years[y]))
					continue;
				if (m->derive != ESG_DERIVE_NONE)
					esg_warning(d, ESG_K_DATA, t->rows[k].metric.pos,
					    "table %s: %s has no value for %d, shown as —: "
					    "it cannot be computed (an input without a value "
					    "for %d%s)", t->id, m->id, t->years[y],
					    m->derive == ESG_DERIVE_CHANGE ? t->years[y] - 1 :
					    t->years[y], m->derive == ESG_DERIVE_SUM ? "" :
					    ", or a zero to divide by");
				else
					esg_warning(d, ESG_K_DATA, t->rows[k].metric.pos,
					    "table %s: %s has no value for %d, shown as —; "
					    "give it one, or null if there is none", t->id,
					    m->id, t->years[y]);
			}
		}
	}
}

/* A key figure on show needs its figure, as a {{kpi}} does: a card
 * reading "— t" on the cover is a figure forgotten. */
static void
check_highlight_values(esg_report *r, esg_diag *d)
{
	esg_data *data = r->data;
	for (size_t i = 0; i < data->nhighlights; i++) {
		const esg_highlights *h = data->highlights[i];
		if (h->place.chapter == ESG_NO_CHAPTER && strcmp(h->id, "cover"))
			continue;
		for (size_t k = 0; k < h->nitems; k++) {
			const esg_highlight *it = &h->items[k];
			int year = it->year ? it->year : data->reporting_year;
			double v;
			if (it->metric.metric && !esg_metric_value(it->metric.metric,
			    year, &v))
				esg_error(d, ESG_K_DATA, it->metric.pos, "highlights %s: "
				    "%s has no value for %d", h->id, it->metric.id, year);
		}
	}
}

void
esg_resolve_data(esg_report *r, esg_diag *d)
{
	esg_data *data = r->data;
	if (data == NULL) {
		titles_with_figures(r, d);
		return;
	}
	for (size_t i = 0; i < data->nmetrics; i++) {
		esg_metric *m = data->metrics[i];
		resolve_units(r, m, d);
		for (size_t k = 0; k < m->ninputs; k++)
			resolve_ref(r, &m->inputs[k], m->id, d);
		for (size_t b = 0; b < m->nbreakdowns; b++)
			for (size_t k = 0; k < m->breakdowns[b].nparts; k++)
				resolve_ref(r, &m->breakdowns[b].parts[k], m->id, d);
	}
	for (size_t i = 0; i < data->ntables; i++) {
		esg_table *t = data->tables[i];
		for (size_t k = 0; k < t->nrows; k++)
			if (t->rows[k].kind == ESG_ROW_METRIC && t->rows[k].level != -1)
				resolve_ref(r, &t->rows[k].metric, t->id, d);
		expand_rows(r, t, d);
	}
	for (size_t i = 0; i < data->ncharts; i++)
		for (size_t k = 0; k < data->charts[i]->nseries; k++)
			resolve_ref(r, &data->charts[i]->series[k], data->charts[i]->id, d);
	for (size_t i = 0; i < data->nhighlights; i++)
		for (size_t k = 0; k < data->highlights[i]->nitems; k++)
			resolve_ref(r, &data->highlights[i]->items[k].metric,
			    data->highlights[i]->id, d);

	for (size_t i = 0; i < data->nmetrics; i++)
		check_units(data->metrics[i], d);
	derive_all(r, d);
	for (size_t i = 0; i < data->nmetrics; i++)
		check_breakdowns(data->metrics[i], d);
	for (size_t i = 0; i < data->ntables; i++) {
		esg_table *t = data->tables[i];
		check_years("table", t->id, t->pos, t->years, t->nyears, NULL, 0,
		    t->rows, t->nrows, d);
	}
	for (size_t i = 0; i < data->ncharts; i++) {
		esg_chart *c = data->charts[i];
		if (c->year == 0)
			c->year = data->reporting_year;
		/* One axis, one unit; a pie's parts make one whole. */
		const esg_metric *first = c->nseries ? c->series[0].metric : NULL;
		for (size_t k = 1; first && first->unit && k < c->nseries; k++) {
			const esg_metric *m = c->series[k].metric;
			if (m && m->unit && m->unit != first->unit)
				esg_error(d, ESG_K_DATA, c->series[k].pos, "chart %s: %s "
				    "is in %s but %s in %s: a chart's figures share one "
				    "unit", c->id, m->id, unit_name(m), first->id,
				    unit_name(first));
		}
		if (c->type == ESG_CHART_DONUT || c->type == ESG_CHART_PIE) {
			check_years("chart", c->id, c->pos, &c->year, 1, c->series,
			    c->nseries, NULL, 0, d);
			check_parts(c, d);
		} else
			check_years("chart", c->id, c->pos, c->years, c->nyears,
			    c->series, c->nseries, NULL, 0, d);
	}
	for (int l = 0; l < r->nlangs; l++)
		find_placements(r, l, d);
	bound_cells_shown(r, d);
	index_placements(r);
	assign_homes(r);
	check_table_gaps(r, d);
	check_highlight_values(r, d);
	titles_with_figures(r, d);
}
