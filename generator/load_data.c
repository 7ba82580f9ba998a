/* load_data.c — the YAML files of SOURCE/data and the units catalog. */
#include "buf.h"
#include "data.h"
#include "fsutil.h"
#include "load.h"
#include "number.h"
#include "resources.h"
#include "text.h"
#include "yamldoc.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The decimal digits a double keeps exactly (DBL_DIG): a value may have
 * no more, significant or after the point. */
#define ESG_VALUE_DIGITS DBL_DIG

typedef struct dl {
	esg_report *r;
	esg_data *data;
	const esg_yaml *y;
	esg_diag *d;
} dl;

#define GROW(arr, n, cap) \
	do { \
		if ((n) == (cap)) { \
			(cap) = (cap) ? (cap) * 2 : 16; \
			(arr) = esg_xrealloc((arr), (cap) * sizeof *(arr)); \
		} \
	} while (0)

static bool
valid_id(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    (*s >= '0' && *s <= '9')))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '.' || *s == '-' || *s == '_'))
			return false;
	return strlen(s) < 128;
}

/* ------------------------------------------------------------------ */
/* Units                                                               */

static const char *const script_keys[3] = { "en", "zh-Hans", "zh-Hant" };

/* units: {KEY: {en: …, zh-Hans: …, zh-Hant: …, space: bool}}. The
 * report's units replace built-in ones of the same key. */
static void
load_units(dl *L, const yaml_node_t *n, bool from_report)
{
	esg_data *data = L->data;
	if (!esg_yaml_want_map(L->y, n, "units", L->d))
		return;
	for (size_t i = 0; i < esg_yaml_map_size(n); i++) {
		yaml_node_t *kn = esg_yaml_map_key(L->y, n, i);
		yaml_node_t *v = esg_yaml_map_value(L->y, n, i);
		const char *key = esg_yaml_str(kn);
		if (key == NULL || *key == '\0' || strchr(key, '/')) {
			esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, kn), "a unit "
			    "key is a name without '/' (compounds A/B need no "
			    "definition)");
			continue;
		}
		if (!esg_yaml_want_map(L->y, v, "a unit ({en: …, zh-Hans: …, "
		    "zh-Hant: …})", L->d))
			continue;
		esg_unit *u = esg_arena_alloc(&L->r->arena, sizeof *u);
		u->key = esg_arena_strdup(&L->r->arena, key);
		u->space = true;
		for (size_t k = 0; k < esg_yaml_map_size(v); k++) {
			yaml_node_t *sk = esg_yaml_map_key(L->y, v, k);
			const char *name = esg_yaml_str(sk);
			yaml_node_t *sv = esg_yaml_map_value(L->y, v, k);
			if (name && strcmp(name, "space") == 0) {
				esg_yaml_want_bool(L->y, sv, "space", &u->space, L->d);
				continue;
			}
			if (name && strcmp(name, "prefix") == 0) {
				esg_yaml_want_bool(L->y, sv, "prefix", &u->prefix, L->d);
				continue;
			}
			if (name && strcmp(name, "one") == 0) {
				const char *one = esg_yaml_want_str(L->y, sv, "one", L->d);
				u->one = one ? esg_arena_strdup(&L->r->arena, one) : NULL;
				continue;
			}
			int script = -1;
			for (int sc = 0; sc < 3; sc++)
				if (name && strcmp(name, script_keys[sc]) == 0)
					script = sc;
			const char *text = esg_yaml_str(sv);
			/* null is no symbol: the warning below, or the error
			 * for English. ("" is one: a count has none.) */
			if (script >= 0 && esg_yaml_is_null(sv))
				continue;
			if (script < 0 || text == NULL) {
				esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, sk), "unit "
				    "%s: symbols are keyed en, zh-Hans or zh-Hant (and one: "
				    "for the English singular, space: and prefix:)", key);
				continue;
			}
			u->symbol.v[script] = esg_arena_strdup(&L->r->arena, text);
		}
		if (u->symbol.v[ESG_SCRIPT_EN] == NULL) {
			esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, kn), "unit %s "
			    "needs an en symbol", key);
			continue;
		}
		if (from_report) {
			/* A page in a script the unit has no symbol for shows
			 * the English one: a translation missing, as a label's. */
			bool warned[3] = { false, false, false };
			for (int l = 0; l < L->r->nlangs; l++) {
				esg_script sc = esg_script_of(L->r->langs[l].tag);
				if (u->symbol.v[sc] || warned[sc])
					continue;
				warned[sc] = true;
				esg_diag_add(L->d, ESG_WARNING, ESG_K_PARITY, 1,
				    esg_yaml_pos(L->y, kn), L->r->langs[l].key, "unit %s "
				    "has no %s symbol: the %s pages show the English "
				    "'%s'", key, script_keys[sc], L->r->langs[l].key,
				    u->symbol.v[ESG_SCRIPT_EN]);
			}
			if (esg_strmap_get(&data->report_units, u->key)) {
				esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, kn), "unit "
				    "%s is defined twice", key);
				continue;
			}
			esg_strmap_put(&data->report_units, u->key, u);
		}
		esg_strmap_set(&data->unit_map, u->key, u);
	}
}

