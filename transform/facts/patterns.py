"""Every pattern of the statistics fact extractor (transform/facts/), compiled once at import.

All patterns run on `normalize()` output (transform/text/normalize.py: simplified characters,
ASCII digits). Units come from the one vocabulary, transform/units.py. The groups follow the
modules that read them: tokens.py (numbers and units), filters.py (numbers that are no reported
figures), measures.py and cells.py (measures and periods), segments.py and clauses.py (sentences,
segments, indicator words), areas.py (whose figure it is), periods.py (periods).
"""
from __future__ import annotations

import re

from plangap.transform.text.guard import guarded
from plangap.transform.units import (
                                     CN_MULTIPLIER,
                                     CN_MULTIPLIERS,
                                     MULTIPLIER,
                                     POINT_UNITS,
                                     STAT_PERCENT_UNITS,
                                     STAT_UNIT_BODY,
                                     TIMES,
)

# ---- numbers and units (tokens.py) -------------------------------------------------------

# the unit after a number: a percent-like unit or 倍, or a base unit (transform/units.py) that a
# multiplier may lead
SPECIAL_UNITS = "(?:" + "|".join(STAT_PERCENT_UNITS + (TIMES,)) + ")"
UNIT = re.compile(rf"\s*(?P<unit>{SPECIAL_UNITS}|{MULTIPLIER}?(?:{STAT_UNIT_BODY}))")
ARABIC = re.compile(r"(?<![\d.])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)")
RATIO = re.compile(r"(?<![\d.])(?P<ratio>\d+(?:\.\d+)?(?:\s*[:∶]\s*\d+(?:\.\d+)?)+)(?![\d.])")
CN_CHARS = "零〇○一二两三四五六七八九十百千万亿廿卅卌"
PERCENT_CN = re.compile(r"百分之(?P<cn>[零〇一二两三四五六七八九十百点]+)")
PERMILLE_CN = re.compile(r"千分之(?P<cn>[零〇一二两三四五六七八九十百点]+)")
# 提高一点四个百分点, 回落零点八个百分点, 下降三个千分点: the unit makes a lone numeral a value
POINTS_CN = re.compile(
    rf"(?<![\d.第{CN_CHARS}])(?P<cn>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)"
    r"(?P<unit>" + "|".join(POINT_UNITS) + ")")
