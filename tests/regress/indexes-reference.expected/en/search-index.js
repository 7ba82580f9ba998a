/* esgsite search index: generated, do not edit. */
window.ESGSITE_SEARCH = {"lang": "en",
"entries": [
[0,"report","1","Report",""],
[0,"emissions","1.1","Emissions","Emissions."],
[1,"gri-index","","GRI content index","GRI Standards (GRI 1: Foundation 2021) Statement of use 参考测试 has reported the information cited in this GRI content index for the period 1 April 2024 to 31 March 2025 with reference to the GRI Standards. GRI 1 used GRI 1: Foundation 2021 Applicable GRI Sector Standard(s) None GRI content index GRI Standard Disclosure Location Omission Requirement(s) omitted Reason Explanation"],
[1,"gri-2-1","2-1","Organizational details","GRI 2: General Disclosures 2021 2-1 Organizational details 1 Report"],
[1,"gri-2-2","2-2","Entities included in the organization's sustainability reporting","2-2 Entities included in the organization's sustainability reporting 1 Report"],
[1,"gri-3-3-climate","3-3/climate","Management of material topics: Climate change","GRI 3: Material Topics 2021 3-3 Management of material topics: Climate change 1.1 Emissions"],
[1,"gri-3-3-water","3-3/water","Management of material topics: Water","3-3 Management of material topics: Water 1 Report"],
[1,"gri-305-1","305-1","Direct (Scope 1) GHG emissions","GRI 305: Emissions 2016 305-1 Direct (Scope 1) GHG emissions 1.1 Emissions"],
[1,"gri-305-3","305-3","Other indirect (Scope 3) GHG emissions","305-3 Other indirect (Scope 3) GHG emissions — 305-3 Information unavailable/incomplete Scope 3 inventory in progress."],
[2,"ungc-index","","UN Global Compact index","Ten Principles (2024) UN Global Compact index Code Disclosure Status Location Human rights Extra"],
[2,"ungc-P1","P1","Support human rights","P1 Support human rights Disclosed 1 Report"],
[2,"ungc-P2","P2","No complicity","P2 No complicity Not applicable Does not apply."],
[2,"ungc-A1.9","A1.9","Nine","A1.9 Nine Disclosed 1 Report"],
[2,"ungc-A1.10","A1.10","Ten","A1.10 Ten Disclosed 1 Report"],
[3,"sdg-index","","Goals we support","Two goals Goals we support Goal Location"],
[3,"sdg-2","2","Second goal","Goal 2 Second goal 1.1 Emissions"]],
"pages": [
["report.html","Report"],
["gri-index.html","GRI content index"],
["ungc-index.html","UN Global Compact index"],
["sdg-index.html","Goals we support"]]};
