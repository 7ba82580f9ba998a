#include "i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const names[ESG_UI_COUNT] = {
	[ESG_UI_SKIP] = "skip",
	[ESG_UI_LANGUAGE] = "language",
	[ESG_UI_CONTENTS] = "contents",
	[ESG_UI_ON_THIS_PAGE] = "on-this-page",
	[ESG_UI_PRINT_VERSION] = "print-version",
	[ESG_UI_COVER] = "cover",
	[ESG_UI_PREVIOUS] = "previous",
	[ESG_UI_NEXT] = "next",
	[ESG_UI_CHAPTER_NAV] = "chapter-nav",
	[ESG_UI_FOOTNOTES] = "footnotes",
	[ESG_UI_BACK_TO_TEXT] = "back-to-text",
	[ESG_UI_PERIOD] = "period",
	[ESG_UI_STOCK_CODE] = "stock-code",
	[ESG_UI_CHOOSE_LANGUAGE] = "choose-language",
	[ESG_UI_TABLE] = "table",
	[ESG_UI_COVERS] = "covers",
	[ESG_UI_INDEX_EMPTY] = "index-empty",
	[ESG_UI_INDICATOR] = "indicator",
	[ESG_UI_UNIT] = "unit",
	[ESG_UI_NOT_AVAILABLE] = "not-available",
	[ESG_UI_CHANGE_ON] = "change-on",
	[ESG_UI_DATA] = "data",
	[ESG_UI_DOWNLOAD_PDF] = "download-pdf",
	[ESG_UI_SEARCH] = "search",
	[ESG_UI_SEARCH_LABEL] = "search-label",
	[ESG_UI_SEARCH_NONE] = "search-none",
	[ESG_UI_SEARCH_ONE] = "search-one",
	[ESG_UI_SEARCH_SOME] = "search-some",
	[ESG_UI_SEARCH_NO_SCRIPT] = "search-no-script",
	[ESG_UI_SEARCH_HINT] = "search-hint",
	[ESG_UI_CHAPTERS] = "chapters",
};

static const char *const words[3][ESG_UI_COUNT] = {
	[ESG_SCRIPT_EN] = {
		"Skip to content", "Language", "Contents", "On this page",
		"Print version", "Cover", "Previous", "Next",
		"Chapter navigation", "Notes", "Back to text",
		"Reporting period", "Stock code", "Choose a language", "Table",
		"Responds to", "No section declares any of these codes.",
		"Indicator", "Unit", "— not available or not applicable",
		"on %d", "Data", "Download the PDF",
		"Search", "Search this report",
		"Nothing in this report matches “{q}”.",
		"One result for “{q}”.",
		"{n} results for “{q}”.",
		"Search needs JavaScript. The whole report is also on one page: "
		"open the print version and use your browser’s Find.",
		"Words, figures or disclosure codes such as A1.2 or 305-1",
		"Chapters",
	},
	[ESG_SCRIPT_HANS] = {
		"跳到正文", "语言", "目录", "本页内容",
		"打印版", "封面", "上一章", "下一章",
		"章节导航", "注释", "返回正文",
		"报告期", "股份代号", "选择语言", "表格",
		"回应指标", "尚无章节声明对应的指标。",
		"指标", "单位", "— 表示数据不可得或不适用",
		"较%d年", "数据", "下载PDF版",
		"搜索", "搜索本报告",
		"本报告中没有与“{q}”匹配的内容。",
		"找到1条与“{q}”相关的结果。",
		"找到{n}条与“{q}”相关的结果。",
		"搜索需要启用JavaScript。本报告全文亦见于打印版单一页面，"
		"可打开打印版并使用浏览器的查找功能。",
		"可输入字词、数字或指标代码，如A1.2、305-1",
		"章节",
	},
	[ESG_SCRIPT_HANT] = {
		"跳到正文", "語言", "目錄", "本頁內容",
		"列印版", "封面", "上一章", "下一章",
		"章節導覽", "註釋", "返回正文",
		"報告期", "股份代號", "選擇語言", "表格",
		"回應指標", "尚無章節聲明對應的指標。",
		"指標", "單位", "— 表示數據不可得或不適用",
		"較%d年", "數據", "下載PDF版",
		"搜尋", "搜尋本報告",
		"本報告中沒有與「{q}」相符的內容。",
		"找到1項與「{q}」相關的結果。",
		"找到{n}項與「{q}」相關的結果。",
		"搜尋需要啟用JavaScript。本報告全文亦見於列印版單一頁面，"
		"可開啟列印版並使用瀏覽器的尋找功能。",
		"可輸入字詞、數字或指標代碼，如A1.2、305-1",
		"章節",
	},
};