static void
load_builtin_units(esg_report *r, esg_diag *d)
{
	const esg_resource *res = esg_resource_find("units/units.yaml");
	if (res == NULL)
		return;
	esg_yaml y;
	if (esg_yaml_parse_builtin(&y, "(built-in) units/units.yaml", res->data,
	    res->len, d) == 0) {
		dl L = { r, r->data, &y, d };
		load_units(&L, esg_yaml_root(&y), false);
	}
	esg_yaml_free(&y);
}

const esg_unit *
esg_unit_find(esg_report *r, const char *key)
{
	esg_data *data = r->data;
	const esg_unit *u = esg_strmap_get(&data->unit_map, key);
	if (u || key == NULL)
		return u;
	const char *slash = strchr(key, '/');
	if (slash == NULL || strchr(slash + 1, '/'))
		return NULL;
	char *a = esg_arena_strndup(&r->arena, key, (size_t)(slash - key));
	const esg_unit *ua = esg_strmap_get(&data->unit_map, a);
	const esg_unit *ub = esg_strmap_get(&data->unit_map, slash + 1);
	if (ua == NULL || ub == NULL)
		return NULL;
	esg_unit *c = esg_arena_alloc(&r->arena, sizeof *c);
	c->key = esg_arena_strdup(&r->arena, key);
	/* A prefix symbol (HK$) is written after the number in a compound
	 * (12.5 HK$/person reads as a rate), with its space. */
	c->space = ua->space || ua->prefix;
	/* "per" one of B: hours/person, RMB/household; and 1 hour/person
	 * when the value is one. */
	const char *per = ub->one ? ub->one : ub->symbol.v[ESG_SCRIPT_EN];
	for (int s = 0; s < 3; s++) {
		const char *x = ua->symbol.v[s] ? ua->symbol.v[s] :
		    ua->symbol.v[ESG_SCRIPT_EN];
		const char *y = ub->symbol.v[s] ? ub->symbol.v[s] : per;
		if (s == ESG_SCRIPT_EN)
			y = per;
		c->symbol.v[s] = esg_arena_printf(&r->arena, "%s/%s", x, y);
	}
	if (ua->one)
		c->one = esg_arena_printf(&r->arena, "%s/%s", ua->one, per);
	esg_strmap_put(&data->unit_map, c->key, c);
	return c;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */

/* A plain decimal number: optional sign, digits, optional fraction and
 * exponent. Anything else — "1,234", "12%", "NaN", "inf", hex — is an
 * error rather than a silent misreading. */
static bool
parse_number(const char *s, double *out, int *fraction_digits,
    int *significant)
{
	const char *p = s;
	int digits = 0;   /* from the first that is not 0 */
	if (*p == '+' || *p == '-')
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return false;
	for (; *p >= '0' && *p <= '9'; p++)
		digits += digits > 0 || *p != '0';
	int frac = 0;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return false;
		for (; *p >= '0' && *p <= '9'; p++) {
			digits += digits > 0 || *p != '0';
			frac++;
		}
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		bool negative = *p == '-';
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return false;
		long exponent = 0;
		while (*p >= '0' && *p <= '9') {
			if (exponent < 100000)
				exponent = exponent * 10 + (*p - '0');
			p++;
		}
		/* The digits after the point as the value is written out:
		 * 1.5e-3 is 0.0015, four (shown as 0 with none). */
		long shown = frac + (negative ? exponent : -exponent);
		frac = shown < 0 ? 0 : shown > 1000 ? 1000 : (int)shown;
	}
	if (*p != '\0')
		return false;
	errno = 0;
	double v = strtod(s, NULL);
	if (errno == ERANGE || !isfinite(v) || fabs(v) > ESG_VALUE_MAX)
		return false;
	*out = v;
	*fraction_digits = frac;
	*significant = digits;
	return true;
}

bool
esg_parse_year(const char *s, int *year)
{
	if (s == NULL || strlen(s) != 4)
		return false;
	for (int i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	*year = atoi(s);
	return *year >= ESG_YEAR_MIN && *year <= ESG_YEAR_MAX;
}

static int
want_year(dl *L, const yaml_node_t *n, const char *what)
{
	int year;
	const char *s = esg_yaml_str(n);
	if (esg_parse_year(s, &year))
		return year;
	esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, n), "%s: '%s' is not a "
	    "year (%d–%d)", what, s ? s : "?", ESG_YEAR_MIN, ESG_YEAR_MAX);
	return 0;
}