CHINESE = re.compile(
    rf"(?<![\d.第{CN_CHARS}])(?P<cn>[零〇○一二两三四五六七八九十廿卅卌][{CN_CHARS}]*(?:点[零〇一二三四五六七八九]+)?)(?P<approx>多|余)?"
    rf"(?P<cnmult>{'|'.join(w for w in CN_MULTIPLIERS if len(w) == 1)})?(?P<approx2>多|余)?(?=(?P<cnunit>{STAT_UNIT_BODY}))"
)
CN_MULTIPLIER_END = re.compile(CN_MULTIPLIER + "$")
MULTIPLIER_AT = re.compile(MULTIPLIER)
# words right before a number that make it not a reported value
THRESHOLD_BEFORE = re.compile(r"(?:逼近|接近|不到|不足|近|第|居|排|前|后|或|小于|大于|均(?:超过|突破|跨越|逾|超))$")
# 超过250万户 is a reported figure, 超过1亿人,达到1.01亿人 is a threshold before the figure
SOFT_THRESHOLD = re.compile(r"(?:超过|突破|跨越|逾|超|过)$")
THRESHOLD_FOLLOWED = re.compile(r"^\s*(?:的|[,，]?\s*(?:达到|为|达|是|仅为))")
#: the bounds after a number that a review's level may carry (保持在90%以上, 稳定在5.5%左右)
REVIEW_BOUND = re.compile(r"^(?:以上|以下|以内|及以上|左右)")
NOT_AFTER = re.compile(r"^(?:以上|以下|以内|及以上|及以下|左右|关口|人口变动|抽样|强|大关|俱乐部|台阶|周年|届|次全会|位|名|百分|千分)")
# counts of places or categories (41个行业大类中有36个, 21个市州, 16个设区的市)
#: a count of places that is a part of a larger count (41个行业大类中有36个): never a figure of its own
COUNT_OF_PARTS = re.compile(r"^[^,，。;]{0,10}中")
COUNT_OF_UNITS = re.compile(r"^(?:设区的)?(?:市州|市|州|县|区|省|行业|大类|国家|城市|地区|断面|乡镇|镇|村|[^,，。;]{0,10}中)")
TIME_AFTER = re.compile(r"^\s*(?:年(?!均)|月|日|号|时|分钟|季度|世纪|年代)")
LETTER_AFTER = re.compile(r"^[A-Za-z+]")
AGE_BAND = re.compile(r"^岁(?:及以上|以上|以下|人口|组|-|至)")
# a number of years as a level's unit: 平均受教育年限为10.68年, 平均工作年限12.3年
YEARS_BEFORE = re.compile(r"年限(?:为|是|达到|达)?\s*$")
# a denominator (每10万人中, 每100户), a formula (×100%), the base of an index or ratio (以女性为100)
PER_BEFORE = re.compile(r"每\s*$")
FORMULA_BEFORE = re.compile(r"[×*÷/=]\s*$")
BASE_DEF = re.compile(r"(?<![及])以(?![上下内来后前])[^,，。;:]{1,10}为\s*$")
RESPECTIVELY = re.compile(r"分别(?:为|是|达到|达|实现|完成)?(?:增长|下降|上涨|下跌|回落|减少|增加|提高|降低)?(?:了|为)?\s*$")
ITEM_RUN = re.compile(r"(?:[\u4e00-\u9fff]{2,6}?业){2,}")
#: the separator of a ratio's terms (2.1∶46.3∶51.6)
RATIO_SEP = re.compile(r"\s*[:∶]\s*")
#: a Chinese numeral with a magnitude character: a lone 一 or 三 is no value
CN_MAGNITUDE = re.compile("[十百千万亿廿卅卌]")
#: 年 as the unit of a number of years (not 年份, 年度, 年末, 年底, nor a date)
YEARS_UNIT_AFTER = re.compile(r"^\s*年(?![\d份度末底])")
#: the first end of a range (0-15岁) and the first term of a name (1+1)
RANGE_AFTER = re.compile(r"^\s*[-~—至]\s*\d")
#: a verb of movement before 至 (提高至64.8%, 由3.27缩小至2.93, 增至10人): the number is the level
#: reached, not the second end of a range (5%至6%)
MOVED_TO = re.compile(r"(?:提高|提升|增加|增|降|下降|降低|缩小|扩大|恢复|减少|压缩|压减|升|上升|缩减|拓展|延长|缩短"
                      r"|攀升|跃升|回升|回落|扩展|拓宽|增长|上调|下调|调整|放宽|扩容)至$")
PLUS_AFTER = re.compile(r"^\s*\+")
#: the last group of a number left split by a space (对象 38 612 人)
THREE_DIGITS = re.compile(r"\d{3}")
DIGIT_GROUP_BEFORE = re.compile(r"(?<![\d.])\d{1,3}[^\S\n]+$")
#: an age band after N岁 (65岁及以上人口)
AGE_GROUP_AFTER = re.compile(r"^(?:及以上|以上|以下|人口|组)")
#: a count of cities before a threshold (16个市中有5个市超过…)
COUNT_OF_CITIES = re.compile(r"\d个?市")
#: a part of a count named before it (41个行业大类中有36个)
PART_OF_COUNT = re.compile(r"\d+个[^。;]{0,12}(?<!其)中[,，]?有?[^。;]{0,30}$")
#: about (多, 余) written inside a number and its unit (750余万人次, 1.4万余家)
APPROX_INSIDE = re.compile(rf"(?P<m1>{MULTIPLIER})?[多余](?P<m2>{MULTIPLIER})?")
#: letters right before a number (PM2.5, 5G)
LETTERS_END = re.compile(r"[A-Za-z]+$")
#: brackets and what they hold
BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
#: words that join two list items
JOINERS = re.compile(r"和|及|与")
#: what cuts a sentence into clauses before 分别
CLAUSE_SEP = re.compile(r"[,，:]")
#: numbers and signs that open a clause
NUMBER_LEAD = re.compile(r"^[\s\d\-.%]*")
#: a CJK character
CJK = re.compile(r"[\u4e00-\u9fff]")
#: linking words that name no list (其中, 同时, 此外)
LINKING_WORD = re.compile(r"(?:其中|同时|此外)")

