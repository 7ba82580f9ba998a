/* esgsite search index: generated, do not edit. */
window.ESGSITE_SEARCH = {"lang": "zh-Hans",
"entries": [
[0,"raw","1","原始 HTML","本段含 ESG 与 强调1，以及链接1.1 未闭合。 块级 HTML 列表中的 Ctrl"],
[0,"raw-1","1.1","未闭合","未闭合的粗体 段落继续。"],
[0,"links","1.2","链接","见 内联链接 与 Markdown 链接。 块级链接 外部"],
[0,"prices","1.3","价格表 {#usd}","以美元计。"],
[0,"raw-3-1","1.3.1","汇率 {#cny}","文字。"],
[0,"raw-4","1.4","汇率说明 {#setx}","文字。"],
[0,"bs","1.5","反斜杠 \\","文字。 原始框 见原始框。"]],
"pages": [
["raw.html","原始 HTML"]]};