static void
load_values(dl *L, esg_metric *m, const yaml_node_t *n)
{
	if (!esg_yaml_want_map(L->y, n, "values ({YEAR: number, …})", L->d))
		return;
	size_t count = esg_yaml_map_size(n);
	m->given = esg_arena_array(&L->r->arena, count, sizeof *m->given);
	m->null_years = esg_arena_array(&L->r->arena, count ? count : 1,
	    sizeof *m->null_years);
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *kn = esg_yaml_map_key(L->y, n, i);
		yaml_node_t *vn = esg_yaml_map_value(L->y, n, i);
		int year = want_year(L, kn, m->id);
		if (year == 0)
			continue;
		if (esg_yaml_is_null(vn)) {
			m->null_years[m->nnull_years++] = year;
			continue;
		}
		const char *s = esg_yaml_str(vn);
		double v;
		int frac, significant;
		/* A number a double cannot hold gets its own message; one that
		 * is only written oddly (.5, 1.) is asked to be written plainly
		 * below. */
		char *end = NULL;
		errno = 0;
		double raw = s && strlen(s) < 400 &&
		    strspn(s, "+-0123456789.eE") == strlen(s) ? strtod(s, &end) : 0;
		bool huge_or_tiny = end && end != s && *end == '\0' &&
		    (errno == ERANGE || fabs(raw) > ESG_VALUE_MAX);
		if (huge_or_tiny && !parse_number(s, &v, &frac, &significant)) {
			if (fabs(raw) < 1)
				esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, vn),
				    "%s %d: %s is too close to zero to be kept "
				    "exactly (write it in a smaller unit)", m->id, year,
				    s);
			else
				esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, vn),
				    "%s %d: %s is out of range (at most %.0e in "
				    "absolute value)", m->id, year, s, ESG_VALUE_MAX);
			continue;
		}
		if (s == NULL || !parse_number(s, &v, &frac, &significant)) {
			esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, vn), "%s %d: "
			    "'%s' is not a number (write it plainly, like 1234.5, "
			    "without separators or units; null when there is none)",
			    m->id, year, s ? s : "a list or mapping");
			continue;
		}
		/* What a double keeps exactly, and what every page, table and
		 * download can then show as written (number.c). */
		if (significant > ESG_VALUE_DIGITS || frac > ESG_VALUE_DIGITS) {
			esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, vn), "%s %d: "
			    "%s has %d %s: a figure keeps at most %d exactly (round "
			    "it, or write it in another unit)", m->id, year, s,
			    significant > ESG_VALUE_DIGITS ? significant : frac,
			    significant > ESG_VALUE_DIGITS ? "significant digits" :
			    "digits after the point", ESG_VALUE_DIGITS);
			continue;
		}
		if (frac > ESG_SHOWN_DECIMALS) {
			esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, vn), "%s %d: "
			    "%s has %d digits after the point, and figures show at "
			    "most %d (round it, or write it in a smaller unit)", m->id,
			    year, s, frac, ESG_SHOWN_DECIMALS);
			continue;
		}
		if (frac > m->literal_decimals)
			m->literal_decimals = frac;
		/* Keep ascending order; years are few. */
		size_t k = m->ngiven;
		while (k > 0 && m->given[k - 1].year > year) {
			m->given[k] = m->given[k - 1];
			k--;
		}
		m->given[k] = (esg_yv){ year, v, esg_yaml_pos(L->y, vn) };
		m->ngiven++;
	}
}

static size_t
load_refs(dl *L, const yaml_node_t *n, const char *what, esg_ref **out)
{
	*out = NULL;
	if (!esg_yaml_want_seq(L->y, n, what, L->d))
		return 0;
	size_t count = esg_yaml_seq_size(n), k = 0;
	*out = esg_arena_array(&L->r->arena, count, sizeof **out);
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *item = esg_yaml_seq_item(L->y, n, i);
		const char *id = esg_yaml_want_str(L->y, item, "a metric id", L->d);
		if (id == NULL)
			continue;
		(*out)[k++] = (esg_ref){ esg_arena_strdup(&L->r->arena, id),
		    esg_yaml_pos(L->y, item), NULL };
	}
	return k;
}

static void
load_optional_lstr(dl *L, const yaml_node_t *map, const char *key,
    esg_lstr *out, bool *has)
{
	yaml_node_t *n = esg_yaml_get(L->y, map, key);
	if (has)
		*has = n != NULL;
	if (n)
		esg_load_lstr(L->r, L->y, n, key, out, L->d);
}

