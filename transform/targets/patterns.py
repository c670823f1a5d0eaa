"""Patterns of plan targets on normalised text: numbers with units, comparators, modifiers,
predicate verbs, and the phrasing that marks a number as a name or a qualifier.

Everything is compiled once at import time; the modules of transform/targets/ read these.
"""
from __future__ import annotations

import re

from plangap.transform.text.guard import guarded
from plangap.transform.units import CN_UNIT, UNIT

_U = UNIT.pattern
_NUM = r"[\d?]+(?:,\d{3})*(?:\.[\d?]+)?"

#: an Arabic number with its unit, a range (6%-6.5%, 7.5~8%), and a trailing modifier
MENTION = re.compile(
    rf"(?<![\d.?A-Za-z/+_\-~])(?P<a>{_NUM})"
    rf"(?:(?P<ua>{_U})?(?P<sep>-|~|—|－|～|至)(?P<b>{_NUM}))?"
    rf"(?P<unit>{_U})?"
    r"(?P<mod>以上|以内|以下|左右|上下)?"
)

#: a number of years as a level (受教育年限达到11.5年): `年` is a unit only after 年限
YEARS_LEVEL = re.compile(
    r"年限(?:达到|提高到|提高至|提升到|提升至|增加到|为|达)?(?P<a>\d+(?:\.\d+)?)(?P<unit>年)(?P<mod>以上|左右)?(?!\d)")

_CN = "零〇一二两三四五六七八九十百千万亿点"
#: a Chinese numeral that does not end in a multiplier (万/亿 go to the unit: 三万亩 -> 三, 万亩)
_CN_NUM = r"(?!一[个批些项样起]|两[个批])[零〇一二两三四五六七八九十百千万亿点]*[零〇一二两三四五六七八九十百千点]"
_CNU = CN_UNIT.pattern
#: 百分之四点五 / 千分之四点五, and ranges 百分之五至百分之六 / 百分之五到六
CN_PERCENT = re.compile(
    rf"(?P<kind>百分之|千分之)(?P<a>[{_CN}]+)(?:(?:至|到|-|~|—)(?:百分之|千分之)?(?P<b>[{_CN}]+))?"
    r"(?P<mod>以上|以内|以下|左右)?")
#: a Chinese numeral as a count right after a target verb (新建三所学校)
CN_COUNT = re.compile(
    rf"(?<=新增|新建|建成|建设|完成|实施|培育|打造|改造|开展|举办|认定|引进|招引|新开|达到|就业|增加|减少)"
    rf"(?P<a>{_CN_NUM})(?P<unit>{_CNU})(?P<mod>以上|以内|左右)?"
)
#: a Chinese numeral with its unit closing a chunk, after its noun (实施重点项目一百二十个,
#: 面积稳定在六十万亩以上); not a position (第五届, 前三名) nor part of a longer numeral
CN_VALUE = re.compile(
    rf"(?<![{_CN}第前近每数几/上下])(?P<a>{_CN_NUM})(?P<unit>{_CNU})(?P<mod>以上|以内|以下|左右)?(?=[,，。;；、\s]|$)"
)
CN_COUNT_NAME_AFTER = re.compile(r"^(?:[“\"「]|方面|重点|领域|目标|任务|年|大|项工作|中心|工程|行动|体系|机制|战略)")

#: positive growth without a number (保持正增长)
POSITIVE_GROWTH = guarded(r"(?:保持|实现)?正增长|保持增长(?=[,，;；。\n]|$)")

#: a number that stands for a name or a position, judged from the characters around it
NAME_BEFORE = re.compile(r"(?:第|前|近|编号|代码|电话|热线)$")

#: modal words of a target (tiers)
MODAL = re.compile(r"力争|确保|争取|力求")
#: comparator verbs right before a number: floor or ceiling
FLOOR_VERBS = ("不低于", "不少于", "超过", "突破", "高于", "超")
CEIL_VERBS = ("控制在", "降至", "降到", "降低到", "不超过", "不高于", "低于", "以内", "压缩至", "压缩到", "压减至",
              "压减到", "缩短至", "缩短到", "缩减至", "缩减到", "降低至")
