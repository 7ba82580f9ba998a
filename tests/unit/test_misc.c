/* Small modules: i18n, strmap, buf, paths, diagnostics. */
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include "harness.h"
#include "i18n.h"
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>

void
test_misc(void)
{
	CHECK_INT(esg_script_of("zh-Hans"), ESG_SCRIPT_HANS);
	CHECK_INT(esg_script_of("zh-CN"), ESG_SCRIPT_HANS);
	CHECK_INT(esg_script_of("zh"), ESG_SCRIPT_HANS);
	CHECK_INT(esg_script_of("zh-Hant"), ESG_SCRIPT_HANT);
	CHECK_INT(esg_script_of("zh-Hant-HK"), ESG_SCRIPT_HANT);
	CHECK_INT(esg_script_of("zh-HK"), ESG_SCRIPT_HANT);
	CHECK_INT(esg_script_of("zh-TW"), ESG_SCRIPT_HANT);
	CHECK_INT(esg_script_of("en"), ESG_SCRIPT_EN);
	CHECK_INT(esg_script_of("zha"), ESG_SCRIPT_EN);
	CHECK_STR(esg_ui_text("zh-Hant", ESG_UI_CONTENTS), "目錄");
	CHECK_STR(esg_ui_text("zh-Hans", ESG_UI_CONTENTS), "目录");
	CHECK_STR(esg_ui_text("fr", ESG_UI_CONTENTS), "Contents");
	CHECK_STR(esg_ui_name(ESG_UI_ON_THIS_PAGE), "on-this-page");

	esg_arena a = ESG_ARENA_INIT;
	CHECK_STR(esg_format_period(&a, "zh-Hans", "2024-01-01", "2024-12-31"),
	    "2024年1月1日至2024年12月31日");
	CHECK_STR(esg_format_period(&a, "en", "2024-04-01", "2025-03-31"),
	    "1 April 2024 to 31 March 2025");
	CHECK_STR(esg_path_join(&a, "a/", "b"), "a/b");
	CHECK_STR(esg_path_join(&a, "", "b"), "b");
	CHECK_STR(esg_path_dir(&a, "a/b/c"), "a/b");
	CHECK_STR(esg_path_dir(&a, "c"), ".");
	CHECK(esg_path_within("/a/b", "/a"));
	CHECK(esg_path_within("/a", "/a"));
	CHECK(!esg_path_within("/ab", "/a"));
	CHECK(esg_path_within("/x", "/"));
	/* Big allocations get their own block; small ones keep sharing. */
	char *big = esg_arena_alloc(&a, 1 << 20);
	big[(1 << 20) - 1] = 1;
	CHECK_STR(esg_arena_strdup(&a, "after"), "after");
	esg_arena_free(&a);

	esg_strmap m = ESG_STRMAP_INIT;
	static char keys[1000][8];
	for (int i = 0; i < 1000; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		esg_strmap_put(&m, keys[i], (void *)(intptr_t)(i + 1));
	}
	CHECK_INT((intptr_t)esg_strmap_get(&m, "k999"), 1000);
	CHECK_INT((intptr_t)esg_strmap_put(&m, "k5", (void *)7), 6);
	CHECK(esg_strmap_get(&m, "nope") == NULL);
	CHECK_INT(m.count, 1000);
	esg_strmap_free(&m);

	esg_buf b = ESG_BUF_INIT;
	CHECK_STR(esg_buf_cstr(&b), "");
	for (int i = 0; i < 1000; i++)
		esg_buf_printf(&b, "%d,", i);
	CHECK(strncmp(b.ptr, "0,1,2,", 6) == 0);
	char *s = esg_buf_detach(&b);
	CHECK(b.ptr == NULL);
	free(s);

	/* Diagnostics: format and exit status. */
	esg_diag d = ESG_DIAG_INIT;
	esg_warning(&d, ESG_K_PARITY, (esg_pos){ "f.md", 3, 0 }, "w");
	CHECK_INT(d.status, 0);
	esg_error(&d, ESG_K_LINK, (esg_pos){ "f.md", 3, 7 }, "e %d", 1);
	CHECK_INT(d.status, 1);
	esg_input_error(&d, (esg_pos){ "g.yaml", 0, 0 }, "bad");
	CHECK_INT(d.status, 2);
	CHECK_STR(esg_kind_name(ESG_K_UNKNOWN_CODE), "unknown-code");
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	esg_diag_print(&d, fp);
	fclose(fp);
	CHECK_STR(text, "f.md:3: warning: w\nf.md:3:7: error: e 1\n"
	    "g.yaml: error: bad\n");
	free(text);
	esg_diag_free(&d);

	/* A file name from a directory listing may hold anything: a problem
	 * stays one line of valid UTF-8, the bytes that would break it shown
	 * as \xNN; text in any script stays as it is. */
	d = (esg_diag)ESG_DIAG_INIT;
	esg_input_error(&d, (esg_pos){ "zh/03-\xff\n\x7f\xe5\x87.md", 0, 0 },
	    "name '%s'", "\x01\xc3\x28");
	esg_error(&d, ESG_K_LINK, (esg_pos){ "zh/环境.md", 1, 1 }, "“%s”",
	    "排放");
	CHECK_STR(d.items[0].file, "zh/03-\\xff\\x0a\\x7f\\xe5\\x87.md");
	CHECK_STR(d.items[0].message, "name '\\x01\\xc3('");
	CHECK_STR(d.items[1].file, "zh/环境.md");
	CHECK_STR(d.items[1].message, "“排放”");
	esg_diag_free(&d);
}
