/* render_chart.c — KPI charts as inline SVG: bar (grouped or stacked) and
 * line over years, donut and pie over one year. Built as a libxml2 tree
 * like every page; coordinates are printed with one decimal so output is
 * byte-stable. Each chart carries its data as a table for screen readers
 * and for print, and needs no JavaScript. */
#include "buf.h"
#include "data.h"
#include "dom.h"
#include "i18n.h"
#include "number.h"
#include "render.h"
#include "text.h"

#include <math.h>
#include <string.h>

#define W 640.0
#define H 360.0
#define LEFT 76.0
#define RIGHT 16.0
#define TOP 34.0
#define BOTTOM 74.0

/* Okabe–Ito colours: distinguishable with colour-blindness and in
 * greyscale print, dark enough for white gaps between them. */
static const char *const palette[] = {
	"#0b6e4f", "#e69f00", "#0072b2", "#cc79a7", "#56b4e9", "#d55e00",
	"#009e73", "#7a7a7a",
};
#define NCOLOURS (sizeof palette / sizeof palette[0])

typedef struct chart {
	esg_render *rc;
	const esg_chart *c;
	const char *tag;
	xmlNodePtr svg;
	esg_buf b;
	double left;     /* the plot's left edge: LEFT, or more for wide ticks */
} chart;

static const char *
fmt(chart *x, double v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%.1f", v);
	return esg_arena_strdup(&x->rc->r->arena, buf);
}

static xmlNodePtr
svg_el(xmlNodePtr parent, const char *name)
{
	return esg_el(parent, name);
}

static xmlNodePtr
text_at(chart *x, double tx, double ty, const char *text, const char *anchor,
    const char *cls)
{
	xmlNodePtr t = svg_el(x->svg, "text");
	esg_set(t, "x", fmt(x, tx));
	esg_set(t, "y", fmt(x, ty));
	if (anchor)
		esg_set(t, "text-anchor", anchor);
	if (cls)
		esg_set(t, "class", cls);
	esg_add_text(t, text);
	return t;
}

/* Rough text width for layout: wide characters take twice the room. */
static double
text_width(const char *s, double size)
{
	double w = 0;
	size_t len = strlen(s), used;
	for (size_t i = 0; i < len; i += used) {
		uint32_t cp = esg_utf8_decode(s + i, len - i, &used);
		w += esg_cjk_is_wide(cp) ? size : size * 0.58;
	}
	return w;
}

static const char *
number_text(chart *x, double v, int decimals)
{
	esg_buf_clear(&x->b);
	esg_number(&x->b, v, decimals);
	return esg_arena_strdup(&x->rc->r->arena, esg_buf_cstr(&x->b));
}

static const char *
series_label(chart *x, size_t i)
{
	return esg_lstr_get(&x->c->series[i].metric->label, x->rc->lang);
}

/* A "nice" step for about five intervals covering [0, hi]. */
static double
nice_step(double hi)
{
	if (hi <= 0)
		return 1;
	double raw = hi / 5, mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
	return nice * mag;
}

static int
step_decimals(double step)
{
	int d = 0;
	while (d < 4 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-9)
		d++;
	return d;
}

/* The y axis: gridlines, tick labels, the unit above. Returns the scale
 * top; values map to y = TOP + (top - v) / (top - lo) * plot height. */
static void
y_axis(chart *x, double lo, double top, double step)
{
	int dec = step_decimals(step);
	double ph = H - TOP - BOTTOM;
	for (double v = lo; v <= top + step / 2; v += step) {
		double y = TOP + (top - v) / (top - lo) * ph;
		xmlNodePtr line = svg_el(x->svg, "line");
		esg_set(line, "x1", fmt(x, x->left));
		esg_set(line, "x2", fmt(x, W - RIGHT));
		esg_set(line, "y1", fmt(x, y));
		esg_set(line, "y2", fmt(x, y));
		esg_set(line, "class", fabs(v) < step / 2 ? "axis" : "grid");
		esg_set(line, "stroke", fabs(v) < step / 2 ? "#595959" : "#d9d9d9");
		text_at(x, x->left - 6, y + 4, number_text(x, v, dec), "end", "tick");
	}
	const esg_metric *m = x->c->series[0].metric;
	const char *unit = esg_unit_symbol(m->unit, x->tag, NULL);
	if (*unit)
		text_at(x, x->left, TOP - 14, unit, "start", "unit");
}