static void
load_metric(dl *L, const char *id, esg_pos pos, const yaml_node_t *n)
{
	static const char *const known[] = { "label", "unit", "values",
	    "decimals", "notes", "scope", "covers", "sum", "ratio", "scale",
	    "share", "change", "breakdowns", NULL };
	if (!esg_yaml_want_map(L->y, n, id, L->d))
		return;
	esg_yaml_warn_unknown_keys(L->y, n, known, "a metric", L->d);
	esg_metric *m = esg_arena_alloc(&L->r->arena, sizeof *m);
	m->id = id;
	m->pos = pos;
	m->decimals = -1;
	m->scale = 1;
	yaml_node_t *v;
	if ((v = esg_yaml_get(L->y, n, "label")))
		esg_load_lstr(L->r, L->y, v, "label", &m->label, L->d);
	else
		esg_error(L->d, ESG_K_DATA, pos, "metric %s needs label: in every "
		    "language", id);
	load_optional_lstr(L, n, "notes", &m->notes, NULL);
	load_optional_lstr(L, n, "scope", &m->scope, NULL);
	if ((v = esg_yaml_get(L->y, n, "unit"))) {
		const char *u = esg_yaml_want_str(L->y, v, "unit", L->d);
		m->unit_key = u ? esg_arena_strdup(&L->r->arena, u) : NULL;
		m->unit_pos = esg_yaml_pos(L->y, v);
	}
	if ((v = esg_yaml_get(L->y, n, "values")))
		load_values(L, m, v);
	if ((v = esg_yaml_get(L->y, n, "decimals"))) {
		const char *s = esg_yaml_str(v);
		int dec = s && s[0] >= '0' && s[0] <= '0' + ESG_SHOWN_DECIMALS &&
		    s[1] == '\0' ? s[0] - '0' : -1;
		if (dec < 0)
			esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, v), "decimals "
			    "must be a whole number from 0 to %d", ESG_SHOWN_DECIMALS);
		else
			m->decimals = dec;
	}
	if ((v = esg_yaml_get(L->y, n, "covers")))
		esg_load_covers(L->r, L->y, v, &m->covers, &m->ncovers, L->d);

	static const struct { const char *key; esg_derive kind; int arity; }
	    derivations[] = {
		{ "sum", ESG_DERIVE_SUM, 0 },
		{ "ratio", ESG_DERIVE_RATIO, 2 },
		{ "share", ESG_DERIVE_SHARE, 2 },
		{ "change", ESG_DERIVE_CHANGE, 1 },
	};
	for (size_t i = 0; i < 4; i++) {
		v = esg_yaml_get(L->y, n, derivations[i].key);
		if (v == NULL)
			continue;
		if (m->derive != ESG_DERIVE_NONE) {
			esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, v), "metric %s "
			    "is derived in two ways; keep one of sum, ratio, share, "
			    "change", id);
			continue;
		}
		m->derive = derivations[i].kind;
		m->derive_pos = esg_yaml_pos(L->y, v);
		if (derivations[i].arity == 1) {
			const char *in = esg_yaml_want_str(L->y, v, "change", L->d);
			if (in) {
				m->inputs = esg_arena_alloc(&L->r->arena, sizeof *m->inputs);
				m->inputs[0] = (esg_ref){ esg_arena_strdup(&L->r->arena, in),
				    m->derive_pos, NULL };
				m->ninputs = 1;
			}
		} else {
			m->ninputs = load_refs(L, v, derivations[i].key, &m->inputs);
		}
		int arity = derivations[i].arity;
		if ((arity && (int)m->ninputs != arity) ||
		    (!arity && m->ninputs == 0)) {
			esg_error(L->d, ESG_K_DATA, m->derive_pos, "%s: %s takes %s",
			    id, derivations[i].key, arity == 2 ? "two metrics: "
			    "[a, b]" : "one or more metrics");
			m->derive = ESG_DERIVE_NONE;
		}
	}
	if ((v = esg_yaml_get(L->y, n, "scale"))) {
		const char *s = esg_yaml_str(v);
		int frac, significant;
		if (s == NULL || !parse_number(s, &m->scale, &frac, &significant) ||
		    m->scale == 0)
			esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, v), "scale must "
			    "be a number other than 0, written plainly (like 1000), "
			    "at most 10^15");
		if (m->derive != ESG_DERIVE_RATIO)
			esg_warning(L->d, ESG_K_DATA, esg_yaml_pos(L->y, v), "scale "
			    "applies to ratio: only");
	}
	if ((v = esg_yaml_get(L->y, n, "breakdowns")) &&
	    esg_yaml_want_map(L->y, v, "breakdowns ({DIMENSION: [metric, …]})",
	    L->d)) {
		size_t count = esg_yaml_map_size(v);
		m->breakdowns = esg_arena_array(&L->r->arena, count,
		    sizeof *m->breakdowns);
		for (size_t i = 0; i < count; i++) {
			yaml_node_t *kn = esg_yaml_map_key(L->y, v, i);
			esg_breakdown *b = &m->breakdowns[m->nbreakdowns++];
			b->dimension = esg_arena_strdup(&L->r->arena, esg_yaml_str(kn));
			b->pos = esg_yaml_pos(L->y, kn);
			b->nparts = load_refs(L, esg_yaml_map_value(L->y, v, i),
			    "a breakdown", &b->parts);
		}
	}
	if (m->derive == ESG_DERIVE_NONE && m->ngiven == 0 &&
	    esg_yaml_get(L->y, n, "values") == NULL)
		esg_error(L->d, ESG_K_DATA, pos, "metric %s has no values: and is "
		    "not derived (sum, ratio, share or change)", id);
	esg_data *data = L->data;
	m->order = data->nmetrics;
	GROW(data->metrics, data->nmetrics, data->metrics_cap);
	data->metrics[data->nmetrics++] = m;
	esg_strmap_put(&data->metric_map, m->id, m);
}