# ---- numbers that are no reported figures (filters.py) -----------------------------------

TARGET_NEAR = re.compile(r"(?:目标|预期)(?:任务|进度)?的?(?:\s*-?[\d.]+\s*%?\s*[、和])*\s*$")
# completion of a plan or budget: 完成年度预算的86.4%, 完成年度投资计划的91.3%, 为预算的百分之一百零二
COMPLETION = re.compile(r"(?:预算|计划|任务|目标)(?:数)?的(?:\s*-?[\d.]+\s*%?\s*[、和])*\s*$")
# a definition's threshold: 统计起点为年主营业务收入2000万元, 起点标准为500万元
THRESHOLD_DEF = re.compile(r"起点(?:标准)?(?:为|是|:)|标准(?:为|是)年")
# a figure a plan sets, not one that happened: 力争达到3.1%, 力争…突破2300亿元
# (争取中央资金390亿元 reports money obtained: 争取 aims only when it aims at a level or a rate)
AIM = re.compile(r"力争|(?:争取|确保)(?=达到|实现|完成|突破|超过|增长|提高|全年|年内|到\d{4}年)")
# method figures of a survey: 抽样比为1.2‰
METHOD_DEF = re.compile(r"(?:抽样比|抽样误差|置信度|置信水平|抽样框|样本户|样本量|样本数)(?:为|是|约|达)?\s*$")
# a unit conversion (1公顷=15亩, 1万千瓦时=1.229吨标准煤, 薯类按5公斤鲜薯折1公斤粮食计算): both sides of
# the = or of 按…折 are a rate of exchange, not figures
CONVERSION_BEFORE = re.compile(r"按\s*$|按[^,，。;:]{0,12}?折(?![合算])\s*$")
CONVERSION_AFTER = re.compile(r"^\s*=|^[^,，。;:\d]{0,8}?折(?![合算])\s*\d")
# a normal range or a standard the figure is held to (保持在正常保有量（3.80万头）的合理区间内)
NORM_RANGE_BEFORE = re.compile(r"(?:正常保有量|合理保有量|合理区间|正常区间|合理水平|正常水平)[(（]?\s*$")
NORM_RANGE_AFTER = re.compile(r"^[)）]?\s*(?:的|之)?(?:合理区间|正常区间|合理范围|正常范围)")
# what a survey covers (调查涵盖8大类、268个基本分类): its scope, not a statistic
SURVEY_SCOPE = re.compile(r"(?:调查|统计|监测)(?:范围)?(?:涵盖|覆盖|包括|包含)[^,，。;]{0,20}$")
# the scope of a statistic defined (规模以上服务业统计范围为年营业收入2000万元及以上…（部分行业为1000万元…）,
# 统计口径为…, 起点标准为…, 限额以上单位:指…): every number after it in the sentence is a threshold,
# its bracketed alternatives too, until a verb reports a figure
SCOPE_DEF = re.compile(r"(?:统计|调查)(?:范围|口径|起点|对象)(?:标准)?(?:为|是|:|指)|起点(?:标准)?(?:为|是|:)|"
                        r"标准(?:为|是)年|是指|指的是|^[^,，\d]{1,20}:\s*指")
REPORTS = re.compile(r"增长|下降|同比|比上年|较上年|比去年|实现|完成|累计")
# a worked example: a made-up case (假设…, 举例来说…) anywhere; 例如/比如/如/即 only in a sentence
# that explains a term (个百分点:两个百分数之差的单位,例如由5%上升到6%,即提高1个百分点) - in a
# report 例如新能源汽车产量增长35.2% gives a figure
HYPOTHETICAL = re.compile(r"假如|假设|打个比方|举例(?:来说|而言|说明)?|举个例子")
EXAMPLE = re.compile(r"例如|比如|譬如|(?:^|[,，(（:])(?:如|即)(?![期下此今果何同时])")
EXPLAINS = re.compile(r"是指|指的是|[之的]差|的单位|定义|含义|计算公式|公式为|用于|用来|意思是|也就是说|"
                       r"^[^,，\d:]{1,20}:\s*(?:指|表示|是|为|反映)")