PRE_COMPARATOR = re.compile(r"(不低于|不少于|超过|突破|高于|控制在|降至|降到|降低到|降低至|(?:压缩|压减|缩短|缩减)[至到]"
                            r"|不超过|不高于|低于|超)$")

#: words stripped from the front of a clause (not part of the indicator)
LEAD = re.compile(
    r"^(?:[●■◆▲•·\-—*]+|\d{1,2}[.、]|[(（]\d{1,2}[)）]|[(（]?[一二三四五六七八九十]{1,3}[)）]|\d{2}(?=[\u4e00-\u9fff])(?!"
    rf"(?:{_U}))"
    r"|[一二三四五六七八九十]+是|力争|确保|争取|力求|全年|今年|年内|明年|本年度|到(?:19|20)\d\d年(?:底|末)?|(?:19|20)\d\d年(?:底|末)?"
    r"|其中|同时|并且|并|以及|预期|预计|全力|努力|重点|大力|着力|积极|持续|继续|进一步|全面"
    r"|计划|要|将|在此基础上|此外|另外|报告提出|提出|建议|对于|会议提出)+"
)
#: a clause may start after these (the statement of targets begins there)
INTRO = re.compile(r".*(?:预期目标|主要目标|目标任务|发展目标|目标)(?:是|为|如下)?[:：]?|.*[:：]")
#: predicate words at the end of an indicator
TRAIL = re.compile(
    r"(?:分别|均|预期|预计|实际|可比|同口径|要|年均|平均|累计|力争|确保|争取|将|同比|比上年|较上年|比去年)*"
    r"(?:增长|(?<!新)增|下降|降低|上涨|提高到|提高至|提高|提升到|提升至|提升|达到|达|为|保持在|保持|稳定在|控制在|降至|降到|降低到"
    r"|减少|压减|压缩|缩短|缩减|削减|增加到|增加|增至|超过|超|突破|不低于|不少于|不超过|不高于|缩小到|缩小至|缩小|扩大到|扩大至|在|至|到"
    # verbs of reaching and thresholds (确保完成, 力争实现, 低于): comparator and modifier, not the name
    r"|完成|实现|(?<![不])低于|(?<![不])高于|(?<![不])少于|小于|大于)*$"
)
#: the predicate says growth or decline: a rate
RATE_TAIL = re.compile(r"(?:增长|(?<!新)增|下降|降低|上涨|涨幅|增幅|增速|降幅|提高|提升|减少|回落|降|压减|压缩|削减)(?:了)?$")
DECLINE_TAIL = re.compile(r"(?:下降|降低|减少|回落|降|降幅|压减|压缩|削减)(?:了)?$")
#: comparator verbs stripped before the rate test (控制在3%, 保持在)
COMPARE_TAIL = re.compile(r"(?:控制在|保持在|稳定在|达到|达|为|在|超过|超|突破|不低于|不超过|不高于|分别|均|预期|预计)+$")

