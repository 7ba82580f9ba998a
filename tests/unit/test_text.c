/* UTF-8 helpers and the CSS Text 3 segment-break rule. */
#include "harness.h"
#include "text.h"

static int
vanishes(const char *before, const char *after)
{
	return esg_softbreak_vanishes(esg_utf8_last(before, strlen(before)),
	    esg_utf8_first(after, strlen(after)));
}

/* Whether esg_utf8_next reads every 1- to 3-byte sequence, valid or not,
 * as esg_utf8_decode does: its fast paths are only shortcuts. */
static bool
next_agrees_with_decode(void)
{
	for (unsigned a = 0; a < 256; a++)
		for (unsigned b = 0x70; b < 0xC8; b += 7)
			for (unsigned c = 0x70; c < 0xC8; c += 5) {
				const char s[3] = { (char)a, (char)b, (char)c };
				for (size_t len = 1; len <= 3; len++) {
					size_t u1, u2;
					if (esg_utf8_next(s, len, &u1) !=
					    esg_utf8_decode(s, len, &u2) || u1 != u2)
						return false;
				}
			}
	return true;
}

void
test_text(void)
{
	CHECK(next_agrees_with_decode());
	/* esg_find: at the start, the end, after a false start, not past len. */
	const char *hay = "a[b[^x]c[^";
	CHECK(esg_find(hay, strlen(hay), "[^", 2) == hay + 3);
	CHECK(esg_find(hay + 4, strlen(hay) - 4, "[^", 2) == hay + 8);
	CHECK(esg_find(hay, 9, "[^", 2) == hay + 3);
	CHECK(esg_find(hay + 4, 5, "[^", 2) == NULL);   /* "[^" cut at len */
	CHECK(esg_find(hay, strlen(hay), "a", 1) == hay);
	CHECK(esg_find(hay, 0, "a", 1) == NULL);
	CHECK(esg_find("-->", 3, "-->", 3) != NULL);
	CHECK(esg_find("--", 2, "-->", 3) == NULL);

	/* Between two Han characters the break disappears. */
	CHECK(vanishes("排放", "减少"));
	/* Fullwidth punctuation is F/W: gone as well. */
	CHECK(vanishes("环境，", "社会"));
	CHECK(vanishes("目标", "（2030年）"));
	/* Latin on either side: a space. */
	CHECK(!vanishes("emissions", "fell"));
	CHECK(!vanishes("排放", "Scope"));
	CHECK(!vanishes("ISO", "14001认证"));
	/* Digits are narrow: a space, as browsers do. */
	CHECK(!vanishes("2024", "年"));
	/* Hangul is wide but keeps its spaces. */
	CHECK(!vanishes("한국", "어"));
	CHECK(!vanishes("中文", "한국"));
	/* Ambiguous-width quotation marks: a space. */
	CHECK(!vanishes("他说", "\u201c你好\u201d"));
	/* Japanese kana and halfwidth katakana (H) are removed. */
	CHECK(vanishes("ひらがな", "カタカナ"));
	CHECK(vanishes("\uFF76\uFF85", "\uFF76\uFF85"));
	/* Extension B ideographs (4-byte UTF-8). */
	CHECK(vanishes("\U00020000", "\U00020001"));
	/* A zero-width space on either side removes the break. */
	CHECK(vanishes("a\u200b", "b"));
	/* Start or end of a paragraph: no character, a space (harmless). */
	CHECK(!esg_softbreak_vanishes(0, 0x4E2D));

	CHECK(esg_cjk_is_wide(0x4E2D));
	CHECK(esg_cjk_is_wide(0x3000));
	CHECK(esg_cjk_is_wide(0xFF01));
	CHECK(!esg_cjk_is_wide('A'));
	CHECK(!esg_cjk_is_wide(0xAC00));   /* Hangul syllable */
	CHECK(!esg_cjk_is_wide(0x00E9));

	size_t used;
	CHECK_INT(esg_utf8_decode("\xE4\xB8\xAD", 3, &used), 0x4E2D);
	CHECK_INT(used, 3);
	CHECK_INT(esg_utf8_decode("\xC0\x80", 2, &used), 0xFFFD); /* overlong */
	CHECK_INT(esg_utf8_decode("\xED\xA0\x80", 3, &used), 0xFFFD); /* surrogate */
	CHECK_INT(esg_utf8_decode("\xE4\xB8", 2, &used), 0xFFFD); /* truncated */
	CHECK_INT(esg_utf8_last("a中", 4), 0x4E2D);
	CHECK_INT(esg_utf8_last("", 0), 0);
	uint32_t ucp = 0;
	CHECK_INT(esg_text_unfit_at("ok中文", 8, &ucp), 8);
	CHECK_INT(esg_text_unfit_at("ab\xFF" "cd", 5, &ucp), 2);
	CHECK_INT(ucp, ESG_CP_INVALID);
	CHECK_INT(esg_text_unfit_at("ab\0cd", 5, &ucp), 2);
	CHECK_INT(ucp, 0);
	/* Invalid UTF-8 is reported before an earlier control character:
	 * the file needs saving as UTF-8 first. */
	CHECK_INT(esg_text_unfit_at("a\x01" "b\xFF", 4, &ucp), 3);
	CHECK_INT(ucp, ESG_CP_INVALID);
	CHECK_INT(esg_text_unfit_at("a\x7f", 2, &ucp), 1);
	CHECK_INT(ucp, 0x7f);
	/* Three-byte sequences: the fast path and the leads it leaves to
	 * full decoding. */
	CHECK_INT(esg_text_unfit_at("\xE4\xB8\xAD", 3, &ucp), 3);
	CHECK_INT(esg_text_unfit_at("a\xE4\xB8", 3, &ucp), 1);
	CHECK_INT(esg_text_unfit_at("\xE4\x38\xAD", 3, &ucp), 0);
	CHECK_INT(esg_text_unfit_at("\xE0\x80\x80", 3, &ucp), 0);
	CHECK_INT(esg_text_unfit_at("\xED\xA0\x80", 3, &ucp), 0);
	CHECK_INT(esg_text_unfit_at("\xEE\x80\x80", 3, &ucp), 3);
	uint32_t fcp = 0;
	CHECK_INT(esg_text_unfit_at("\xE4\xB8\xAD\xEF\xB7\x90", 6, &fcp), 3);
	CHECK_INT(fcp, 0xFDD0);
	CHECK_INT(esg_text_unfit_at("\xEF\xBF\xBE", 3, &fcp), 0);
	CHECK_INT(fcp, 0xFFFE);
	CHECK_INT(esg_text_unfit_at("a\xC2\x85", 3, &fcp), 1);
	CHECK_INT(fcp, 0x85);
	CHECK_INT(esg_text_unfit_at("\xE4\xB8\xAD\xEE\x80\x80", 6, &fcp), 6);
	/* Past the eight-bytes-at-a-time path for plain ASCII: each kind of
	 * byte it must stop at, at every offset in and after a word. */
	for (size_t at = 0; at < 24; at++) {
		static const char stops[] = { 0x01, 0x1F, 0x7F, 0x00 };
		for (size_t k = 0; k < sizeof stops; k++) {
			char line[25];
			memset(line, 'x', 24);
			line[24] = '\0';
			line[at] = stops[k];
			uint32_t scp = 99;
			CHECK_INT(esg_text_unfit_at(line, 24, &scp), at);
			CHECK_INT(scp, (unsigned char)stops[k]);
		}
		char ok[25];
		memset(ok, ' ', 24);
		ok[at] = at % 3 == 0 ? '\t' : at % 3 == 1 ? '\n' : '\r';
		uint32_t scp;
		CHECK_INT(esg_text_unfit_at(ok, 24, &scp), 24);
		char high[25];
		memset(high, 'y', 24);
		high[at] = (char)0xFF;
		CHECK_INT(esg_text_unfit_at(high, 24, &scp), at);
		CHECK_INT(scp, ESG_CP_INVALID);
	}
	CHECK_INT(esg_utf8_count("a中b", 5), 3);
	/* A fingerprint tells one byte changed anywhere, and the length. */
	const char *chapter = "# 排放\n\n2024年排放总量为12,345吨。\n";
	size_t clen = strlen(chapter);
	uint64_t h = esg_hash64(chapter, clen);
	CHECK(h == esg_hash64(chapter, clen));
	CHECK(h != esg_hash64(chapter, clen - 1));
	CHECK(esg_hash64("", 0) != esg_hash64("\0", 1));
	char edited[64];
	int differ = 0;
	for (size_t i = 0; i < clen; i++) {
		memcpy(edited, chapter, clen);
		edited[i] ^= 1;
		differ += esg_hash64(edited, clen) != h;
	}
	CHECK_INT(differ, clen);
}
