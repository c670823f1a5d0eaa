"""The indicator dictionary: format, mapping rules, and coverage of the snapshot and seed plan."""
import json
from pathlib import Path

import pytest

from plangap.transform.indicators.dictionary import default_dictionary, load_dictionary, map_indicator

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "snapshot_facts.jsonl"
SEED = ROOT / "snapshot" / "www.changzhou.gov.cn" / "gi_news" / "681158953254033.html"


def test_dictionary_loads_with_version_and_unique_ids():
    d = load_dictionary()
    assert d.version and len(d.indicators) >= 40
    assert len({i.id for i in d.indicators}) == len(d.indicators)
    for i in d.indicators:
        assert i.kind in ("flow", "stock", "rate", "share") and i.direction in ("higher", "lower")
    assert all(u.reason for u in d.unmapped)


def test_every_snapshot_fact_is_mapped_or_listed_unmapped_with_a_reason():
    d = default_dictionary()
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    missing = [r["indicator"] for r in rows if r["indicator_id"] is None and not d.unmapped_reason(r["indicator"])]
    assert missing == []


SEED_TARGET_TEXTS = [  # used only if the target extractor cannot run
    "新建、改造5G通信基站", "完成省市重大产业项目投资", "高技术制造业投资占工业投资比重", "新增上市企业",
    "认定高新技术企业", "每万人发明专利拥有量", "完成老旧小区改造项目", "PM2.5浓度", "地表水优Ⅲ比例",
    "新增就业", "再就业", "实施新建和改扩建学校项目", "新增学位",
]


def _seed_targets():
    try:
        from plangap.transform.document import load_document
        from plangap.transform.targets import extract_targets
    except ImportError:
        return [(t, None, None) for t in SEED_TARGET_TEXTS]
    doc = load_document(SEED.read_bytes(), str(SEED), None)
    return [(t.indicator, t.unit_normalized, t.kind) for t in extract_targets(doc) if t.kind != "commitment"]


def test_every_seed_plan_target_is_mapped_or_listed_unmapped_with_a_reason():
    d = default_dictionary()
    targets = _seed_targets()
    assert len(targets) >= 25
    missing = [t for t, u, k in targets if map_indicator(t, u, k) is None and not d.unmapped_reason(t)]
    assert missing == []


@pytest.mark.parametrize("text,unit,kind,expected", [
    ("新建、改造5G通信基站", "个", "count", "base_stations_5g"),
    ("每万人发明专利拥有量", "件", "level", "invention_patents_per_10k"),
    ("全市万人发明专利拥有量", "件", None, "invention_patents_per_10k"),
    ("地区生产总值", "元", None, "gdp"),
    ("一般公共预算收入", "元", "amount", "public_budget_revenue"),
    ("新建和改扩建学校项目", "个", "count", "school_projects"),
    ("实施新建、改扩建学校重点项目", "个", None, "school_projects"),
    ("城镇新增就业", "人", None, "urban_new_jobs"),
    ("实际到账外资", "美元", None, "fdi_actual"),
    ("城镇居民人均可支配收入", "元", None, "disposable_income_urban"),
    ("农村居民人均可支配收入", "元", None, "disposable_income_rural"),
    ("全体居民人均可支配收入", "元", None, "disposable_income_all"),
    ("研发经费投入占地区生产总值比重", "%", "ratio", "rd_share_gdp"),
    ("年末城镇登记失业率", "%", None, "urban_registered_unemployment_rate"),
])
def test_maps(text, unit, kind, expected):
    assert map_indicator(text, unit, kind) == expected


@pytest.mark.parametrize("text,unit", [
    ("完成省市重大产业项目投资", "元"),  # 810亿元 of projects is not GDP
    ("第一产业增加值", "元"),
    ("人均地区生产总值", "元"),
    ("民营经济增加值占地区生产总值", "%"),
    ("总投资", "元"),
    ("亿元", "元"),
    ("", "元"),
])
def test_never_gdp(text, unit):
    assert map_indicator(text, unit) != "gdp"


def test_urban_income_is_not_all_residents_income():
    assert map_indicator("城镇居民人均可支配收入", "元") != "disposable_income_all"


def test_unit_vetoes_a_word_match():
    assert map_indicator("地区生产总值", "人") is None