static void
legend(chart *x, double ly)
{
	double lx = x->left;
	for (size_t i = 0; i < x->c->nseries; i++) {
		const char *label = series_label(x, i);
		double w = 18 + text_width(label, 12) + 16;
		if (lx + w > W - RIGHT && lx > x->left) {
			lx = x->left;
			ly += 18;
		}
		xmlNodePtr sw = svg_el(x->svg, "rect");
		esg_set(sw, "x", fmt(x, lx));
		esg_set(sw, "y", fmt(x, ly - 10));
		esg_set(sw, "width", "12");
		esg_set(sw, "height", "12");
		esg_set(sw, "fill", palette[i % NCOLOURS]);
		esg_set(sw, "class", esg_arena_printf(&x->rc->r->arena,
		    "series-%zu", i + 1));
		text_at(x, lx + 18, ly, label, NULL, "legend");
		lx += w;
	}
}

static double
value_or_zero(const esg_metric *m, int year, bool *present)
{
	double v = 0;
	*present = esg_metric_value(m, year, &v);
	return *present ? v : 0;
}

static void
bars_and_lines(chart *x)
{
	const esg_chart *c = x->c;
	size_t ny = c->nyears, ns = c->nseries;
	/* A stack grows up from zero with its positive parts and down with
	 * its negative ones (net emissions: sources above, removals below). */
	bool stacking = c->stacked && c->type == ESG_CHART_BAR;
	double hi = 0, lo = 0;
	for (size_t y = 0; y < ny; y++) {
		double up = 0, down = 0;
		for (size_t s = 0; s < ns; s++) {
			bool ok;
			double v = value_or_zero(c->series[s].metric, c->years[y], &ok);
			if (stacking)
				*(v < 0 ? &down : &up) += v;
			else if (v > hi)
				hi = v;
			if (!stacking && v < lo)
				lo = v;
		}
		if (up > hi)
			hi = up;
		if (down < lo)
			lo = down;
	}
	double step = nice_step(fmax(hi - lo, hi));
	double top = ceil(hi / step) * step;
	if (top <= 0)
		top = step;
	lo = lo < 0 ? floor(lo / step) * step : 0;
	/* Ticks end 6 px before the plot: "500,000,000" needs more room
	 * than the usual margin, and would run off the chart. */
	int dec = step_decimals(step);
	for (double v = lo; v <= top + step / 2; v += step) {
		double need = text_width(number_text(x, v, dec), 12) + 12;
		if (need > x->left)
			x->left = need;
	}
	y_axis(x, lo, top, step);
	double pw = W - x->left - RIGHT, ph = H - TOP - BOTTOM;
	double group = pw / (double)ny;
	bool label_values = ns * ny <= 12;
#define YPOS(v) (TOP + (top - (v)) / (top - lo) * ph)
	for (size_t y = 0; y < ny; y++) {
		double gx = x->left + group * (double)y;
		text_at(x, gx + group / 2, H - BOTTOM + 18, esg_arena_printf(
		    &x->rc->r->arena, "%d", c->years[y]), "middle", "tick");
	}
	if (c->type == ESG_CHART_LINE) {
		for (size_t s = 0; s < ns; s++) {
			const esg_metric *m = c->series[s].metric;
			/* A year without a value breaks the line: joining its
			 * neighbours would draw a value nobody reported. */
			size_t points = 0;
			esg_buf_clear(&x->b);
			for (size_t y = 0; y <= ny; y++) {
				bool ok = false;
				double v = y < ny ? value_or_zero(m, c->years[y], &ok) : 0;
				if (ok) {
					esg_buf_printf(&x->b, "%s%.1f,%.1f", points ? " " : "",
					    x->left + group * ((double)y + 0.5), YPOS(v));
					points++;
					continue;
				}
				if (points >= 2) {
					xmlNodePtr pl = svg_el(x->svg, "polyline");
					esg_set(pl, "points", esg_buf_cstr(&x->b));
					esg_set(pl, "fill", "none");
					esg_set(pl, "stroke", palette[s % NCOLOURS]);
					esg_set(pl, "stroke-width", "2.5");
					esg_set(pl, "class", esg_arena_printf(
					    &x->rc->r->arena, "series-%zu", s + 1));
				}
				points = 0;
				esg_buf_clear(&x->b);
			}
			for (size_t y = 0; y < ny; y++) {
				bool ok;
				double v = value_or_zero(m, c->years[y], &ok);
				if (!ok)
					continue;
				double cx = x->left + group * ((double)y + 0.5);
				xmlNodePtr dot = svg_el(x->svg, "circle");
				esg_set(dot, "cx", fmt(x, cx));
				esg_set(dot, "cy", fmt(x, YPOS(v)));
				esg_set(dot, "r", "4");
				esg_set(dot, "fill", palette[s % NCOLOURS]);
				if (label_values)
					text_at(x, cx, YPOS(v) - 9, number_text(x, v,
					    m->decimals), "middle", "value");
			}
		}
	} else {
		bool stacked = c->stacked;
		double bw = group * 0.64 / (stacked ? 1 : (double)ns);
		/* The total shows as many decimals as its most precise part. */
		int total_decimals = 0;
		for (size_t s = 0; s < ns; s++)
			if (c->series[s].metric->decimals > total_decimals)
				total_decimals = c->series[s].metric->decimals;
		for (size_t y = 0; y < ny; y++) {
			double up = 0, down = 0, x0 = x->left + group * (double)y +
			    group * 0.18;
			for (size_t s = 0; s < ns; s++) {
				const esg_metric *m = c->series[s].metric;
				bool ok;
				double v = value_or_zero(m, c->years[y], &ok);
				if (!ok)
					continue;
				double bx = stacked ? x0 : x0 + bw * (double)s;
				double *base = v < 0 ? &down : &up;
				double y0 = stacked ? *base : 0, y1 = y0 + v;
				xmlNodePtr rect = svg_el(x->svg, "rect");
				esg_set(rect, "x", fmt(x, bx));
				esg_set(rect, "y", fmt(x, YPOS(fmax(y0, y1))));
				esg_set(rect, "width", fmt(x, bw - (stacked ? 0 : 2)));
				esg_set(rect, "height", fmt(x, fabs(YPOS(y0) - YPOS(y1))));
				esg_set(rect, "fill", palette[s % NCOLOURS]);
				esg_set(rect, "class", esg_arena_printf(&x->rc->r->arena,
				    "series-%zu", s + 1));
				if (!stacked && label_values)
					text_at(x, bx + (bw - 2) / 2, YPOS(fmax(y0, y1)) - 5,
					    number_text(x, v, m->decimals), "middle", "value");
				if (stacked)
					*base = y1;
			}
			/* The net total, above the stack (below it when the
			 * stack only goes down). */
			if (stacked)
				text_at(x, x0 + bw / 2, up > 0 || down == 0 ?
				    YPOS(up) - 5 : YPOS(down) + 14, number_text(x,
				    up + down, total_decimals), "middle", "value");
		}
	}
#undef YPOS
	legend(x, H - BOTTOM + 44);
}

