"""The phrasings of `plangap bench`'s generated pages (plangap/benchgen.py): our own templates, no
corpus text. Each template names the indicator it states and how its number is written, so that
the generator knows the truth of every page it writes.

Targets are written the way plans write their main expected targets (增长6.5%左右, 新增就业X万人以上,
PM2.5浓度降至X微克/立方米, 新建X个…); facts the way bulletins and releases report them (全市地区生产总值
X亿元，比上年增长X%; a table of this month's and the year-to-date figures).
"""
from __future__ import annotations

from dataclasses import dataclass

#: how a unit as written scales to the normalised unit (transform/units.py has the real vocabulary)
UNITS = {"%": (1.0, "%"), "亿元": (1e8, "元"), "元": (1.0, "元"), "万人": (1e4, "人"), "个": (1.0, "个"),
         "微克/立方米": (1.0, "微克/立方米")}


@dataclass(frozen=True)
class TargetTemplate:
    """One main expected target: `text` takes {v}; the comparator and modifier it means."""

    indicator_id: str
    key: str  # the value of the region-year it states (benchgen.Values)
    unit: str
    variants: tuple[tuple[str, str, str | None], ...]  # (text, comparator, modifier)


#: this year's main expected targets (主要预期目标), one sentence each, joined by ；
EXPECTED = (
    TargetTemplate("gdp", "gdp_growth", "%", (("地区生产总值增长{v}%左右", "=", "左右"),
                                              ("地区生产总值增长{v}%以上", ">=", "以上"),
                                              ("地区生产总值增长{v}%", "=", None))),
    TargetTemplate("public_budget_revenue", "revenue_growth", "%", (("一般公共预算收入增长{v}%", "=", None),
                                                                    ("一般公共预算收入增长{v}%左右", "=", "左右"))),
    TargetTemplate("urban_new_jobs", "new_jobs", "万人", (("城镇新增就业{v}万人以上", ">=", "以上"),
                                                         ("城镇新增就业{v}万人", "=", None))),
    TargetTemplate("disposable_income_all", "income_growth", "%", (("居民人均可支配收入增长{v}%", "=", None),)),
    TargetTemplate("retail_sales", "retail_growth", "%", (("社会消费品零售总额增长{v}%左右", "=", "左右"),
                                                         ("社会消费品零售总额增长{v}%", "=", None))),
    TargetTemplate("fixed_asset_investment", "investment_growth", "%", (("固定资产投资增长{v}%", "=", None),)),
    TargetTemplate("pm25", "pm25", "微克/立方米", (("PM2.5浓度降至{v}微克/立方米", "<=", "降至"),
                                                 ("PM2.5浓度控制在{v}微克/立方米以内", "<=", "以内"))),
)

#: the work plan's counted projects (重点工作), one sentence each
WORKS = (
    TargetTemplate("base_stations_5g", "stations_5g", "个", (("新建5G基站{v}个", "=", None),)),
    TargetTemplate("new_school_places", "school_places", "个", (("新增学位{v}个", "=", None),)),
    TargetTemplate("school_projects", "school_projects", "个", (("新建改扩建学校项目{v}个", "=", None),)),
)


@dataclass(frozen=True)
class FactTemplate:
    """One bulletin sentence: its text takes the values it names; (indicator, measure, key, unit) per number."""

    text: str
    numbers: tuple[tuple[str, str, str, str], ...]