#: verbs of ongoing work: "推进40个园区建设" names a scope, not a target
ONGOING = re.compile(r"(?:推进|加快|加强|推动|深化|围绕|聚焦|依托|支持|引导|带动|服务|覆盖|涉及|包含|包括|联系|面向)")
ONGOING_END = re.compile(r"(?:建设|发展|工作|改革)$")
#: what ongoing work does to things that exist (推动7个国家物流枢纽提质升级, 支持3个保种场开展…工作):
#: said at the end of the segment, after the counted things
ONGOING_SEG_END = re.compile(r"(?:建设|发展|工作|改革|提质升级|提档升级|转型升级|升级|提质|提升|扩容|运行)$")
#: verbs that do something to the things they count: after them a count before its noun is the
#: size of a scope (做大做强…7个千亿级产业), not a goal, when the count sums up a list of names
SCOPE_VERB = re.compile(r"^(?:[推加深聚依支引带服覆涉包面]|做大|做强|做优|壮大|发展|提升|优化|改造|升级|巩固|办好|用好|建好|管好)")
#: a count right after a list of names (南山口、哇让、同德4个, 茶叶、脐橙等20个): it sums the list up
LISTED_NAMES_BEFORE = re.compile(r"、[^、，,；;。：:\d]{1,12}?(?:等|和|及|共)?$")
#: list items that are verbs (新建、改造5000个): the count belongs to them, it sums up no names
VERB_ITEM = re.compile(r"、(?:新建|改造|改建|扩建|新增|建设|建成|提升|升级|培育|创建|打造|引进|认定|新改建|维修|整治|修复)$")
#: a target cell that says its own rate (增长6%左右, 下降3%): the number after it is a growth
CELL_RATE_BEFORE = re.compile(r"(?:增长|增速|下降|降低)\s*(?:[>＞≥]|不低于|以上|超过|超)?\s*$")
CELL_DECLINE = re.compile(r"下降|降低")
#: a number begins here (a count whose noun is sized by the next number: 3座35万千瓦电站)
NUMBER_START = re.compile(r"^\d")
#: units of a plant's or line's capacity (50万吨…产能, 35万千瓦光热电站): before a noun they say what
#: a named project is, not a goal
CAPACITY_UNITS = ("吨", "千瓦", "千伏", "立方米", "标箱", "兆瓦", "千瓦时")
#: the words before a capacity that make it a goal of its own (新增…万千瓦, 建成…万吨): a verb
CAPACITY_VERB_END = re.compile(
    r"(?:新增|新建|建成|建设|达到|达|形成|突破|扩大|增加|提高|提升|完成|实现|累计|力争|确保|超|超过|投产|开工|落地"
    r"|新开工|并网|装机|储备|收储|生产|产量|规模|能力|总量|在|为|分别|均)$")
#: a count of items of its own heading in brackets (一、稳增长扩内需（共4项）, （共6条）, (5项任务)): the
#: size of the list below, not a goal; the bracket opens right before the number and closes after it
ITEM_COUNT_BEFORE = re.compile(r"[(（](?:共|计|合计|总计|含)?$")
ITEM_COUNT_AFTER = re.compile(r"^(?:重点|主要)?(?:任务|工作|事项|举措|措施|内容|项目|指标)?[)）]")
ITEM_COUNT_UNITS = ("项", "条", "件", "类")
#: an age that qualifies a group of people (为65岁以上老年人体检, 3岁以下婴幼儿): a threshold of the
#: group, not a level (人均预期寿命达到80岁 closes its clause)
AGE_GROUP_AFTER = re.compile(
    r"^(?:及以上|及以下)?的?[\u4e00-\u9fff]{0,4}?(?:老年人|老人|儿童|少年|青少年|青年|人口|居民|妇女|女性|男性|孕产妇|孕妇"
    r"|婴幼儿|幼儿|学生|人群|群众|职工|农民|村民|人员|市民|失能|高龄|残疾人)")
#: a count of projects written after its noun and followed by a predicate (推进…项目38个加快建设):
#: the number closes the noun phrase, it does not name a scope (推进40个园区建设)
COUNTED_NOUN_BEFORE = re.compile(r"项目$")
#: a number after these words counts who benefits (为20个站点配备…), not a target
BENEFICIARY = re.compile(r"(?:为|对|向|给|帮助)$")

#: a count of the plan's own items (民生实事共12件, 20件实事项目), not a goal
#: (民生实事项目共10大类33项: the groups before the count are part of it)
LIST_COUNT = re.compile(
    r"(?:实事|实事项目|民生事项|重点事项|重点工作|方面|任务)"
    r"(?:[共计为有分包括含]|[\d零〇一二两三四五六七八九十]+个?大?(?:类|个?方面|个?领域|板块|部分|批))*$")

