"""Offset maps: copies, replacements, deletions and composition map spans back exactly."""
from hypothesis import given
from hypothesis import strategies as st

from itp_docs.lang.offsets import IDENTITY, OffsetMapBuilder


def _apply(src: str, ops: list[tuple[str, int, int]]):
    """Apply ("copy", n, _) / ("replace", n_src, n_out) ops; returns derived text and map."""
    b = OffsetMapBuilder()
    out, pos = [], 0
    for op, n, m in ops:
        if op == "copy":
            out.append(src[pos:pos + n])
            b.copy(n)
        else:
            out.append("#" * m)
            b.replace(n, m)
        pos += n
    return "".join(out), b.build()


def test_identity_and_copy_only():
    b = OffsetMapBuilder()
    b.copy(10)
    m = b.build()
    assert m is IDENTITY and m.span(2, 5) == (2, 5)


def test_span_end_does_not_swallow_a_following_deletion():
    # "<b>Байбек</b>": tags deleted, the word maps to itself, not to "Байбек</b>".
    src = "<b>Байбек</b> мырза"
    b = OffsetMapBuilder()
    b.replace(3, 0)
    b.copy(6)
    b.replace(4, 0)
    b.copy(6)
    m = b.build()
    derived = "Байбек мырза"
    s, e = m.span(0, 6)
    assert src[s:e] == "Байбек"
    s, e = m.span(7, 12)
    assert src[s:e] == "мырза"


def test_replacement_maps_to_whole_source_run():
    src = "a&amp;b"
    b = OffsetMapBuilder()
    b.copy(1)
    b.replace(5, 1)
    b.copy(1)
    m = b.build()
    assert m.span(1, 2) == (1, 6) and m.span(0, 3) == (0, 7)


def test_composition():
    b1 = OffsetMapBuilder()          # middle → source: "xxABC" → "ABC"
    b1.replace(2, 0)
    b1.copy(3)
    b2 = OffsetMapBuilder()          # derived → middle: "ABC" → "A-BC" (inserted dash)
    b2.copy(1)
    b2.replace(0, 1)
    b2.copy(2)
    m = b2.build().then(b1.build())
    assert m.span(2, 4) == (3, 5)    # "BC"
    assert m.span(0, 1) == (2, 3)    # "A"


@given(st.lists(st.tuples(st.sampled_from(["copy", "replace"]), st.integers(0, 5), st.integers(0, 3)),
                max_size=30))
def test_monotone_and_in_bounds(ops):
    src = "".join(chr(0x430 + i % 30) for i in range(sum(n for _, n, _ in ops)))
    derived, m = _apply(src, ops)
    prev = 0
    for i in range(len(derived) + 1):
        s = m.to_source(i)
        assert 0 <= s <= len(src) and s >= prev
        prev = s
    for i in range(len(derived)):
        s, e = m.span(i, i + 1)
        assert 0 <= s <= e <= len(src)
