"""Small government-style sites written into a tmp folder, served by the snapshot server (a real
HTTP server on 127.0.0.1): pages of our own sentences, a manifest and the folder's own registry."""
from __future__ import annotations

import json
from pathlib import Path


def article(title: str, date: str, paras: list[str]) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<div class="nav"><a href="/">首页</a></div><div class="article"><h1>{title}</h1>'
            f'<div class="info">发布时间：{date}</div><div class="content">\n{body}\n</div></div></body></html>')


def list_page(links: list[tuple[str, str]]) -> str:
    items = "\n".join(f'<li><a href="{href}" title="{title}">{title}</a></li>' for href, title in links)
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>政府工作报告</title></head><body>'
            f'<div class="nav"><a href="/">首页</a></div><div class="list"><ul>\n{items}\n</ul></div></body></html>')


def write_site(folder: Path, pages: dict[str, tuple[str, str, str | None, str]], registry: str) -> None:
    """`pages`: url -> (kind, region, period, html). Rewrites the manifest and the registry."""
    entries = []
    for url, (kind, region, period, html) in pages.items():
        key = url.split("://", 1)[1]
        path = folder / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        entries.append({"url": url, "file": key, "kind": kind, "region": region, "period": period,
                        "encoding": "utf-8", "standin": True, "content": "written by the test"})
    (folder / "manifest.json").write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    (folder / "sources.yaml").write_text(registry, encoding="utf-8")


def settings_in(base: Path):
    from plangap.config import load_settings

    settings = load_settings(db=str(base / "w.duckdb"), reports=str(base / "reports"))
    return type(settings)(**{**settings.__dict__, "analyst_copy": base / "latest.duckdb"})