#: a bulletin's sections: (heading, sentences)
BULLETIN = (
    ("一、综合", (
        FactTemplate("初步核算，全市地区生产总值{gdp}亿元，按不变价格计算，比上年增长{gdp_growth}%。",
                     (("gdp", "level", "gdp", "亿元"), ("gdp", "growth_pct", "gdp_growth", "%"))),
    )),
    ("二、财政和投资", (
        FactTemplate("全年一般公共预算收入{revenue}亿元，比上年增长{revenue_growth}%。",
                     (("public_budget_revenue", "level", "revenue", "亿元"),
                      ("public_budget_revenue", "growth_pct", "revenue_growth", "%"))),
        FactTemplate("全年固定资产投资比上年增长{investment_growth}%。",
                     (("fixed_asset_investment", "growth_pct", "investment_growth", "%"),)),
    )),
    ("三、国内贸易", (
        FactTemplate("全年社会消费品零售总额{retail}亿元，比上年增长{retail_growth}%。",
                     (("retail_sales", "level", "retail", "亿元"), ("retail_sales", "growth_pct", "retail_growth", "%"))),
    )),
    ("四、人民生活和就业", (
        FactTemplate("全年城镇新增就业{new_jobs}万人。", (("urban_new_jobs", "level", "new_jobs", "万人"),)),
        FactTemplate("全年全市居民人均可支配收入{income}元，比上年增长{income_growth}%。",
                     (("disposable_income_all", "level", "income", "元"),
                      ("disposable_income_all", "growth_pct", "income_growth", "%"))),
    )),
    ("五、教育和信息化", (
        FactTemplate("全年新增学位{school_places}个。", (("new_school_places", "level", "school_places", "个"),)),
        FactTemplate("全年新建5G基站{stations_5g}个。", (("base_stations_5g", "level", "stations_5g", "个"),)),
    )),
    ("六、生态环境", (
        FactTemplate("全年PM2.5平均浓度为{pm25}微克/立方米。", (("pm25", "level", "pm25", "微克/立方米"),)),
    )),
)

#: the review of last year in a plan (its actuals: period plan year - 1)
REVIEW = FactTemplate("过去一年，全市实现地区生产总值{gdp}亿元，增长{gdp_growth}%；城镇新增就业{new_jobs}万人。",
                      (("gdp", "level", "gdp", "亿元"), ("gdp", "growth_pct", "gdp_growth", "%"),
                       ("urban_new_jobs", "level", "new_jobs", "万人")))

#: a release's table rows: (name, indicator, unit, this month's key or None, year-to-date key or None, growth key)
RELEASE_ROWS = (
    ("社会消费品零售总额", "retail_sales", "亿元", "retail_month", "retail_ytd", "retail_ytd_growth"),
    ("一般公共预算收入", "public_budget_revenue", "亿元", "revenue_month", "revenue_ytd", "revenue_ytd_growth"),
    ("固定资产投资", "fixed_asset_investment", "亿元", None, None, "investment_ytd_growth"),
)

#: prose without numbers, drawn to give the pages the length of real ones
OPENINGS = ("坚持稳中求进工作总基调", "完整准确全面贯彻新发展理念", "统筹发展和安全", "着力推动高质量发展",
            "深化重点领域改革", "持续优化营商环境", "扎实推进共同富裕", "全面推进乡村振兴", "加快建设现代化产业体系",
            "积极扩大有效需求", "持续保障和改善民生", "推动城乡融合发展")
MIDDLES = ("聚焦主导产业强链补链", "推动科技创新和产业创新深度融合", "强化企业创新主体地位", "提升城市能级和品质",
           "深入实施城市更新行动", "加强生态环境系统治理", "健全多层次社会保障体系", "促进教育公平和质量提升",
           "推动文化事业和文化产业繁荣发展", "守牢安全生产底线", "提高基层治理效能", "发展壮大民营经济",
           "打造内陆开放高地", "拓展对外交流合作")
CLOSINGS = ("为全面建设社会主义现代化城市开好局起好步", "不断增强人民群众获得感幸福感安全感",
            "奋力谱写高质量发展新篇章", "以实干实绩回应群众期盼", "切实把各项部署落到实处", "努力交出高分答卷")
HEADINGS = ("着力扩大内需", "着力建设现代化产业体系", "着力深化改革开放", "着力推进城乡融合", "着力加强生态建设",
            "着力保障改善民生", "着力防范化解风险", "着力提升治理效能")