static int
has_subtag(const char *tag, const char *sub)
{
	size_t n = strlen(sub);
	for (const char *p = strchr(tag, '-'); p; p = strchr(p + 1, '-'))
		if (strncasecmp(p + 1, sub, n) == 0 &&
		    (p[1 + n] == '\0' || p[1 + n] == '-'))
			return 1;
	return 0;
}

esg_script
esg_script_of(const char *tag)
{
	if (strncasecmp(tag, "zh", 2) != 0 || (tag[2] != '\0' && tag[2] != '-'))
		return ESG_SCRIPT_EN;
	if (has_subtag(tag, "Hans"))
		return ESG_SCRIPT_HANS;
	if (has_subtag(tag, "Hant") || has_subtag(tag, "TW") ||
	    has_subtag(tag, "HK") || has_subtag(tag, "MO"))
		return ESG_SCRIPT_HANT;
	return ESG_SCRIPT_HANS;
}

const char *
esg_ui_text(const char *tag, esg_ui key)
{
	return words[esg_script_of(tag)][key];
}

const char *
esg_ui_name(esg_ui key)
{
	return names[key];
}

char *
esg_format_period(esg_arena *a, const char *tag, const char *start,
    const char *end)
{
	static const char *const months[] = { "January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December" };
	int y1 = 0, m1 = 1, d1 = 1, y2 = 0, m2 = 1, d2 = 1;
	sscanf(start, "%d-%d-%d", &y1, &m1, &d1);
	sscanf(end, "%d-%d-%d", &y2, &m2, &d2);
	if (m1 < 1 || m1 > 12 || m2 < 1 || m2 > 12)
		return esg_arena_printf(a, "%s – %s", start, end);
	if (esg_script_of(tag) != ESG_SCRIPT_EN)
		return esg_arena_printf(a, "%d年%d月%d日至%d年%d月%d日", y1, m1,
		    d1, y2, m2, d2);
	return esg_arena_printf(a, "%d %s %d to %d %s %d", d1, months[m1 - 1],
	    y1, d2, months[m2 - 1], y2);
}

static bool
is_letter(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

const char *
esg_og_locale(esg_arena *a, const char *tag)
{
	/* The language's most common country when the tag names none. */
	static const char *const usual[][2] = {
		{ "en", "US" }, { "ja", "JP" }, { "ko", "KR" }, { "fr", "FR" },
		{ "de", "DE" }, { "es", "ES" }, { "pt", "PT" }, { "ms", "MY" },
		{ "vi", "VN" }, { "th", "TH" }, { "id", "ID" },
	};
	size_t n = strcspn(tag, "-");
	char lang[4] = "";
	if (n < 2 || n > 3)
		return "en_US";
	for (size_t i = 0; i < n; i++)
		lang[i] = (char)(tag[i] | 0x20);
	char region[4] = "";
	for (const char *p = tag + n; *p == '-'; ) {
		const char *sub = p + 1;
		size_t len = strcspn(sub, "-");
		if (len == 2 && is_letter(sub[0]) && is_letter(sub[1])) {
			region[0] = (char)(sub[0] & ~0x20);
			region[1] = (char)(sub[1] & ~0x20);
			break;
		}
		p = sub + len;
	}
	if (!region[0] && strcmp(lang, "zh") == 0)
		strcpy(region, esg_script_of(tag) == ESG_SCRIPT_HANT ? "TW" : "CN");
	for (size_t i = 0; !region[0] && i < sizeof usual / sizeof *usual; i++)
		if (strcmp(lang, usual[i][0]) == 0)
			strcpy(region, usual[i][1]);
	if (!region[0]) {
		region[0] = (char)(lang[0] & ~0x20);
		region[1] = (char)(lang[1] & ~0x20);
	}
	return esg_arena_printf(a, "%s_%s", lang, region);
}
