#include "text.h"

#include <string.h>

typedef struct esg_cp_range {
	uint32_t first, last;
} esg_cp_range;

#include "cjk_table.h"

uint32_t
esg_utf8_decode(const char *str, size_t len, size_t *used)
{
	const unsigned char *s = (const unsigned char *)str;
	*used = 1;
	if (len == 0)
		return 0xFFFD;
	unsigned c = s[0];
	if (c < 0x80)
		return c;
	size_t need;
	uint32_t cp, min;
	if ((c & 0xE0) == 0xC0) {
		need = 2, cp = c & 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		need = 3, cp = c & 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		need = 4, cp = c & 0x07, min = 0x10000;
	} else {
		return 0xFFFD;
	}
	if (len < need)
		return 0xFFFD;
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0xFFFD;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0xFFFD;
	*used = need;
	return cp;
}

const char *
esg_find(const char *s, size_t len, const char *needle, size_t nlen)
{
	const char *end = s + len, *p = s;
	while ((size_t)(end - p) >= nlen &&
	    (p = memchr(p, needle[0], (size_t)(end - p) - nlen + 1)) != NULL) {
		if (memcmp(p + 1, needle + 1, nlen - 1) == 0)
			return p;
		p++;
	}
	return NULL;
}

size_t
esg_lit_chars(const char *lit, size_t off, esg_lit_count *counted)
{
	if (counted->off > off)
		*counted = (esg_lit_count)ESG_LIT_COUNT_INIT;
	counted->chars += esg_utf8_count(lit + counted->off, off - counted->off);
	counted->off = off;
	return counted->chars;
}

uint32_t
esg_utf8_first(const char *s, size_t len)
{
	size_t used;
	return len ? esg_utf8_decode(s, len, &used) : 0;
}

uint32_t
esg_utf8_last(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	size_t start = len - 1;
	while (start > 0 && len - start < 4 &&
	    ((unsigned char)s[start] & 0xC0) == 0x80)
		start--;
	size_t used;
	uint32_t cp = esg_utf8_decode(s + start, len - start, &used);
	return start + used == len ? cp : 0xFFFD;
}

size_t
esg_text_unfit_at(const char *s, size_t len, uint32_t *cp)
{
	size_t forbidden = len;
	uint32_t forbidden_cp = 0;
	size_t i = 0;
	while (i < len) {
		/* Eight printable ASCII bytes at a time (no byte with the high
		 * bit, under 0x20, or DEL): most of an English chapter. */
		while (i + 8 <= len) {
			uint64_t x;
			memcpy(&x, s + i, 8);
			const uint64_t ones = 0x0101010101010101ull;
			const uint64_t high = 0x8080808080808080ull;
			uint64_t del = x ^ (0x7F * ones);
			if ((x & high) || ((x - 0x20 * ones) & ~x & high) ||
			    ((del - ones) & ~del & high))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned char c = (unsigned char)s[i];
		uint32_t u;
		size_t used = 1;
		if (c < 0x80) {
			if (c == 0) {
				*cp = 0;
				return i;
			}
			u = c;
		} else {
			u = esg_utf8_next(s + i, len - i, &used);
			if (u == 0xFFFD && used == 1) {
				*cp = ESG_CP_INVALID;
				return i;
			}
		}
		if (forbidden == len && ((u < 0x20 && u != '\t' && u != '\n' &&
		    u != '\r') || (u >= 0x7f && u <= 0x9f) ||
		    (u >= 0xfdd0 && u <= 0xfdef) || (u & 0xfffe) == 0xfffe)) {
			forbidden = i;
			forbidden_cp = u;
		}
		i += used;
	}
	*cp = forbidden_cp;
	return forbidden;
}

size_t
esg_utf8_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

size_t
esg_utf8_cut(const char *s, size_t max, size_t *count)
{
	size_t chars = 0, i = 0, len = strlen(s), cut = len;
	while (i < len) {
		size_t used;
		esg_utf8_decode(s + i, len - i, &used);
		if (++chars == max + 1)
			cut = i;
		i += used;
	}
	*count = chars;
	return cut;
}

static bool
in_ranges(const esg_cp_range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < r[mid].first)
			hi = mid;
		else if (cp > r[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

bool
esg_cjk_is_wide(uint32_t cp)
{
	return in_ranges(wide_ranges, COUNT(wide_ranges), cp) &&
	    !in_ranges(hangul_ranges, COUNT(hangul_ranges), cp);
}

bool
esg_softbreak_vanishes(uint32_t before, uint32_t after)
{
	if (before == 0x200B || after == 0x200B)
		return true;
	return esg_cjk_is_wide(before) && esg_cjk_is_wide(after);
}

/* Eight bytes at a time, each word mixed in with a multiply and a
 * rotation (the wyhash/xxhash family's idea, much simplified); the tail
 * and the length are mixed in last. Each file is read through it twice
 * per build, at about a percent of the build's time. */
uint64_t
esg_hash64(const void *s, size_t len)
{
	const unsigned char *p = s;
	const uint64_t k = 0x9E3779B97F4A7C15ull;
	uint64_t h = 0xCBF29CE484222325ull ^ (len * k);
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ (w * k)) * 0xFF51AFD7ED558CCDull;
		h = (h << 31) | (h >> 33);
	}
	uint64_t tail = 0;
	for (size_t j = 0; i + j < len; j++)
		tail |= (uint64_t)p[i + j] << (8 * j);
	h = (h ^ (tail * k)) * 0xC4CEB9FE1A85EC53ull;
	h ^= h >> 29;
	return h;
}

size_t
esg_trailing_digits(const char *s, size_t n)
{
	size_t digits = 0;
	while (digits < n && s[n - 1 - digits] >= '0' && s[n - 1 - digits] <= '9')
		digits++;
	return digits;
}
