/* esgsite search index: generated, do not edit. */
window.ESGSITE_SEARCH = {"lang": "zh-Hans",
"entries": [
[0,"raw","1","原始 HTML","本段含 ESG 与 强调1，以及链接1.1 未闭合。 块级 HTML 列表中的 Ctrl"],
[0,"raw-1","1.1","未闭合","未闭合的粗体 段落继续。"]],
"pages": [
["raw.html","原始 HTML"]]};