static void
arc_point(esg_buf *b, double cx, double cy, double r, double angle)
{
	esg_buf_printf(b, "%.1f %.1f", cx + r * sin(angle), cy - r * cos(angle));
}

static void
donut(chart *x)
{
	const esg_chart *c = x->c;
	double total = 0;
	for (size_t s = 0; s < c->nseries; s++) {
		bool ok;
		double v = value_or_zero(c->series[s].metric, c->year, &ok);
		if (v > 0)
			total += v;
	}
	double cx = 170, cy = H / 2, ro = 140, ri = c->type == ESG_CHART_DONUT ?
	    82 : 0, angle = 0;
	for (size_t s = 0; s < c->nseries && total > 0; s++) {
		const esg_metric *m = c->series[s].metric;
		bool ok;
		double v = value_or_zero(m, c->year, &ok);
		if (v <= 0)
			continue;
		double sweep = v / total * 2 * M_PI;
		int large = sweep > M_PI ? 1 : 0;
		esg_buf_clear(&x->b);
		if (sweep > 2 * M_PI - 1e-3) {
			/* The whole circle (or so near it that its ends, written
			 * to a tenth, meet): an arc whose ends meet is drawn as
			 * nothing (SVG 1.1, F.6.2), so two halves; a donut's hole
			 * goes the other way round, which the nonzero fill rule
			 * leaves empty. */
			esg_buf_printf(&x->b, "M %.1f %.1f A %.1f %.1f 0 1 1 %.1f %.1f "
			    "A %.1f %.1f 0 1 1 %.1f %.1f Z", cx, cy - ro, ro, ro, cx,
			    cy + ro, ro, ro, cx, cy - ro);
			if (ri > 0)
				esg_buf_printf(&x->b, " M %.1f %.1f A %.1f %.1f 0 1 0 "
				    "%.1f %.1f A %.1f %.1f 0 1 0 %.1f %.1f Z", cx, cy - ri,
				    ri, ri, cx, cy + ri, ri, ri, cx, cy - ri);
		} else {
			esg_buf_puts(&x->b, "M ");
			arc_point(&x->b, cx, cy, ro, angle);
			esg_buf_printf(&x->b, " A %.1f %.1f 0 %d 1 ", ro, ro, large);
			arc_point(&x->b, cx, cy, ro, angle + sweep);
			if (ri > 0) {
				esg_buf_puts(&x->b, " L ");
				arc_point(&x->b, cx, cy, ri, angle + sweep);
				esg_buf_printf(&x->b, " A %.1f %.1f 0 %d 0 ", ri, ri,
				    large);
				arc_point(&x->b, cx, cy, ri, angle);
			} else {
				esg_buf_printf(&x->b, " L %.1f %.1f", cx, cy);
			}
			esg_buf_puts(&x->b, " Z");
		}
		xmlNodePtr path = svg_el(x->svg, "path");
		esg_set(path, "d", esg_buf_cstr(&x->b));
		esg_set(path, "fill", palette[s % NCOLOURS]);
		esg_set(path, "stroke", "#ffffff");
		esg_set(path, "stroke-width", "2");
		esg_set(path, "class", esg_arena_printf(&x->rc->r->arena,
		    "series-%zu", s + 1));
		angle += sweep;
	}
	if (ri > 0)
		text_at(x, cx, cy + 6, esg_arena_printf(&x->rc->r->arena, "%d",
		    c->year), "middle", "center");
	/* The legend names each part with its value and share: the chart is
	 * readable in greyscale and without the colours. */
	double ly = TOP + 10;
	for (size_t s = 0; s < c->nseries; s++) {
		const esg_metric *m = c->series[s].metric;
		bool ok;
		double v = value_or_zero(m, c->year, &ok);
		xmlNodePtr sw = svg_el(x->svg, "rect");
		esg_set(sw, "x", "340");
		esg_set(sw, "y", fmt(x, ly - 11));
		esg_set(sw, "width", "12");
		esg_set(sw, "height", "12");
		esg_set(sw, "fill", palette[s % NCOLOURS]);
		text_at(x, 358, ly, series_label(x, s), NULL, "legend");
		esg_buf_clear(&x->b);
		if (ok) {
			esg_quantity(&x->b, v, m->decimals, m->unit, x->tag);
			if (total > 0) {
				esg_buf_puts(&x->b, " (");
				esg_number(&x->b, v / total * 100, 1);
				esg_buf_puts(&x->b, "%)");
			}
		} else {
			esg_buf_puts(&x->b, "—");
		}
		text_at(x, 358, ly + 16, esg_buf_cstr(&x->b), NULL, "value");
		ly += 40;
	}
}