# a worked change explained (由100上升到102,表示上涨2%; 从5%提高至6%,即…): an example's made-up move
# from one value to another; 例如全市失业率由5.6%下降到5.2% alone reports a real move
WORKED_CHANGE = re.compile(r"(?:由|从)\s*-?[\d.]+\s*%?\s*(?:上升|下降|提高|降低|增加|减少|增长|上涨|下跌|变为|变动)"
                            r"(?:到|至|为)\s*-?[\d.]+\s*%?[^。;；]{0,6}?(?:表示|即|意味着|相当于|说明)")
# a figure quoted inside the words of a promise, a target or a plan (承诺的“新增学位3000个”,
# 目标为“森林覆盖率达到45%”): the pledge's figure, not a reported one
PLEDGE_QUOTE = re.compile(r"(?:承诺|目标|计划|任务|规划|指标|许诺|提出)(?:的|是|为|了|:)?\s*[“\"「『][^”\"」』]*$")
# progress against the calendar (超序时进度2.4个百分点, 快于时间进度5个百分点): a completion measure
SCHEDULE = re.compile(r"序时进度|时序进度|时间进度|序时目标")
# a move of a rank (比上年前移1位, 排名上升3位, 位次提升2名): not a statistic
RANK_MOVE = re.compile(r"(?:前移|后移|上移|下移|前进|后退|上升|下降|提升|提高|下滑|跃升|进|退)了?\s*$")
RANK_WORDS = re.compile(r"排名|排位|位次|名次|排序|第\s*[\d一二三四五六七八九十]+\s*[位名]|[居列排](?:全|第|前|后|在|于)")
RANK_UNITS = ("位", "名", "个位次", "位次")
# a page's view counter (浏览：1,204次, 阅读量 3.2万, 点击次数: 473)
COUNTER = re.compile(r"(?:浏览|阅读|点击|访问|查看)(?:量|数|次数|人次|数量)?\s*[:：]?\s*$")
# the rest of the sentence sets targets or states a plan (预算为557.5亿元: a budget, not an outcome)
# (根据省下达的目标,“十四五”期间…下降14%: the target it quotes)
TARGETS_AHEAD = re.compile(r"目标(?:是|为|:)|预期目标|目标任务是|(?:预算|计划)(?:数|额)?(?:为|是|:)|"
                            r"(?:根据|按照|对照)[^,，。;]{0,12}目标[,，]")
INDEX = re.compile(r"指数(?:为|达|达到|是)?\s*$")
# indicators whose level is a bare number: 价格指数 102.1, 常住人口性别比 103.79, 基尼系数 0.46
UNITLESS_LEVEL = re.compile(r"(?:指数|性别比|系数)$")
# a count of words to learn (HSK经济词汇100个): a glossary's size, not a statistic
VOCABULARY = re.compile(r"(?:词汇|词语|术语|生词|单词|例句|练习题?)$")
#: a target named right after the number (…的目标, 年度目标)
TARGET_AFTER = re.compile(r"^(?:的)?(?:[\u4e00-\u9fff]{0,4}?)目标")
#: a move of a rank that needs no rank word in the sentence (前移1位)
RANK_SHIFT = re.compile(r"(?:前移|后移|上移|下移|前进|后退)了?\s*$")

# ---- measures and periods (measures.py, cells.py) ----------------------------------------

GROWTH_UP = r"增长|增|上涨|涨|提高|提升|加快|回升|扩大|增加|上升|拉动|高于|高出|高|快于|快"
GROWTH_DOWN = r"下降|降|回落|减少|减|下滑|下跌|跌|缩小|收窄|放缓|降低|减小|下落|低于|低|慢于|慢"
CONT_VERBS = (r"增长|下降|上涨|回落|减少|提高|提升|加快|回升|扩大|增加|上升|拉动|高于|低于|快于|慢于|下滑|下跌|"
               r"缩小|收窄|放缓|降低|减小|下落|高出")