/* ------------------------------------------------------------------ */
/* Tables, charts, highlights                                          */

static size_t
load_years(dl *L, const yaml_node_t *n, int **out)
{
	*out = NULL;
	if (!esg_yaml_want_seq(L->y, n, "years", L->d))
		return 0;
	size_t count = esg_yaml_seq_size(n), k = 0;
	*out = esg_arena_array(&L->r->arena, count, sizeof **out);
	bool seen[ESG_YEAR_MAX - ESG_YEAR_MIN + 1] = { false };
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *item = esg_yaml_seq_item(L->y, n, i);
		int y = want_year(L, item, "years");
		if (y == 0)
			continue;
		/* Two columns of one year: a typo for another year. */
		if (seen[y - ESG_YEAR_MIN]) {
			esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, item), "year "
			    "%d is listed twice", y);
			continue;
		}
		seen[y - ESG_YEAR_MIN] = true;
		(*out)[k++] = y;
	}
	return k;
}

static void
add_row(dl *L, esg_table *t, size_t *cap, esg_row row)
{
	(void)L;
	GROW(t->rows, t->nrows, *cap);
	t->rows[t->nrows++] = row;
}

/* A metric row: "id", or {metric: id, breakdown: DIM, label: {…}}. */
static void
load_metric_row(dl *L, esg_table *t, size_t *cap, const yaml_node_t *n)
{
	esg_row row = { .kind = ESG_ROW_METRIC };
	const char *id = esg_yaml_str(n);
	if (id) {
		row.metric = (esg_ref){ esg_arena_strdup(&L->r->arena, id),
		    esg_yaml_pos(L->y, n), NULL };
		add_row(L, t, cap, row);
		return;
	}
	if (!esg_yaml_want_map(L->y, n, "a table row", L->d))
		return;
	static const char *const known[] = { "metric", "breakdown", "label",
	    NULL };
	esg_yaml_warn_unknown_keys(L->y, n, known, "a table row", L->d);
	yaml_node_t *mn = esg_yaml_get(L->y, n, "metric");
	id = mn ? esg_yaml_want_str(L->y, mn, "metric", L->d) : NULL;
	if (id == NULL) {
		if (mn == NULL)
			esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, n), "a table "
			    "row needs metric:");
		return;
	}
	row.metric = (esg_ref){ esg_arena_strdup(&L->r->arena, id),
	    esg_yaml_pos(L->y, mn), NULL };
	load_optional_lstr(L, n, "label", &row.label, &row.has_label);
	add_row(L, t, cap, row);
	yaml_node_t *bn = esg_yaml_get(L->y, n, "breakdown");
	if (bn) {
		/* A marker row: resolve_data expands it into the parts. */
		const char *dim = esg_yaml_want_str(L->y, bn, "breakdown", L->d);
		esg_row parts = { .kind = ESG_ROW_METRIC, .level = 1 };
		parts.metric = (esg_ref){ dim ? esg_arena_strdup(&L->r->arena, dim) :
		    "", esg_yaml_pos(L->y, bn), NULL };
		parts.label.pos = row.metric.pos;
		parts.has_label = false;
		parts.level = -1;   /* "expand the breakdown named metric.id" */
		add_row(L, t, cap, parts);
	}
}

