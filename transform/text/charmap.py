"""Character tables of the normaliser (transform/text/normalize.py) and of the line unwrapping
(transform/text/unwrap.py): horizontal white space, full-width forms, traditional characters."""
from __future__ import annotations

from functools import lru_cache

#: horizontal white space (ASCII, no-break, ideographic, en/em/thin, zero-width, BOM)
HSPACE = " \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"

#: full-width digits, letters and signs -> ASCII
FULLWIDTH: dict[str, str] = {chr(0xFF10 + i): str(i) for i in range(10)}
FULLWIDTH.update({"％": "%", "．": ".", "－": "-", "～": "~", "：": ":", "／": "/", "＋": "+"})
FULLWIDTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
FULLWIDTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})


@lru_cache(maxsize=1)
def t2s() -> dict[str, str]:
    """Traditional -> simplified, one character for one character (zhconv's table)."""
    from zhconv import zhconv as _z

    table = _z.getdict("zh-cn")
    return {k: v for k, v in table.items() if len(k) == 1 and len(v) == 1}