IMMEDIATE_VERB = re.compile(rf"(?P<verb>{GROWTH_DOWN}|{GROWTH_UP})(?:了|为|达|约)?\s*$")
LEVEL_DOWN = re.compile(r"(?:减少|下降|下落|减小|降低|回落|下滑|净减)了?\s*$")
SIGN_WORD = re.compile(rf"{GROWTH_DOWN}|{GROWTH_UP}")
DOWN_WORDS = set(GROWTH_DOWN.split("|"))
SHARE = re.compile(r"占|比重|占比|份额")
RATE_WORDS = re.compile(r"(?:增速|增幅|涨幅|降幅|年均增长率?)(?:为|达|达到|是)?\s*$")
# a balance is a stock: with no period of its own it is the balance at the end of the page's period
STOCK_END = re.compile(r"余额$")
# indicators of a flow over the period (output, value added, income, trade): a year-end date named
# in an earlier sentence is not theirs
FLOW_IND = re.compile(r"(?:产量|产值|增加值|出栏|收入|支出|投资|零售额|销售额|营业额|利润|利润总额|进出口|出口|进口|"
                       r"[发用]电量|货运量|客运量|周转量|业务量|业务总量|成交额|交易额)$")
# a table row that names a year-end stock (年末户籍人口, 年末生猪存栏)
YEAR_END_ROW = re.compile(r"^(?:其中)?年末|年末(?:余额|存栏|人口|户籍)")
#: a year, or a year to a month (2023, 2023-01/2023-07)
YEAR_TO_MONTH = re.compile(r"(\d{4})(?:-01/\1-(\d{2}))?")
#: a period that is a year alone
YEAR_ONLY = re.compile(r"\d{4}")
#: names of a rate that hold a sign word (增速, 增长率) and say nothing of the direction
RATE_NAMES = re.compile(r"增速|增幅|增长率|涨幅|增长速度")
#: a rate of a thing named between the share and the change (…,工业增速…)
NAMED_RATE = re.compile(r"[\u4e00-\u9fff]{2,}(?:增速|增幅)")
#: 到/至 right before the number: a level reached, not a change
TO_END = re.compile(r"(?:到|至)\s*$")
#: the words after 占… that are not part of the share's name
SHARE_TAIL = re.compile(r"(?:的|比重|为|达到|达|是|\s)+$")
#: the base of a change is last year's figure (由上年的1.914:1缩小为…)
LAST_YEAR_END = re.compile(r"(?:上年|去年)的?\s*$")

# ---- sentences, segments and indicator words (segments.py, clauses.py) -------------------

SENTENCE_END = re.compile(r"[。;；!！？]|\?(?=\s*$)|\?(?=[^\d?])")
SEGMENT_SEP = re.compile(r"[,，]|(?<!\d)[:](?!\d)")
LEAD = re.compile(
    r"(?:\s|【[^【】,，。]{1,10}】|[“”\"'、()（）\[\]【】·•]|初步核算|经初步核算|据初步核算|据初步测算|初步测算|据测算|经测算|"
    r"根据[^,]{0,30}?(?:结果|数据|统计)|数据显示|统计显示|据统计|其中[:]?|分产业看|分行业看|分[^,]{1,6}?看|"
    r"从[^,]{1,8}?看|按[^,]{1,8}?分|另外|此外|同时|全市|全省|全区|全县|全州|全镇|全国|本市|我市|我省|我区|该市|"
    r"实现了?|完成了?|共有|共计|共|达到|为|是|约|今年以来|去年|今年|以来|当月|已|累计完成)"
)
TRAIL = re.compile(
    r"(?:\s|[“”\"'、,(（]|按(?:可比|不变)价格计算|比上年同期|比上年末|比上年|较上年|比去年|同比|环比|"
    rf"(?:{GROWTH_DOWN}|{GROWTH_UP})了?|为|达到|达|是|了|约|共计|共|合计|总计|分别|的|实现|完成|预计|已经|已|仅|也|"
    r"年末|末|由上年的|由上年|由|突破|超过|首次|继续|再|均)$"
)
CONTINUATION = re.compile(
    rf"^(?:按[^,]{{0,8}}计算|比|较|同比|环比|{CONT_VERBS}|(?:增|降|高|低|快|慢|减|涨|跌)(?=[\d.\-])|分别|占|增速|增幅|降幅|涨幅|两年平均|"
    r"年均|平均|实际|名义|扣除|达到|达|为|约|合|是|由|跌|居(?![民住室家])|比重|对[^,]{0,12}贡献|其中增|当月|折合|约合|以)"
)
INDICATOR_END = re.compile(
    r"(?:值|额|入|量|数|率|资|出|口|格|指数|支出|面积|规模|余额|人口|就业|利润|业|品|税|价|重|比|费|耗|度|"
    r"浓度|天数|产|量|电|户|员|件|所|床|位|车|站|企业|项目)$"
)
TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# a glossary section's heading (名词解释, 主要统计指标解释, 词语注释:, 术语表): its lines define terms
GLOSSARY_HEAD = re.compile(r"^\s*(?:[一二三四五六七八九十\d]+[、.]\s*)?(?:附[:]?\s*)?(?:主要)?(?:统计)?"
                            r"(?:指标|名词|词语|术语|概念|词汇)(?:解释|注释|释义|说明|表)\s*(?::|$)")
