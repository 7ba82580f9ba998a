#include "i18n.h"

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
	},
	[ESG_SCRIPT_HANS] = {
		"跳到正文", "语言", "目录", "本页内容",
		"打印版", "封面", "上一章", "下一章",
		"章节导航", "注释", "返回正文",
		"报告期", "股份代号", "选择语言", "表格",
		"回应指标", "尚无章节声明对应的指标。",
		"指标", "单位", "— 表示数据不可得或不适用",
		"较%d年", "数据", "下载PDF版",
	},
	[ESG_SCRIPT_HANT] = {
		"跳到正文", "語言", "目錄", "本頁內容",
		"列印版", "封面", "上一章", "下一章",
		"章節導覽", "註釋", "返回正文",
		"報告期", "股份代號", "選擇語言", "表格",
		"回應指標", "尚無章節聲明對應的指標。",
		"指標", "單位", "— 表示數據不可得或不適用",
		"較%d年", "數據", "下載PDF版",
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
