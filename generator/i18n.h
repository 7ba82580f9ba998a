/*
 * i18n.h — the words esgsite itself puts on pages, per language.
 *
 * Built in for Simplified Chinese, Traditional Chinese and English; any
 * other language gets the English words. Templates reach them as
 * variables named "ui.NAME".
 */
#ifndef ESG_I18N_H
#define ESG_I18N_H

#include "arena.h"

typedef enum esg_ui {
	ESG_UI_SKIP,
	ESG_UI_LANGUAGE,
	ESG_UI_CONTENTS,
	ESG_UI_ON_THIS_PAGE,
	ESG_UI_PRINT_VERSION,
	ESG_UI_COVER,
	ESG_UI_PREVIOUS,
	ESG_UI_NEXT,
	ESG_UI_CHAPTER_NAV,
	ESG_UI_FOOTNOTES,
	ESG_UI_BACK_TO_TEXT,
	ESG_UI_PERIOD,
	ESG_UI_STOCK_CODE,
	ESG_UI_CHOOSE_LANGUAGE,
	ESG_UI_TABLE,
	ESG_UI_COVERS,
	ESG_UI_INDEX_EMPTY,
	ESG_UI_INDICATOR,
	ESG_UI_UNIT,
	ESG_UI_NOT_AVAILABLE,
	ESG_UI_CHANGE_ON,
	ESG_UI_DATA,
	ESG_UI_DOWNLOAD_PDF,
	ESG_UI_SEARCH,
	ESG_UI_SEARCH_LABEL,
	ESG_UI_SEARCH_NONE,
	ESG_UI_SEARCH_ONE,
	ESG_UI_SEARCH_SOME,
	ESG_UI_SEARCH_NO_SCRIPT,
	ESG_UI_SEARCH_HINT,
	ESG_UI_CHAPTERS,
	ESG_UI_COUNT
} esg_ui;

typedef enum esg_script { ESG_SCRIPT_EN, ESG_SCRIPT_HANS, ESG_SCRIPT_HANT } esg_script;

/* Which built-in word list a BCP 47 tag gets: zh-Hant, zh-TW, zh-HK and
 * zh-MO are Traditional, other zh tags Simplified, the rest English. */
esg_script esg_script_of(const char *tag);
const char *esg_ui_text(const char *tag, esg_ui key);
/* The variable name suffix: ESG_UI_ON_THIS_PAGE -> "on-this-page". */
const char *esg_ui_name(esg_ui key);
/* The Open Graph locale of a BCP 47 tag: "zh-Hant-HK" -> "zh_HK",
 * "zh-Hans" -> "zh_CN", "zh-Hant" -> "zh_TW", "en" -> "en_US". */
const char *esg_og_locale(esg_arena *a, const char *tag);
/* "2024年1月1日至2024年12月31日" or "1 January 2024 to 31 December 2024". */
char *esg_format_period(esg_arena *a, const char *tag, const char *start,
    const char *end);

#endif