CHAPTER_HEAD = re.compile(r"^\s*[一二三四五六七八九十]+、")
# page links around an article (上一篇:…, 下一篇:…, 相关阅读:…): titles of other pages
NAV_LINE = re.compile(r"^\s*(?:上一篇|下一篇|上一条|下一条|相关阅读|相关链接|相关文章|推荐阅读|延伸阅读)\s*[:]")
#: a bracketed definition at the end of an indicator (性别比(以女性为100,…))
BRACKETED_DEFINITION_END = re.compile(r"(?<=[\u4e00-\u9fff])[(（][^()（）]*[,，=][^()（）]*[)）]$")
#: an abbreviation or a pinyin gloss at the end of an indicator (地区生产总值(GDP), （rén jūn GDP）)
GLOSS_END = re.compile(r"(?<=[\u4e00-\u9fff])[(（]\s*[A-Za-z" + TONES + r"][A-Za-z0-9." + TONES + r"\s]{0,30}[)）]$")
#: the base period of a comparison at the end of an indicator (增速比1-10月回落)
COMPARED_PERIOD_END = re.compile(
    r"(?<=[\u4e00-\u9fff])(?:比|较)(?:\d{4}年)?(?:\d{1,2}-\d{1,2}月|[一二三四1-4]季度|上半年|前三季度|上月|上年同期)$")
#: a headline's subject before its time word (河城去年经济增长…)
HEADLINE_SUBJECT = re.compile(r"^[\u4e00-\u9fff]{1,4}(?:去年|今年)(?=[\u4e00-\u9fff]{2})")
#: any character that is not a digit
NON_DIGIT = re.compile(r"\D")

# ---- areas (areas.py) --------------------------------------------------------------------

PLACE = re.compile(r"^([\u4e00-\u9fff]{1,4}?(?:市|区|县|旗|州))(?![场民值辖政级属域])(?=[\u4e00-\u9fff])")
NOT_PLACE = {"城市", "都市", "全市", "本市", "我市", "该市", "各市", "全区", "本区", "城区", "市区", "辖区", "社区",
              "园区", "景区", "地区", "山区", "库区", "片区", "开发区", "高新区", "全县", "本县", "各县", "郊县",
              "全州", "我区", "城乡结合区", "主城区", "中心城区", "新城区", "老城区", "示范区", "试验区", "集聚区",
              "保税区", "自贸区", "贫困区", "贫困县", "城镇", "各区"}
# the country's or the province's figure as a clause's subject (同期全国经济增长5.3%)
WIDER = re.compile(r"(全国|全省|我国|我省|本省)(?![第前])"
                    r"|(全国|全省|我国|我省|本省)(?=前三个?季度|前[一二两三四五六七八九十\d]{1,2}个?月)")
# the country's own aggregate (国内生产总值, as against a place's 地区生产总值): with no local subject
# before it, or with the country named as its subject and a period (全国前三季度…), it is the
# country's figure quoted for context on a page about a smaller area
NATION_AGGREGATE = re.compile(r"(?:全国|我国)?国内生产总值")
NATION_DATED = re.compile(r"(?:全国|我国)(?=前三个?季度|前[一二两三四五六七八九十\d]{1,2}个?月|\d{4}年|[一二三四1-4]季度|上半年|"
                           r"1-\d{1,2}月|全年)")