#: the mark that opens a note (注：, 备注1:, 说明：): what follows explains, it sets no target
_NOTE_MARK = r"[ \t]*(?:注|备注|附注{extra})[ \t]*\d*[ \t]*[:：]"
#: a footnote line under a table or a list (注：…, 注1:…): definitions, not targets
NOTE_LINE = re.compile("^" + _NOTE_MARK.format(extra=""))
#: a note in brackets (（注：国考断面指…，全市共22个）): an explanation, like a footnote line
BRACKET_NOTE = re.compile("[(（]" + _NOTE_MARK.format(extra="|说明") + r"[^)）\n]*")
#: a number of the plan's own indicators (约束性指标6项, 所列20项指标)
INDICATOR_COUNT_AFTER = re.compile(r"^(?:主要|预期性|约束性|核心|关键|具体|量化)?指标")
#: a threshold of a definition (年主营业务收入2000万元及以上的企业)
THRESHOLD_AFTER = re.compile(r"^(?:及其?以上|及其?以下)")
#: a policy incentive: money granted per case (给予500万元奖励, 一次性奖励500万元, 按每个3000元给予补贴)
INCENTIVE = re.compile(
    r"给予[^,，。;；]{0,16}?(?:补贴|奖励|奖补|补助|资助|扶持|贴息|支持)|按每"
    r"|^(?:并|再|可|均|分别)*(?:(?:一次性|最高|给予)+(?:奖励|补贴|补助|奖补|资助)?|奖励|补贴|补助|奖补|资助)"
    r"(?:最高|不超过)*$|最高(?:不超过|可达)?$"
    r"|^对[^,，。;；]*(?:奖励|补贴|补助|奖补|资助)(?:最高|不超过)*$"
    r"|一次性(?:奖励|补贴|补助|奖补|资助)(?:最高|不超过)*$")
INCENTIVE_AFTER = re.compile(r"^(?:的)?(?:一次性)?(?:奖励|补贴|补助|奖补|资助)")
#: a threshold that qualifies a noun (年经营收入10万元以下的村, 投资5亿元以上的项目): the number
#: closes with 以上/以下 and a 的 joins it to the noun; not a goal's level (增长6%以上的目标)
THRESHOLD_QUALIFIER = re.compile(r"^的(?!目标|预期|水平|增速|增幅|速度|较快|高速|中高速|幅度|规模)(?=[\u4e00-\u9fff])")
#: the count of motions and proposals submitted to a meeting (代表们共提出建议、批评和意见126件, 议案3件,
#: 收到提案215件): meeting statistics, not goals
MOTIONS = re.compile(r"(?:建议|批评|意见|议案|提案|建议案)(?:共|计|合计|总计)?$")
MOTION_UNITS = ("件", "条", "份")
#: a definition (规模以上工业指年主营业务收入2000万元以上的企业): its number is a threshold
DEFINES = re.compile(r"(?:是指|系指|(?<![手意])指(?![标导引数挥出南定派示]))")
#: attendance of a meeting (应到代表365名, 实到348名), not a target
ATTENDANCE = re.compile(
    r"(?:(?:应到|实到|应出席|实出席|出席|列席|缺席|请假)(?:会议)?(?:的)?(?:人大)?(?:代表|委员|人员|成员)?"
    r"|(?:到会|与会|参会)(?:的)?(?:人大)?(?:代表|委员|人员|成员))(?:共|计)?$")

#: commitments without a number (docs/labelling.md)
COMMITMENT = guarded(
    r"建成(?:通车|投用|投运|投产|开通|开放|运营|使用)|开工建设|竣工(?:(?:验收|投用|投产|交付)(?!项目|面积|决算|率|备案)|(?!验收|投用|投产|交付|项目|面积|决算|率|备案))"
    r"|投入(?:使用|运营|运行)|(?:全线)?开通运营|(?<!建成|开通)通车(?!里程|线路|后|率)"
    r"|实现(?:[“\"'][^”\"'\s]{1,3}通[”\"']){1,4}"
    # 建成 a named phase of a project (建成科创园二期): the object follows
    r"|(?<![全基])建成(?=[^,，。;；、\n]{2,30}?[一二三四五六七八九十]期(?:工程|项目)?(?:[,，。;；\n]|$))"
)
COMMIT_LEAD = re.compile(
    r"^(?:\d{1,2}[.、]|[一二三四五六七八九十]{1,3}[)）、]|[(（]\d{1,2}[)）]|确保|力争|争取|力求|全面|加快|基本|年内|全年|今年|推动|推进|力促|实现|按期|如期|同步|全部|完成|并|和|及)+"
)