static void
load_table(dl *L, const char *id, esg_pos pos, const yaml_node_t *n)
{
	static const char *const known[] = { "caption", "years", "rows",
	    "magnitude", "notes", NULL };
	if (!esg_yaml_want_map(L->y, n, id, L->d))
		return;
	esg_yaml_warn_unknown_keys(L->y, n, known, "a table", L->d);
	esg_table *t = esg_arena_alloc(&L->r->arena, sizeof *t);
	t->id = id;
	t->pos = pos;
	t->place.chapter = ESG_NO_CHAPTER;
	yaml_node_t *v;
	if ((v = esg_yaml_get(L->y, n, "caption")))
		esg_load_lstr(L->r, L->y, v, "caption", &t->caption, L->d);
	else
		esg_error(L->d, ESG_K_DATA, pos, "table %s needs caption:", id);
	load_optional_lstr(L, n, "notes", &t->notes, NULL);
	if ((v = esg_yaml_get(L->y, n, "years")))
		t->nyears = load_years(L, v, &t->years);
	if (t->nyears == 0)
		esg_error(L->d, ESG_K_DATA, pos, "table %s needs years: [YEAR, …]",
		    id);
	if ((v = esg_yaml_get(L->y, n, "magnitude"))) {
		const char *s = esg_yaml_str(v);
		if (s && (strcmp(s, "万") == 0 || strcmp(s, "亿") == 0 ||
		    strcmp(s, "億") == 0 || strcmp(s, "萬") == 0))
			t->magnitude = esg_arena_strdup(&L->r->arena, s);
		else
			esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, v), "magnitude "
			    "must be 万 or 亿");
	}
	size_t cap = 0;
	v = esg_yaml_get(L->y, n, "rows");
	if (v == NULL || !esg_yaml_want_seq(L->y, v, "rows", L->d)) {
		if (v == NULL)
			esg_error(L->d, ESG_K_DATA, pos, "table %s needs rows:", id);
	} else {
		for (size_t i = 0; i < esg_yaml_seq_size(v); i++) {
			yaml_node_t *item = esg_yaml_seq_item(L->y, v, i);
			yaml_node_t *group = esg_yaml_get(L->y, item, "group");
			if (group == NULL) {
				load_metric_row(L, t, &cap, item);
				continue;
			}
			static const char *const gknown[] = { "group", "metrics",
			    NULL };
			esg_yaml_warn_unknown_keys(L->y, item, gknown, "a row group",
			    L->d);
			esg_row g = { .kind = ESG_ROW_GROUP, .has_label = true };
			esg_load_lstr(L->r, L->y, group, "group", &g.label, L->d);
			add_row(L, t, &cap, g);
			yaml_node_t *ms = esg_yaml_get(L->y, item, "metrics");
			if (ms && esg_yaml_want_seq(L->y, ms, "metrics", L->d))
				for (size_t k = 0; k < esg_yaml_seq_size(ms); k++)
					load_metric_row(L, t, &cap,
					    esg_yaml_seq_item(L->y, ms, k));
		}
	}
	/* Rows grew in malloc'd memory; the model keeps everything in the
	 * arena. */
	esg_row *rows = esg_arena_array(&L->r->arena, t->nrows, sizeof *rows);
	if (t->nrows)
		memcpy(rows, t->rows, t->nrows * sizeof *rows);
	free(t->rows);
	t->rows = rows;
	esg_data *data = L->data;
	GROW(data->tables, data->ntables, data->tables_cap);
	data->tables[data->ntables++] = t;
	esg_strmap_put(&data->table_map, t->id, t);
}

static void
load_chart(dl *L, const char *id, esg_pos pos, const yaml_node_t *n)
{
	static const char *const known[] = { "type", "stacked", "title",
	    "metrics", "years", "year", NULL };
	if (!esg_yaml_want_map(L->y, n, id, L->d))
		return;
	esg_yaml_warn_unknown_keys(L->y, n, known, "a chart", L->d);
	esg_chart *c = esg_arena_alloc(&L->r->arena, sizeof *c);
	c->id = id;
	c->pos = pos;
	c->place.chapter = ESG_NO_CHAPTER;
	yaml_node_t *v = esg_yaml_get(L->y, n, "type");
	const char *type = v ? esg_yaml_str(v) : NULL;
	static const struct { const char *name; esg_chart_type t; } types[] = {
		{ "bar", ESG_CHART_BAR }, { "line", ESG_CHART_LINE },
		{ "donut", ESG_CHART_DONUT }, { "pie", ESG_CHART_PIE },
	};
	bool found = false;
	for (size_t i = 0; type && i < 4; i++)
		if (strcmp(type, types[i].name) == 0) {
			c->type = types[i].t;
			found = true;
		}
	if (!found)
		esg_error(L->d, ESG_K_DATA, v ? esg_yaml_pos(L->y, v) : pos, "chart "
		    "%s: type must be bar, line, donut or pie", id);
	if ((v = esg_yaml_get(L->y, n, "stacked")))
		esg_yaml_want_bool(L->y, v, "stacked", &c->stacked, L->d);
	load_optional_lstr(L, n, "title", &c->title, &c->has_title);
	if ((v = esg_yaml_get(L->y, n, "metrics")))
		c->nseries = load_refs(L, v, "metrics", &c->series);
	if (c->nseries == 0)
		esg_error(L->d, ESG_K_DATA, pos, "chart %s needs metrics: [id, …]",
		    id);
	yaml_node_t *years = esg_yaml_get(L->y, n, "years");
	if (years)
		c->nyears = load_years(L, years, &c->years);
	if ((v = esg_yaml_get(L->y, n, "year")))
		c->year = want_year(L, v, "year");
	bool over_years = c->type == ESG_CHART_BAR || c->type == ESG_CHART_LINE;
	if (found && over_years && c->nyears == 0)
		esg_error(L->d, ESG_K_DATA, pos, "chart %s needs years: [YEAR, …]",
		    id);
	/* A line is time running left to right. */
	for (size_t k = 1; c->type == ESG_CHART_LINE && k < c->nyears; k++)
		if (c->years[k] < c->years[k - 1]) {
			esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, years), "chart "
			    "%s: a line chart's years go forward (%d comes after "
			    "%d)", id, c->years[k], c->years[k - 1]);
			break;
		}
	esg_data *data = L->data;
	GROW(data->charts, data->ncharts, data->charts_cap);
	data->charts[data->ncharts++] = c;
	esg_strmap_put(&data->chart_map, c->id, c);
}