# the city as the subject on a county's or a district's page (全县…增长4.6%,全市同期增长4.1%)
CITY_WIDE = re.compile(r"全市|全州|全盟")
CITY_SELF = re.compile(r"全市|我市|本市|全州|我州|全盟")
COUNTY_SELF = re.compile(r"全县|我县|本县|全区|我区|本区|全旗|我旗")
WIDER_LEAD = re.compile(r"\s|[,，、“”\"]|同期|同时期|同时|而|另外|此外|相比之下|作为对比|对比来看|从全国看|从全省看|据[^,，]{0,12}(?:数据|统计|公布)")
WIDER_COMPARE = re.compile(r"同期|相比|对比|比较|高于|低于|快于|慢于|高出|低出|平均水平|作为参照|领先|落后")
# the rank of the area a page is about; the country or the province as the subject of a figure
AREA_RANK = {"全国": 4, "我国": 4, "全省": 3, "我省": 3, "本省": 3}
SMALL_AREA = re.compile(r"全市|我市|本市|全县|我县|本县|全区|我区|本区|全镇|我镇|本镇|全乡|我乡|全旗|全州|全盟")
PROVINCE_AREA = re.compile(r"全省|我省|本省")
NATION_AREA = re.compile(r"全国|我国|中华人民共和国|国家统计局")
# a place named in a comparison: 与相邻的东陵市相比, 周边东陵市, 东陵市同期…作为对比
COMPARE_CUE = re.compile(r"相比|对比|比较|相邻|邻近|周边|毗邻|兄弟城市|参照|差距|赶超|对标")
NOT_PEER_COMPARE = re.compile(r"(?:与|同|和|较|比)(?:\d{4}年|上年|去年|上年同期|同期|上月|上季度|年初|上年末|"
                               r"全市|全省|全区|全县|全国|全州|平均水平)[^,，。;；]{0,4}?(?:相比|比较)")
COMPARE_LEAD = re.compile(r"相比之下|作为对比|对比来看|对比而言|横向(?:比较|对比|来看)|从周边(?:城市|地区|县市区?)?(?:看|来看)|"
                           r"周边(?:城市|地区|县市区?)中|同期(?:相比|对比)")
# words ending in 市 that name no city (上市公司, 超市, 门市部, 股市, 楼市, 夜市, 城市)
MARKET_WORD = re.compile(r"(?:上|超|门|股|楼|车|集|夜|早|菜|入|退|开|都|城|互|黑|花|鸟|灯)市$")
CITY_LEAD = re.compile(r"^(?:(?:相邻|邻近|周边|毗邻)(?:城市|地区)?的?)?([\u4e00-\u9fff]{2,4}?(?:市|县|区))(?![场民值辖政级属域])(?=[\u4e00-\u9fff\d])")
#: a province in a title's place or in the title (…省, …自治区)
PROVINCE_END = re.compile(r"(?:省|自治区)$")
PROVINCE_IN = re.compile(r"[\u4e00-\u9fff]{2,3}省")
#: a town or a township in the title
TOWN_IN = re.compile(r"[\u4e00-\u9fff]{2}(?<!城)(?<!乡)(?:镇|乡)(?![村镇])")
#: 各区县 in a title (2023年北塘各区县…): the city before it is the page's
EACH_DISTRICT = re.compile(r"各(?:区县|县区|区|县|市县|市区|市)")
#: the run of CJK characters at the end of a text
CJK_RUN_END = re.compile(r"[\u4e00-\u9fff]*$")
#: characters that end a place name's stem from the left (2023年北塘 -> 北塘)
PLACE_STEM_CUT = re.compile(r"[年月日的在和及个全]")
#: the last character of a place name, of a county's, of a city's
PLACE_SUFFIX = re.compile(r"[省市区县旗州]")
COUNTY_SUFFIX = re.compile(r"[区县旗]")
CITY_CHAR = re.compile(r"[省市州]")
CITY_OR_COUNTY_CHAR = re.compile(r"[市区县]")
#: CJK characters only
CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
#: characters no place name holds
NOT_A_PLACE_CHAR = re.compile(r"[年全实现根据的在和及个各]")
#: the predicate after an aggregate's name (国内生产总值增长)
GROWTH_PREDICATE_END = re.compile(r"(?:增长|增速|增幅|下降|为|达到|达|实现|约)+\s*$")
#: the same period of last year (比上年同期): a comparison in time, not of places
SAME_PERIOD_LAST_YEAR = re.compile(r"(?:比|较|与)?(?:上年|去年)同期")
#: a heading that compares (三、与全国比较)
COMPARISON_HEAD = re.compile(r"比较|对比|相比|参照")
#: clause punctuation (a heading has none)
CLAUSE_PUNCT = re.compile(r"[,，。;；]")
#: a province that opens an indicator (广东省地区生产总值)
PROVINCE_LEAD = re.compile(r"^([\u4e00-\u9fff]{2,3}省)")