SENTENCE_END = re.compile(r"[。!?！？;；\n]|…{1,}|\.{3,}")
#: a line that continues the line before it: it starts with a number and its unit
CONTINUATION = re.compile(r"\n[\s]*(?=\d+(?:\.\d+)?(?:" + _U + r"))")
#: a byline that closes an article; text after it is appended matter
TRAILER = re.compile(r"^[ \t]*(?:责任编辑|责编|编辑|编 辑)[:：]", re.M)
SEGMENT_END = re.compile(r"[，:：|]|,(?!(?<=\d,)\d{3}(?:\D|$))")

# ---- cutting and reading (sentences.py, mentions.py) ----------------------------------------

#: a character every number of mentions.py holds (an Arabic digit, a digit of a Chinese numeral,
#: the 百/千 of 百分之/千分之): a chunk without one has no number to read
MAY_HOLD_NUMBER = re.compile(r"[\d零〇一二两三四五六七八九十百千点]")
#: a part of a segment that has a number
HAS_NUMBER = re.compile(r"\d|百分之|千分之")
#: text that starts with a character, a quote or a bracket (a number written before its noun)
CJK_START = re.compile(r"^[\u4e00-\u9fff“\"(（]")
#: the words right before a number without a unit that make it a level (达到0.8以上)
UNITLESS_BEFORE = re.compile(r"(?:到|至|在|为|达)$")
#: punctuation stripped around indicators and clauses
STRIP_PUNCT = " ,，、;；:：。.\"“”'()（）|"
#: the number of a list item at the start of a line (1.…, 2、…, (3)…, （4）…)
ITEM_NUMBER = re.compile(r"[ \t\u3000]*(?:(\d{1,2})[.、．](?!\d)|[(（](\d{1,2})[)）]|[(（]([一二三四五六七八九十]{1,3})[)）])")
#: a year written in Chinese digits (二〇二五年)
CN_YEAR = re.compile(r"(?<![〇零一二三四五六七八九十])[一二][〇零一二三四五六七八九]{3}(?=年)")
#: a number without a unit in a table cell (the unit is in the unit column): 5.5左右, 5-6
BARE_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?:(?:-|~|—|－|～|至)(\d+(?:\.\d+)?))?(以上|以内|以下|左右)?")
#: a sign before a table cell's number (≥7, ≤5.5): a floor or a ceiling
CELL_SIGN = re.compile(r"(≥|≤|>=|<=|不低于|不高于)\s*$")
#: the indicator words of a table row that make its target a rate, or a decline
ROW_RATE_WORDS = re.compile(r"增长|增速|增幅|下降|降低|涨幅")
ROW_DECLINE_WORDS = re.compile(r"下降|降低")

# ---- indicators (indicator_words.py, numeric.py) ---------------------------------------------

#: the base a target builds on (在去年增长5.2%、收入达到86.4亿元的基础上): review figures
BASE_SPAN = re.compile(r"在[^,，。;；:：]{1,80}?的?基础上")
#: years listed before 分别 (2025年、2026年分别新建3000个、2500个): the n-th number is the n-th year's
YEAR_LIST = re.compile(r"(?:(?:19|20)\d\d年(?:底|末)?(?:、|和|与|及|,|，))+(?:19|20)\d\d年(?:底|末)?分别")
#: one year of such a list
LISTED_YEAR = re.compile(r"((?:19|20)\d\d)年")
#: urban and rural subjects in one indicator (城乡居民收入, 城镇和农村居民收入)
URBAN_RURAL = re.compile(r"^(.*?)(?:城乡|城镇(?:和|与|、|及)农村)(.+)$")
#: a threshold that qualifies the counted noun (营业收入超50亿元企业, 50亿元以上重大项目): the
#: qualifier, not the indicator's name
THRESHOLD_NOUN = re.compile(
    r"^(?P<qual>[^,，;；]*?\d+(?:\.\d+)?(?:万亿|亿|万|千)?(?:元|美元|吨|千瓦|平方米|亩)(?:及)?(?:以上|以下|以内)?(?:的)?)"
    r"(?P<noun>[\u4e00-\u9fff]{2,12})$")