static void
load_highlights(dl *L, const char *id, esg_pos pos, const yaml_node_t *n)
{
	if (!esg_yaml_want_seq(L->y, n, "highlights", L->d))
		return;
	esg_highlights *h = esg_arena_alloc(&L->r->arena, sizeof *h);
	h->id = id;
	h->pos = pos;
	h->place.chapter = ESG_NO_CHAPTER;
	size_t count = esg_yaml_seq_size(n);
	h->items = esg_arena_array(&L->r->arena, count, sizeof *h->items);
	static const char *const known[] = { "metric", "change", "label",
	    "year", NULL };
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *item = esg_yaml_seq_item(L->y, n, i);
		esg_highlight *hl = &h->items[h->nitems];
		const char *mid = esg_yaml_str(item);
		yaml_node_t *mn = item;
		if (mid == NULL) {
			if (!esg_yaml_want_map(L->y, item, "a highlight", L->d))
				continue;
			esg_yaml_warn_unknown_keys(L->y, item, known, "a highlight",
			    L->d);
			mn = esg_yaml_get(L->y, item, "metric");
			mid = mn ? esg_yaml_want_str(L->y, mn, "metric", L->d) : NULL;
			if (mid == NULL) {
				if (mn == NULL)
					esg_error(L->d, ESG_K_DATA, esg_yaml_pos(L->y, item),
					    "a highlight needs metric:");
				continue;
			}
			yaml_node_t *v;
			if ((v = esg_yaml_get(L->y, item, "change")))
				esg_yaml_want_bool(L->y, v, "change", &hl->change, L->d);
			if ((v = esg_yaml_get(L->y, item, "year")))
				hl->year = want_year(L, v, "year");
			load_optional_lstr(L, item, "label", &hl->label,
			    &hl->has_label);
		}
		hl->metric = (esg_ref){ esg_arena_strdup(&L->r->arena, mid),
		    esg_yaml_pos(L->y, mn), NULL };
		h->nitems++;
	}
	esg_data *data = L->data;
	GROW(data->highlights, data->nhighlights, data->highlights_cap);
	data->highlights[data->nhighlights++] = h;
	esg_strmap_put(&data->highlights_map, h->id, h);
}

/* ------------------------------------------------------------------ */

typedef void (*section_loader)(dl *, const char *, esg_pos,
    const yaml_node_t *);

/* true when s ends in suffix followed by one or more digits */
static bool
ends_numbered(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	size_t digits = esg_trailing_digits(s, n);
	return digits > 0 && n - digits >= k &&
	    memcmp(s + n - digits - k, suffix, k) == 0;
}

/* Why an id of this kind would make an element id that another id's
 * elements also have (render_kpi.c, render_chart.c), or NULL. */
static const char *
id_form_problem(const char *what, const char *id)
{
	bool metric = strcmp(what, "metric") == 0;
	bool table = strcmp(what, "table") == 0;
	if ((metric || table) && strstr(id, "--"))
		return "'--' joins the metric and the table in the ids of "
		    "repeated KPI rows (kpi-METRIC--TABLE)";
	if (table && ends_numbered(id, "-note-"))
		return "a table's notes have the ids table-ID-note-N";
	size_t n = strlen(id);
	if (strcmp(what, "chart") == 0 && ((n > 6 && strcmp(id + n - 6,
	    "-title") == 0) || (n > 5 && strcmp(id + n - 5, "-desc") == 0)))
		return "a chart's title and description have the ids "
		    "chart-ID-title and chart-ID-desc";
	return NULL;
}

static void
load_section(dl *L, const yaml_node_t *n, const char *what,
    esg_strmap *ids, section_loader fn)
{
	if (!esg_yaml_want_map(L->y, n, what, L->d))
		return;
	for (size_t i = 0; i < esg_yaml_map_size(n); i++) {
		yaml_node_t *kn = esg_yaml_map_key(L->y, n, i);
		const char *id = esg_yaml_str(kn);
		esg_pos pos = esg_yaml_pos(L->y, kn);
		if (id == NULL || !valid_id(id)) {
			esg_error(L->d, ESG_K_DATA, pos, "'%s' is not a valid id: "
			    "start with a letter or digit, then use letters, digits, "
			    "'.', '-' and '_'", id ? id : "?");
			continue;
		}
		const char *problem = id_form_problem(what, id);
		/* Still loaded: its uses are not reported as unknown. */
		if (problem)
			esg_error(L->d, ESG_K_DATA, pos, "%s id '%s' cannot be "
			    "used: %s; choose another", what, id, problem);
		esg_pos *first = esg_strmap_get(ids, id);
		if (first) {
			esg_error(L->d, ESG_K_DATA, pos, "%s '%s' is defined twice "
			    "(also at %s:%d)", what, id, first->file, first->line);
			continue;
		}
		esg_pos *keep = esg_arena_alloc(&L->r->arena, sizeof *keep);
		*keep = pos;
		char *copy = esg_arena_strdup(&L->r->arena, id);
		esg_strmap_put(ids, copy, keep);
		fn(L, copy, pos, esg_yaml_map_value(L->y, n, i));
	}
}