# ---- periods (periods.py) ------------------------------------------------------------------

_PERIOD_CN = "一二两三四五六七八九十"
#: a month number
_MONTH = rf"(?:\d{{1,2}}|[{_PERIOD_CN}]{{1,3}})"
# order matters: the first alternative that matches at a position wins
PERIOD = guarded(  # text/guard.py: the alternation has no common start for the regex engine
    rf"(?P<plan>[\"“]?十(?P<plan_no>[一二三四])五[\"”]?(?:期间|时期|以来|累计))"
    rf"|(?P<fiveyears>五年来|过去五年)"
    rf"|(?:(?P<y_range>\d{{4}})年)?(?:(?P<m_from>1|一)月?份?)\s*(?:-|—|–|~|至|到)\s*(?P<m_to>{_MONTH})月(?:份)?(?:末|底)?"
    rf"|(?:(?P<y_first>\d{{4}})年)?前(?P<first_n>{_MONTH})(?:个)?月"
    rf"|(?:(?P<y_q3>\d{{4}})年)?前三(?:个)?季度"
    rf"|(?:(?P<y_h>\d{{4}})年)?(?P<half>上半年|下半年)"
    rf"|(?:(?P<y_qe>\d{{4}})年)?(?P<qe>[一二三四1-4])季度末"
    rf"|(?:(?P<y_q>\d{{4}})年)?(?:第)?(?P<q>[一二三四1-4])季度"
    rf"|(?:截至|截止|到)?(?:(?P<y_me>\d{{4}})年)?(?P<me>{_MONTH})月(?:末|底)"
    rf"|(?:(?P<y_m>\d{{4}})年)?(?P<m>{_MONTH})月(?:份)?(?P<m_cur>当月)?(?![\d{_PERIOD_CN}]{{0,2}}日)(?!至|到|-)"
    rf"|(?:截至|截止|到)?(?:(?P<y_ye>\d{{4}})年|去年|今年|上年)?(?P<ye>年末|年底|末|底)(?=[^\d]|$)"
    rf"|(?P<fullyear>全年|今年|本年)"
    rf"|(?P<y>\d{{4}})年(?!\d)"
)
# a period right after these words is the base of a comparison, not the figure's period
COMPARE_BEFORE = re.compile(r"(?:比|较|于|同|与|由|从|自|快|高|低|慢|上|同期|比上年)$")
CN_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")
NAMED_REPORT = re.compile(r"《[^《》]{0,30}?(\d{4})年[^《》]{0,30}?(统计公报|公报|情况|报告)》")
# a bulletin's own title line in the body (2022年某市国民经济和社会发展统计公报) under a page title
# that names no year (a mirror's breadcrumb)
HEADING_REPORT = re.compile(r"(?m)^[^\S\n]*[\u4e00-\u9fff]{0,12}(\d{4})年[\u4e00-\u9fff]{2,30}?(统计公报)[^\S\n]*$")
YEARBOOK = re.compile(r"年鉴\s*[—\-·・:：()（）《》\s]*(\d{4})(?!\s*年)|(\d{4})\s*(?:年)?[^\d\n]{0,12}?统计年鉴")
#: the year that opens a period hint (2023, 2023-07)
FOUR_DIGITS = re.compile(r"(\d{4})")
