#include "number.h"
#include "i18n.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* |v| with exactly `decimals` digits after the point (at most
 * ESG_NUMBER_MAX_DECIMALS), into digits: rounded half away from zero, as
 * reports round (printf rounds half to even: 1234.5 would print 1234).
 * A double keeps 15 significant digits, and the data's values have at
 * most that many (load_data.c): digits past the fifteenth would be its
 * binary noise (123456789012.3456 printed with six decimals ends in
 * ...345596), so they are zeros. Returns whether the digits are all 0. */
static bool
number_digits(double v, int decimals, char *digits)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > ESG_NUMBER_MAX_DECIMALS)
		decimals = ESG_NUMBER_MAX_DECIMALS;
	int exact = decimals;
	double a = fabs(v);
	while (exact > 0 && a * pow(10, exact) >= 1e15)
		exact--;
	double scaled = a * pow(10, exact);
	/* The tiny relative nudge keeps 2.675 from falling to 2.67 through
	 * its binary representation. */
	double rounded = floor(scaled + 0.5 + fmin(scaled * 1e-14, 1e-6));
	char raw[400];
	int n = snprintf(raw, sizeof raw, "%.0f", rounded);
	if (n < 0 || n > 40)
		n = snprintf(raw, sizeof raw, "0");   /* not a value the loader lets in */
	/* Padded with zeros so there is a digit before the point. */
	size_t len = (size_t)n, pad = len <= (size_t)exact ?
	    (size_t)exact - len + 1 : 0;
	char *d = digits;
	memset(d, '0', pad);
	memcpy(d + pad, raw, len);
	len += pad;
	size_t whole = len - (size_t)exact;
	d += whole;
	if (decimals > 0) {
		memmove(d + 1, d, (size_t)exact);
		*d = '.';
		d += 1 + exact;
		memset(d, '0', (size_t)(decimals - exact));
		d += decimals - exact;
	}
	*d = '\0';
	for (const char *p = digits; *p; p++)
		if (*p >= '1' && *p <= '9')
			return false;
	return true;
}

void
esg_number(esg_buf *b, double v, int decimals)
{
	char digits[ESG_NUMBER_MAX_DECIMALS + 64];
	if (decimals > ESG_SHOWN_DECIMALS)
		decimals = ESG_SHOWN_DECIMALS;
	bool zero = number_digits(v, decimals, digits);
	if (v < 0 && !zero)
		esg_buf_puts(b, "\u2212");
	size_t int_len = strcspn(digits, ".");
	for (size_t i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0)
			esg_buf_putc(b, ',');
		esg_buf_putc(b, digits[i]);
	}
	esg_buf_puts(b, digits + int_len);
}

void
esg_number_plain(esg_buf *b, double v, int decimals)
{
	char digits[ESG_NUMBER_MAX_DECIMALS + 64];
	bool zero = number_digits(v, decimals, digits);
	if (v < 0 && !zero)
		esg_buf_putc(b, '-');
	esg_buf_puts(b, digits);
}

const char *
esg_unit_symbol(const esg_unit *u, const char *tag, const char **fallback_tag)
{
	if (fallback_tag)
		*fallback_tag = NULL;
	if (u == NULL)
		return "";
	esg_script s = esg_script_of(tag);
	if (u->symbol.v[s])
		return u->symbol.v[s];
	if (fallback_tag && s != ESG_SCRIPT_EN && *u->symbol.v[ESG_SCRIPT_EN])
		*fallback_tag = "en";
	return u->symbol.v[ESG_SCRIPT_EN] ? u->symbol.v[ESG_SCRIPT_EN] : "";
}

bool
esg_unit_spaced(const esg_unit *u, const char *tag)
{
	const char *sym = esg_unit_symbol(u, tag, NULL);
	if (*sym == '\0' || (u && !u->space))
		return false;
	/* Chinese writes 6,012人 and 2,263,100吨: no space before a wide
	 * symbol; a Latin symbol (MWh) keeps its space. */
	if (esg_script_of(tag) != ESG_SCRIPT_EN &&
	    esg_cjk_is_wide(esg_utf8_first(sym, strlen(sym))))
		return false;
	return true;
}

const char *
esg_unit_symbol_counted(const esg_unit *u, const char *tag,
    const char *shown, const char **fallback_tag)
{
	const char *sym = esg_unit_symbol(u, tag, fallback_tag);
	/* "1 case", "2 cases": English counts agree with their number. */
	if (u && u->one && esg_script_of(tag) == ESG_SCRIPT_EN &&
	    strcmp(shown, "1") == 0)
		sym = u->one;
	return sym;
}

void
esg_quantity(esg_buf *b, double v, int decimals, const esg_unit *u,
    const char *tag)
{
	size_t start = b->len;
	esg_number(b, v, decimals);
	const char *sym = esg_unit_symbol_counted(u, tag,
	    esg_buf_cstr(b) + start, NULL);
	if (*sym == '\0')
		return;
	if (u && u->prefix && esg_script_of(tag) == ESG_SCRIPT_EN) {
		/* HK$10,350,000: the number moves after the symbol. */
		char *number = esg_xstrdup(esg_buf_cstr(b) + start);
		b->len = start;
		b->ptr[start] = '\0';
		esg_buf_puts(b, sym);
		if (u->space)
			esg_buf_putc(b, ' ');
		esg_buf_puts(b, number);
		free(number);
		return;
	}
	if (esg_unit_spaced(u, tag))
		esg_buf_putc(b, ' ');
	esg_buf_puts(b, sym);
}

double
esg_magnitude_factor(const char *m)
{
	if (m == NULL)
		return 0;
	if (strcmp(m, "万") == 0 || strcmp(m, "萬") == 0)
		return 1e4;
	if (strcmp(m, "亿") == 0 || strcmp(m, "億") == 0)
		return 1e8;
	return 0;
}

const char *
esg_magnitude_char(const char *m, const char *tag)
{
	bool hant = esg_script_of(tag) == ESG_SCRIPT_HANT;
	if (esg_magnitude_factor(m) == 1e4)
		return hant ? "萬" : "万";
	return hant ? "億" : "亿";
}

void
esg_metric_quantity(esg_buf *b, const esg_metric *m, int year,
    const char *tag)
{
	double v;
	if (esg_metric_value(m, year, &v))
		esg_quantity(b, v, m->decimals, m->unit, tag);
	else
		esg_buf_puts(b, "—");
}