void
esg_load_data(esg_report *r, esg_diag *d)
{
	esg_data *data = esg_arena_alloc(&r->arena, sizeof *data);
	r->data = data;
	if (r->period_end)
		data->reporting_year = atoi(r->period_end);
	load_builtin_units(r, d);

	char *dir = esg_path_join(&r->arena, r->source, "data");
	char **names;
	size_t count;
	if (!esg_is_dir(dir) ||
	    !esg_within_source(r, dir, "refusing to read it", d))
		return;
	if (esg_list_dir(dir, &names, &count) != 0) {
		esg_input_error(d, (esg_pos){ dir, 0, 0 }, "cannot list: %s",
		    strerror(errno));
		return;
	}
	esg_strmap ids[4] = { ESG_STRMAP_INIT, ESG_STRMAP_INIT, ESG_STRMAP_INIT,
	    ESG_STRMAP_INIT };
	for (size_t i = 0; i < count; i++) {
		char *path = esg_path_join(&r->arena, dir, names[i]);
		size_t len = strlen(names[i]);
		if (names[i][0] == '.')
			continue;
		if (!(len > 5 && strcmp(names[i] + len - 5, ".yaml") == 0) &&
		    !(len > 4 && strcmp(names[i] + len - 4, ".yml") == 0)) {
			esg_warning(d, ESG_K_DATA, (esg_pos){ path, 0, 0 }, "ignored: "
			    "data files are .yaml");
			continue;
		}
		char *text;
		size_t tlen;
		if (!esg_entry_within_source(r, path, "refusing to read it", d) ||
		    esg_load_file(path, &text, &tlen, d) != 0)
			continue;
		data->source_bytes += tlen;
		esg_yaml y;
		if (esg_yaml_parse(&y, path, text, tlen, 0, d) == 0) {
			dl L = { r, data, &y, d };
			yaml_node_t *root = esg_yaml_root(&y);
			if (root && !esg_yaml_is_map(root)) {
				esg_error(d, ESG_K_DATA, esg_yaml_pos(&y, root), "a data "
				    "file is a mapping with metrics:, tables:, charts:, "
				    "highlights: or units:");
			} else if (root) {
				static const char *const known[] = { "units", "metrics",
				    "tables", "charts", "highlights", NULL };
				esg_yaml_warn_unknown_keys(&y, root, known, "a data file", d);
				yaml_node_t *n;
				if ((n = esg_yaml_get(&y, root, "units")))
					load_units(&L, n, true);
				if ((n = esg_yaml_get(&y, root, "metrics")))
					load_section(&L, n, "metric", &ids[0], load_metric);
				if ((n = esg_yaml_get(&y, root, "tables")))
					load_section(&L, n, "table", &ids[1], load_table);
				if ((n = esg_yaml_get(&y, root, "charts")))
					load_section(&L, n, "chart", &ids[2], load_chart);
				if ((n = esg_yaml_get(&y, root, "highlights")))
					load_section(&L, n, "highlights", &ids[3],
					    load_highlights);
			}
		}
		esg_yaml_free(&y);
		free(text);
	}
	for (int k = 0; k < 4; k++)
		esg_strmap_free(&ids[k]);
	esg_free_names(names, count);
}

void
esg_data_free(esg_data *data)
{
	if (data == NULL)
		return;
	free(data->metrics);
	free(data->tables);
	free(data->charts);
	free(data->highlights);
	esg_strmap_free(&data->unit_map);
	esg_strmap_free(&data->report_units);
	esg_strmap_free(&data->metric_map);
	esg_strmap_free(&data->table_map);
	for (size_t c = 0; c < data->nchapters_here; c++)
		esg_strmap_free(&data->tables_here[c]);
	free(data->tables_here);
	esg_strmap_free(&data->chart_map);
	esg_strmap_free(&data->highlights_map);
}

esg_metric *
esg_metric_find(const esg_report *r, const char *id)
{
	return r->data ? esg_strmap_get(&r->data->metric_map, id) : NULL;
}

bool
esg_metric_value(const esg_metric *m, int year, double *out)
{
	for (size_t i = 0; i < m->nvalues; i++)
		if (m->values[i].year == year) {
			*out = m->values[i].value;
			return true;
		}
	return false;
}