/* The chart's numbers as a table, visually hidden: what a screen reader
 * reads instead of the picture. */
static void
data_table(chart *x, xmlNodePtr fig, const char *title)
{
	const esg_chart *c = x->c;
	esg_render *rc = x->rc;
	/* Hidden through a block wrapper: a table box ignores width and
	 * overflow, so a hidden table would still widen a phone's page. */
	xmlNodePtr wrap = esg_el(fig, "div");
	esg_set(wrap, "class", "visually-hidden");
	xmlNodePtr table = esg_el(wrap, "table");
	esg_el_text(table, "caption", title);
	xmlNodePtr tr = esg_el(esg_el(table, "thead"), "tr");
	esg_set(esg_el_text(tr, "th", esg_ui_text(x->tag, ESG_UI_INDICATOR)),
	    "scope", "col");
	esg_set(esg_el_text(tr, "th", esg_ui_text(x->tag, ESG_UI_UNIT)), "scope",
	    "col");
	bool over_years = c->type == ESG_CHART_BAR || c->type == ESG_CHART_LINE;
	size_t ny = over_years ? c->nyears : 1;
	const int *years = over_years ? c->years : &c->year;
	for (size_t y = 0; y < ny; y++)
		esg_set(esg_el_text(tr, "th", esg_arena_printf(&rc->r->arena, "%d",
		    years[y])), "scope", "col");
	xmlNodePtr tbody = esg_el(table, "tbody");
	for (size_t s = 0; s < c->nseries; s++) {
		const esg_metric *m = c->series[s].metric;
		tr = esg_el(tbody, "tr");
		esg_set(esg_el_text(tr, "th", series_label(x, s)), "scope", "row");
		esg_el_text(tr, "td", esg_unit_symbol(m->unit, x->tag, NULL));
		for (size_t y = 0; y < ny; y++) {
			double v;
			esg_el_text(tr, "td", esg_metric_value(m, years[y], &v) ?
			    number_text(x, v, m->decimals) : "—");
		}
	}
}

