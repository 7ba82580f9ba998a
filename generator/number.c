#include "number.h"
#include "i18n.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void
esg_number(esg_buf *b, double v, int decimals)
{
	char digits[96];
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	/* Half away from zero, as reports round (printf rounds half to even:
	 * 1234.5 would print 1234). The tiny relative nudge keeps 2.675 from
	 * falling to 2.67 through its binary representation. */
	double scale = pow(10, decimals), scaled = fabs(v) * scale;
	if (scaled < 9e15) {
		double rounded = floor(scaled + 0.5 + fmin(scaled * 1e-14, 1e-6));
		/* At most 16 digits, padded with zeros so there is a digit
		 * before the point, which goes back in `decimals` from the end. */
		char raw[40];
		size_t n = (size_t)snprintf(raw + 8, sizeof raw - 8, "%.0f", rounded);
		size_t pad = n <= (size_t)decimals ? (size_t)decimals - n + 1 : 0;
		char *start = raw + 8 - pad;
		memset(start, '0', pad);
		n += pad;
		size_t whole = n - (size_t)decimals;
		memcpy(digits, start, whole);
		digits[whole] = '\0';
		if (decimals > 0) {
			digits[whole] = '.';
			memcpy(digits + whole + 1, start + whole, (size_t)decimals);
			digits[whole + 1 + (size_t)decimals] = '\0';
		}
	} else {
		snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
	}
	bool zero = true;
	for (const char *p = digits; *p; p++)
		if (*p >= '1' && *p <= '9')
			zero = false;
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

void
esg_quantity(esg_buf *b, double v, int decimals, const esg_unit *u,
    const char *tag)
{
	size_t start = b->len;
	esg_number(b, v, decimals);
	const char *sym = esg_unit_symbol(u, tag, NULL);
	/* "1 case", "2 cases": English counts agree with their number. */
	if (u && u->one && esg_script_of(tag) == ESG_SCRIPT_EN &&
	    strcmp(esg_buf_cstr(b) + start, "1") == 0)
		sym = u->one;
	if (*sym == '\0')
		return;
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