#: 均 at the end of the words before the number: each subject reaches the value
EACH_VERB_END = re.compile(r"均(?:增长|达到|提高|为|在)?$")
#: two subjects joined by 和 (调查失业率和登记失业率)
TWO_SUBJECTS = re.compile(r"^([^和、]{2,})和([^和、]{2,})$")

# ---- numbers that are not goals (filters.py, numeric.py) ------------------------------------

#: a size joined by 的 to a thing that is then committed (30万平方米的标准厂房建成投用)
ATTRIBUTE_OF_COMMITTED = re.compile(
    r"的(?=[^\d,，。;；、]{2,40}?(?:" + COMMITMENT.pattern + r")[^\d,，。;；、]{0,6}$)")
#: a policy condition (对当年新开工且完成投资10亿元以上的项目): a threshold of whom a measure is for
CONDITION_LEAD = re.compile(r"^[\s,，;；:：]*对")
#: the rest of a list of conditions up to the 的 that joins them to their noun (、占比超过70%的机构)
CONDITION_TAIL = re.compile(r"(?:、[^,，。;；、的]{1,30})*的(?=[\u4e00-\u9fff])")
#: a named project's own attributes in its description (规划办学规模36个班, 总投资2.3亿元): not goals
PROJECT_ATTRIBUTE = re.compile(
    r"^(?:项目)?(?:规划|设计)[\u4e00-\u9fff]{0,6}?(?:规模|面积|用地|床位|座位)(?:为|约|达)?$"
    r"|^(?:项目)?(?:计划|估算|概算)?总投资(?:约|为|达)?$")
#: units that count people (为500名学生提供服务 counts people served)
PERSON_UNITS = re.compile(r"^(?:万|千)?(?:人|名|人次|户)$")
#: 给予 or 对 right before the money of an incentive
GRANT_BEFORE = re.compile(r"给予(?:最高|一次性)*$|^对")
#: money granted right after 给予 (给予每人10万元安家补贴, 给予每个50万元奖补, 给予最高1000万元)
GRANT_LEAD = re.compile(r"给予(?:每[^\d,，。;；、]{0,3}?|最高|一次性|不超过|累计)*$")
#: a grant right after the number (按投资额的10%给予补贴)
GRANT_AFTER = re.compile(r"^[^,，。;；]{0,8}?给予[^,，。;；]{0,12}?(?:补贴|奖励|奖补|补助|资助|扶持|贴息)")

# ---- commitments (commitments.py) ----------------------------------------------------------

#: a second commitment verb joined to the first (竣工验收并投入使用)
COMMIT_CHAIN = re.compile(r"(?:并|并且|后|和|及|、)(?=(?:" + COMMITMENT.pattern + r"))(?:" + COMMITMENT.pattern + r")")
#: when a commitment falls due, written between the thing and the verb (年内, 年底前, 6月底前, 秋季)
COMMIT_WHEN = re.compile(
    r"(?:(?:今年|年内|全年|年底|年末|上半年|下半年|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末|份)?|[春夏秋冬]季"
    r"|(?:第?[一二三四1-4])季度)(?:前|内|底)?(?:全面|全线|基本|如期|按期)?)+$")
#: numbers of one thing listed with 、 (5号、6号泊位)
NUMBERED_END = re.compile(r"\d+[号#]$")
NUMBERED_START = re.compile(r"^\d+[号#]\D")
#: the name before a line's number (地铁3号线 -> 地铁) and a line number alone (4号线)
LINE_NAME_HEAD = re.compile(r"^([^\d]+)\d")
LINE_NUMBER = re.compile(r"^\d+号线")
