/* esgsite search index: generated, do not edit. */
window.ESGSITE_SEARCH = {"lang": "zh-Hans",
"entries": [
[0,"report","1","报告",""],
[0,"emissions","1.1","排放","排放。"],
[1,"gri-index","","GRI内容索引","GRI标准（GRI 1：基础 2021） 使用声明 参考测试已参考GRI标准报告本GRI内容索引所引用的2024年4月1日至2025年3月31日期间的信息。 使用的GRI 1 GRI 1：基础 2021 适用的GRI行业标准 无 GRI内容索引 GRI标准 披露项 位置"],
[1,"gri-2-1","2-1","组织详细情况","GRI 2：一般披露 2021 2-1 组织详细情况 1 报告"],
[1,"gri-2-2","2-2","纳入组织可持续发展报告的实体","2-2 纳入组织可持续发展报告的实体 1 报告"],
[1,"gri-305-1","305-1","直接（范围1）温室气体排放","GRI 305：排放 2016 305-1 直接（范围1）温室气体排放 1.1 排放"],
[2,"ungc-index","","联合国全球契约索引","Ten Principles (2024) 联合国全球契约索引 编号 内容 状态 位置 人权 附加"],
[2,"ungc-P1","P1","支持人权","P1 支持人权 已披露 1 报告"],
[2,"ungc-P2","P2","不同谋","P2 不同谋 不适用 不适用。"],
[2,"ungc-A1.9","A1.9","九","A1.9 九 已披露 1 报告"],
[2,"ungc-A1.10","A1.10","十","A1.10 十 已披露 1 报告"],
[3,"sdg-index","","Goals we support","Two goals Goals we support 目标 位置"],
[3,"sdg-2","2","Second goal","Goal 2 Second goal 1.1 排放"]],
"pages": [
["report.html","报告"],
["gri-index.html","GRI内容索引"],
["ungc-index.html","联合国全球契约索引"],
["sdg-index.html","Goals we support"]]};