void
esg_render_chart(esg_render *rc, const esg_chart *c, xmlNodePtr parent)
{
	for (size_t s = 0; s < c->nseries; s++)
		if (c->series[s].metric == NULL)
			return;   /* reported by resolve_data */
	esg_report *r = rc->r;
	chart x = { rc, c, r->langs[rc->lang].tag, NULL, ESG_BUF_INIT, LEFT };
	const char *title;
	if (c->has_title) {
		title = esg_lstr_get(&c->title, rc->lang);
	} else {
		esg_buf_clear(&x.b);
		for (size_t s = 0; s < c->nseries; s++)
			esg_buf_printf(&x.b, "%s%s", s ? " / " : "", series_label(&x, s));
		title = esg_arena_strdup(&r->arena, esg_buf_cstr(&x.b));
	}
	xmlNodePtr fig = esg_el(parent, "figure");
	esg_set(fig, "class", "chart");
	esg_set(fig, "id", esg_arena_printf(&r->arena, "chart-%s", c->id));
	esg_nl(fig);
	x.svg = esg_el(fig, "svg");
	esg_set(x.svg, "viewBox", "0 0 640 360");
	esg_set(x.svg, "role", "img");
	const char *tid = esg_arena_printf(&r->arena, "chart-%s-title", c->id);
	esg_set(x.svg, "aria-labelledby", tid);
	esg_set(x.svg, "font-size", "12");
	xmlNodePtr t = esg_el_text(x.svg, "title", title);
	esg_set(t, "id", tid);
	/* The description says what kind of chart it is and what it spans;
	 * the numbers are in the table after it. */
	esg_buf_clear(&x.b);
	bool over_years = c->type == ESG_CHART_BAR || c->type == ESG_CHART_LINE;
	static const char *const kinds[3][4] = {
		{ "Bar chart", "Line chart", "Donut chart", "Pie chart" },
		{ "柱状图", "折线图", "环形图", "饼图" },
		{ "棒形圖", "折線圖", "環形圖", "餅圖" },
	};
	esg_script sc = esg_script_of(x.tag);
	esg_buf_printf(&x.b, "%s%s", kinds[sc][c->type],
	    sc == ESG_SCRIPT_EN ? ", " : "，");
	if (over_years && c->nyears)
		esg_buf_printf(&x.b, "%d–%d", c->years[0], c->years[c->nyears - 1]);
	else
		esg_buf_printf(&x.b, "%d", c->year);
	const char *unit = esg_unit_symbol(c->series[0].metric->unit, x.tag, NULL);
	if (*unit)
		esg_buf_printf(&x.b, "%s%s", sc == ESG_SCRIPT_EN ? ", " : "，", unit);
	const char *did = esg_arena_printf(&r->arena, "chart-%s-desc", c->id);
	xmlNodePtr desc = esg_el_text(x.svg, "desc", esg_buf_cstr(&x.b));
	esg_set(desc, "id", did);
	esg_set(x.svg, "aria-describedby", did);
	if (c->type == ESG_CHART_DONUT || c->type == ESG_CHART_PIE)
		donut(&x);
	else
		bars_and_lines(&x);
	/* The caption comes last: HTML allows a figcaption only as the first
	 * or the last child of its figure. */
	esg_nl(fig);
	data_table(&x, fig, title);
	esg_nl(fig);
	esg_el_text(fig, "figcaption", title);
	esg_nl(fig);
	esg_nl(parent);
	esg_buf_free(&x.b);
}
