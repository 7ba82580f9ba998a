/*
 * number.h — figures as readers expect them, in each language.
 */
#ifndef ESG_NUMBER_H
#define ESG_NUMBER_H

#include "buf.h"
#include "data.h"

/* v with exactly `decimals` digits after the point, thousands separated
 * by commas (as both Chinese and English reports write them), negatives
 * with a real minus sign (U+2212); a value that rounds to zero has no
 * sign. */
void esg_number(esg_buf *b, double v, int decimals);
/* The same as plain text for downloads (CSV, JSON): "-1234.50", with
 * every decimal the data has, up to ESG_NUMBER_MAX_DECIMALS (what the
 * loader lets a value have). */
#define ESG_NUMBER_MAX_DECIMALS 15
/* The most digits after the point a page shows (decimals: 0 to 6): a
 * value written with more is an error, so that no figure reads as a
 * rounded-away 0.000000 and the downloads show what the pages show. */
#define ESG_SHOWN_DECIMALS 6
void esg_number_plain(esg_buf *b, double v, int decimals);
/* The unit's symbol for a BCP 47 tag; English when the unit has none in
 * that script (*fallback_tag = "en"). "" for unitless counts. */
const char *esg_unit_symbol(const esg_unit *u, const char *tag,
    const char **fallback_tag);
/* The symbol to write after the number shown: the English singular
 * ("1 case") when it is 1. */
const char *esg_unit_symbol_counted(const esg_unit *u, const char *tag,
    const char *shown, const char **fallback_tag);
/* Number and unit: "2,263,100 tCO₂e", "45.2%", "2,263,100吨二氧化碳当量". */
void esg_quantity(esg_buf *b, double v, int decimals, const esg_unit *u,
    const char *tag);
/* m's value in year as esg_quantity writes it, or "—" when it has none
 * ({{kpi}} in text and in titles). */
void esg_metric_quantity(esg_buf *b, const esg_metric *m, int year,
    const char *tag);
/* Whether the number and the symbol are separated by a space in this
 * language. */
bool esg_unit_spaced(const esg_unit *u, const char *tag);
/* A Chinese magnitude ("万", "亿"; Traditional forms accepted): its factor,
 * and the character for a page's script. 0 when not a magnitude. */
double esg_magnitude_factor(const char *magnitude);
const char *esg_magnitude_char(const char *magnitude, const char *tag);

#endif
