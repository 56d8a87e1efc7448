"""PERCENT: ``64%``, ``73%-ы``, ``80 пайыз``, ``0,3%``, ``сорока процентов``, ranges.

A number phrase (digits or words) followed by ``%`` (a Kazakh case ending may hang on it after
a hyphen: ``30%-ға``) or by a form of ``процент``/``пайыз``. Percentage points (``4 пайыздық
тармаққа``, ``на четыре процентных пункта``) are percentages too, marked ``points``. A range
(``60–70%``) yields one entity per bound, as money ranges do.
"""
from __future__ import annotations

import re
from typing import Any

from .context import Context
from .model import Entity
from .numbers import find_numbers, hedge_span

__all__ = ["find_percents", "run"]

# % (with an optional Kazakh case ending: 73%-ы, 30%-ға) or a percent word in any form.
_UNIT_RE = re.compile(
    r"[ \u00a0]?(?:%(?:-[^\W\d_]{1,5}(?![\w]))?"
    r"|(?:процент|пайыз)[^\W\d_]{0,6}(?![\w])|проц\.)",
    re.IGNORECASE)
_POINTS_RE = re.compile(r"[ \u00a0]+(?:пункт|тармақ)[^\W\d_]{0,4}(?![\w])", re.IGNORECASE)
_DASH_GAP = re.compile(r"\s?[-–—]\s?")


def find_percents(text: str) -> list[tuple[int, int, float, dict[str, Any]]]:
    """Every percentage: ``(start, end, value, attrs)``."""
    nums = find_numbers(text)
    out: list[tuple[int, int, float, dict[str, Any]]] = []
    done: set[int] = set()
    for i, n in enumerate(nums):
        m = _UNIT_RE.match(text, n.end)
        if not m or n.value > 1000:
            continue
        end = m.end()
        attrs: dict[str, Any] = {}
        pts = _POINTS_RE.match(text, end)
        if pts and not m.group().strip().startswith("%"):
            attrs["points"] = True
            end = pts.end()
        if i and (i - 1) not in done and _DASH_GAP.fullmatch(text[nums[i - 1].end:n.start]):
            p = nums[i - 1]
            if p.value < n.value:
                pattrs: dict[str, Any] = {"range": "min"}
                h = hedge_span(text, p.start, p.end)
                ps = p.start
                if h:
                    ps, pattrs["approx"] = h[0], True
                out.append((ps, p.end, p.value, pattrs))
                attrs["range"] = "max"
        start = n.start
        h = hedge_span(text, start if "range" not in attrs else end, end)
        if h:
            if "range" not in attrs:
                start = h[0]
            end = max(end, h[1])
            attrs["approx"] = True
        out.append((start, end, n.value, attrs))
        done.add(i)
    out.sort(key=lambda x: x[0])
    return out


def run(ctx: Context) -> None:
    """Add a PERCENT entity for every percentage."""
    text = ctx.text
    for s, e, value, attrs in find_percents(text):
        a: dict[str, Any] = {"value": value}
        a.update(attrs)
        v = f"{value:g}".replace(".", ",")
        ctx.add(Entity("PERCENT", s, e, text[s:e], f"{v}%", a))
