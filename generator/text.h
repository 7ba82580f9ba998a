/*
 * text.h — UTF-8 and the CJK line-break rule.
 */
#ifndef ESG_TEXT_H
#define ESG_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s[0..len); sets *used to the bytes consumed.
 * Returns 0xFFFD (used = 1) for a malformed sequence. */
uint32_t esg_utf8_decode(const char *s, size_t len, size_t *used);
/* The same, with ASCII and the three-byte sequences led by E1..EC or EE
 * (most of CJK; always valid, allowed characters with their two
 * continuation bytes: E0 may be overlong, ED a surrogate, EF a
 * noncharacter) decoded inline, for the loops that read every character
 * of a report. Anything else takes esg_utf8_decode. */
static inline uint32_t
esg_utf8_next(const char *str, size_t len, size_t *used)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len > 0 && s[0] < 0x80) {
		*used = 1;
		return s[0];
	}
	if (len >= 3 && ((s[0] >= 0xE1 && s[0] <= 0xEC) || s[0] == 0xEE) &&
	    (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*used = 3;
		return ((uint32_t)(s[0] & 0x0F) << 12) |
		    ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	}
	return esg_utf8_decode(str, len, used);
}
/* The first needle (nlen > 0) in s[0..len), or NULL. For loops that look
 * for each of many places in one long text: strstr there reads the rest
 * of the text at every call under the sanitizers (their strstr measures
 * it first), which makes such a loop quadratic; this reads only up to
 * what it finds. */
const char *esg_find(const char *s, size_t len, const char *needle,
    size_t nlen);
/* The characters of a text before an offset, counted on from the last
 * offset asked for in it: a paragraph of many shortcodes or footnote
 * references is one literal, and counting each from its start would be
 * quadratic. *counted belongs to the text (start at ESG_LIT_COUNT_INIT);
 * asking for an earlier offset counts from the start again. */
typedef struct esg_lit_count {
	size_t off, chars;
} esg_lit_count;

#define ESG_LIT_COUNT_INIT { 0, 0 }

size_t esg_lit_chars(const char *lit, size_t off, esg_lit_count *counted);
/* The first and last code points of s, or 0 when s is empty. */
uint32_t esg_utf8_first(const char *s, size_t len);
uint32_t esg_utf8_last(const char *s, size_t len);
/* What a text file or value may not contain, found in one walk over s.
 * First, the offset of the first byte that is not valid UTF-8 (malformed,
 * overlong, surrogate) or is NUL: *cp is ESG_CP_INVALID, or 0 for NUL.
 * When there is none, the offset of the first code point a web page may
 * not contain: a control character other than tab, line feed and carriage
 * return (C0, DEL, C1) or a noncharacter (U+FDD0-U+FDEF, U+xFFFE,
 * U+xFFFF), with *cp that code point. len when s is clean. */
#define ESG_CP_INVALID 0xFFFFFFFFu
size_t esg_text_unfit_at(const char *s, size_t len, uint32_t *cp);
/* A 64-bit fingerprint of s[0..len), to tell whether a file changed (not
 * for hash tables: it is not seeded). */
uint64_t esg_hash64(const void *s, size_t len);
/* Number of code points in s[0..len). */
size_t esg_utf8_count(const char *s, size_t len);
/* Where to cut the NUL-terminated UTF-8 text s to keep its first max code
 * points: the byte offset of the next one, or strlen(s) when s has no
 * more. *count gets the number of code points in s. */
size_t esg_utf8_cut(const char *s, size_t max, size_t *count);

/* East Asian Width F, W or H and not Hangul: the characters between which
 * CSS Text 3 removes a segment break. */
bool esg_cjk_is_wide(uint32_t cp);
/* The CSS Text 3 segment-break transformation: true when a soft line break
 * between these two characters renders as nothing, false when it renders as
 * a space. 0 means "no character" (start or end of the paragraph). */
bool esg_softbreak_vanishes(uint32_t before, uint32_t after);

/* How many ASCII digits s[0..n) ends with: the N of "x-table-N". */
size_t esg_trailing_digits(const char *s, size_t n);

#endif
