"""Reading documents: bytes → decoded source → plain text → normalized text, offsets kept.

The first stage of the pipeline (load → normalize → analyze → extract → index → search). Every
later stage works on :attr:`Document.text`; every offset it reports is turned back into an
offset of :attr:`Document.raw` (the decoded file: for HTML the page source) with
:attr:`Document.offsets`, so a user can be shown exactly where a fact was found.

HTML pages are reduced to their main text: navigation, headers, footers, scripts, forms and
elements whose class or id names boilerplate (menu, share, cookie, breadcrumb, ...) are dropped.
Block elements end lines; each row of a data table becomes one line whose cells are joined by
``\\t|\\t``, the separator of the decree text files (``1.\\t|\\ttext\\t|\\tform\\t|\\t...``), so the
measure-table parser sees one shape whatever the source format. Table choices:

* ``colspan``/``rowspan`` cells are written once (a spanning section heading stays one cell,
  and no text is duplicated into extra entities);
* a table that contains another table is page layout: its cells become paragraphs and the
  inner tables are read as data tables; line breaks inside a data cell become ``"; "`` (or a
  space after punctuation) so that a row stays one line.

Markdown loses its markup (heading marks, emphasis, link targets, images, code fences, HTML
comments); pipe tables keep one line per row with the same ``\\t|\\t`` separator.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Iterable, Iterator

from itp_docs.lang.encodings import DecodeError, declared_charset, decode_bytes
from itp_docs.lang.normalize import normalize
from itp_docs.lang.offsets import IDENTITY, OffsetMap, OffsetMapBuilder

__all__ = [
    "LoadError", "Document", "decode", "read_document", "iter_documents", "SUPPORTED_SUFFIXES",
    "html_to_text", "markdown_to_text", "DEFAULT_MAX_BYTES",
]

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
_FORMAT = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
DEFAULT_MAX_BYTES = 25 * 2**20


class LoadError(Exception):
    """A file that cannot be read as a document. ``str()`` is one line: ``source: reason``."""

    def __init__(self, reason: str, source: str | None = None) -> None:
        self.reason = reason
        self.source = source
        super().__init__(f"{source}: {reason}" if source else reason)


@dataclass
class Document:
    """One loaded document; see the module docstring for what ``text`` and ``offsets`` hold."""

    source: str
    fmt: str
    encoding: str
    raw: str
    text: str
    offsets: OffsetMap
    title: str | None = None
    repairs: dict[str, int] = field(default_factory=dict)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``raw`` that the text span ``[start, end)`` came from."""
        return self.offsets.span(start, end)


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of a file's bytes; raises :class:`LoadError` for binary data."""
    try:
        text, enc, _ = decode_bytes(data)
    except DecodeError as e:
        raise LoadError(str(e)) from None
    return text, enc


# =========================================================================== reading files

def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB"


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read, decode, convert and normalize one file; raises :class:`LoadError`."""
    source = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise LoadError("is a directory (pass it to iter_documents to read the files in it)",
                            source)
        with open(p, "rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise LoadError("no such file or directory", source) from None
    except PermissionError:
        raise LoadError("permission denied", source) from None
    except IsADirectoryError:
        raise LoadError("is a directory", source) from None
    except OSError as e:
        raise LoadError(f"cannot read ({e.strerror or e})", source) from None
    if len(data) > max_bytes:
        try:
            size = _mb(p.stat().st_size)
        except OSError:
            size = f"over {_mb(max_bytes)}"
        raise LoadError(f"file too large ({size}; the limit is {_mb(max_bytes)}): split it or "
                        f"raise the limit with --max-size", source)
    suffix = p.suffix.lower()
    fmt = _FORMAT.get(suffix)
    try:
        raw, encoding, notes = decode_bytes(
            data, suffix=suffix, declared=declared_charset(data) if fmt in ("html", None) else None)
    except DecodeError as e:
        raise LoadError(str(e), source) from None
    if fmt is None:
        fmt = "html" if _LOOKS_HTML.match(raw) else "txt"
    stripped = raw.strip()
    if not stripped or (len(stripped) < 256 and not normalize(stripped, glue=False).text.strip()):
        raise LoadError("empty file", source)
    if fmt == "html":
        plain, fmap, title = html_to_text(raw)
    elif fmt == "md":
        plain, fmap, title = markdown_to_text(raw)
    else:
        plain, fmap, title = raw, IDENTITY, None
    norm = normalize(plain)
    if not norm.text.strip():
        raise LoadError("empty file" if fmt == "txt" or not raw.strip()
                        else f"no text in this {fmt.upper()} file after removing markup", source)
    repairs = dict(norm.repairs)
    for k, v in notes.items():
        repairs[k] = repairs.get(k, 0) + v
    if title is not None:
        title = " ".join(normalize(title).text.split()) or None
    return Document(source=source, fmt=fmt, encoding=encoding, raw=raw, text=norm.text,
                    offsets=norm.offsets.then(fmap), title=title, repairs=repairs)


_LOOKS_HTML = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def _walk(folder: str) -> Iterator[str | LoadError]:
    """Supported files under ``folder`` (as paths built on the folder as given), in sorted
    order, depth first; hidden entries and symlinked folders (a link back to a parent would
    loop) are skipped; a folder that cannot be listed yields its error and the walk goes on."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        yield LoadError(f"cannot list folder ({e.strerror or e})", folder)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = os.path.join(folder, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(child)
            elif entry.is_file() and os.path.splitext(entry.name)[1].lower() in SUPPORTED_SUFFIXES:
                yield child
        except OSError:
            continue


def iter_documents(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
                   ) -> Iterator[Document | LoadError]:
    """Documents from files and folders, in order; a bad file yields its :class:`LoadError`
    instead of stopping the run. Inside folders only :data:`SUPPORTED_SUFFIXES` are read; a
    file named explicitly is read whatever its extension."""
    for path in paths:
        targets = _walk(str(path)) if os.path.isdir(path) else [path]
        for target in targets:
            if isinstance(target, LoadError):
                yield target
                continue
            try:
                yield read_document(target, max_bytes=max_bytes)
            except LoadError as e:
                yield e


# =========================================================================== HTML

_DROP_TAGS = frozenset({
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "template", "head", "button", "select", "textarea", "object", "embed", "canvas", "audio",
    "video", "map", "dialog", "menu",
})
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "blockquote", "pre", "ul", "ol", "dl", "dt", "dd", "main", "figure", "figcaption",
    "hr", "address", "caption", "details", "summary", "fieldset", "center", "header", "footer",
    "thead", "tbody", "tfoot", "body", "html", "td", "th",
})
# Class/id words of page furniture (English conventions of CMS themes; prefixes match, so
# "navbar", "menu-main", "social-links", "breadcrumbs" are caught).
_BOILERPLATE_PREFIXES = ("nav", "menu", "footer", "share", "social", "cookie", "breadcrumb",
                         "banner", "advert", "comment", "related", "sidebar", "subscribe",
                         "pagination", "popup", "modal")
_BOILERPLATE_WORDS = frozenset({"tags", "tag", "ads", "ad", "tagcloud", "masthead"})
_NEVER_DROPPED = frozenset({"html", "body", "main", "article"})
_ID_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")
_HTML_COLLAPSE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# What html.parser treats as markup: comments, declarations, processing instructions, end tags
# and start tags (attribute values may hold ">").
_MARKUP = re.compile(r"""
    <!--.*?(?:-->|\Z)
  | <![^>]*>?
  | <\?[^>]*>?
  | </[a-zA-Z][^>]*>?
  | <[a-zA-Z][^\s/>]*(?:[^>"']|"[^"]{0,20000}"|'[^']{0,20000}')*>
""", re.S | re.X)
_RAW_TEXT_TAG = re.compile(r"<(script|style)\b", re.I)


def _is_boilerplate(tag) -> bool:
    if tag.name in _NEVER_DROPPED:
        return False
    attrs = tag.attrs
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    if attrs.get("role") in ("navigation", "banner", "contentinfo", "complementary", "search"):
        return True
    names = attrs.get("class") or []
    if isinstance(names, str):
        names = names.split()
    ident = attrs.get("id")
    for value in [*names, ident] if ident else names:
        for word in _ID_SPLIT.split(value):
            w = word.lower()
            if w and (w in _BOILERPLATE_WORDS or w.startswith(_BOILERPLATE_PREFIXES)):
                return True
    return False


class _TextStream:
    """The text between markup of an HTML source, entities decoded, with a map back to raw.

    bs4 gives positions for tags only; its strings are found again in this stream, in order,
    so that every character of the extracted text knows its place in the source.
    """

    def __init__(self, raw: str) -> None:
        parts: list[str] = []
        self.u0: list[int] = []  # pieces: stream start, stream end, raw start, raw end, copy?
        self.pieces: list[tuple[int, int, int, int, bool]] = []
        u = 0
        pos = 0
        n = len(raw)
        while pos < n:
            lt = raw.find("<", pos)
            if lt < 0:
                lt = n
            if lt > pos:
                u = self._text(raw, pos, lt, u, parts)
            if lt >= n:
                break
            m = _MARKUP.match(raw, lt)
            if m is None:  # a lone "<" is text to html.parser
                u = self._text(raw, lt, lt + 1, u, parts)
                pos = lt + 1
                continue
            pos = m.end()
            rt = _RAW_TEXT_TAG.match(m.group())
            if rt:  # script/style content is not text: skip to its end tag
                close = re.compile(rf"</{rt.group(1)}\s*>", re.I).search(raw, pos)
                pos = close.end() if close else n
        self.text = "".join(parts)

    def _text(self, raw: str, s: int, e: int, u: int, parts: list[str]) -> int:
        chunk = raw[s:e]
        if "&" not in chunk:
            self._piece(u, u + len(chunk), s, e, True)
            parts.append(chunk)
            return u + len(chunk)
        pos = s
        for m in _ENTITY.finditer(raw, s, e):
            out = unescape(m.group())
            if out == m.group():
                continue
            if m.start() > pos:
                self._piece(u, u + m.start() - pos, pos, m.start(), True)
                parts.append(raw[pos:m.start()])
                u += m.start() - pos
            self._piece(u, u + len(out), m.start(), m.end(), False)
            parts.append(out)
            u += len(out)
            pos = m.end()
        if e > pos:
            self._piece(u, u + e - pos, pos, e, True)
            parts.append(raw[pos:e])
            u += e - pos
        return u

    def _piece(self, u0: int, u1: int, r0: int, r1: int, copy: bool) -> None:
        if u1 > u0:
            self.u0.append(u0)
            self.pieces.append((u0, u1, r0, r1, copy))


class _Emitter:
    """Writes the extracted text and its map (extracted offset → raw offset) left to right."""

    # Strength of pending separators: a line break beats a break inside a cell beats a space.
    _STRENGTH = {"space": 1, "soft": 2, "line": 3}

    def __init__(self, stream: _TextStream) -> None:
        self.s = stream
        self.b = OffsetMapBuilder()
        self.out: list[str] = []
        self.last = "\n"  # last character written ("\n" at the start: no leading separators)
        self.pending: tuple[str, int] | None = None

    # -- raw position bookkeeping
    def _skip_to(self, r: int) -> bool:
        spos = self.b.source_pos
        if r < spos:
            return False
        if r > spos:
            self.b.replace(r - spos, 0)
        return True

    def _synthetic(self, text: str, r: int | None) -> None:
        if r is not None:
            self._skip_to(r)
        self.b.replace(0, len(text))
        self.out.append(text)
        self.last = text[-1]

    # -- separators
    def want(self, kind: str, r: int | None) -> None:
        if self.last == "\n" and kind != "line":
            return
        if self.pending is None or self._STRENGTH[kind] > self._STRENGTH[self.pending[0]]:
            self.pending = (kind, r if r is not None else self.b.source_pos)

    def cell(self, r: int | None) -> None:
        """A cell separator, written even for empty cells so that columns stay aligned."""
        if self.pending is not None and self.pending[0] == "line":
            self._flush(r if r is not None else self.b.source_pos)
        self.pending = None
        self._synthetic("\t|\t", r)

    def _flush(self, r_next: int) -> None:
        if self.pending is None:
            return
        kind, r = self.pending
        self.pending = None
        if kind == "line":
            if self.last != "\n":
                self._synthetic("\n", min(r, r_next))
        elif self.last not in "\n\t":
            if kind == "soft" and self.last not in ",;:.!?":
                self._synthetic("; ", min(r, r_next))
            else:
                self._synthetic(" ", min(r, r_next))

    # -- text
    def text(self, ua: int, ub: int) -> None:
        """Emit stream characters [ua, ub) (no whitespace handling)."""
        pieces, u0s = self.s.pieces, self.s.u0
        i = bisect_right(u0s, ua) - 1
        while ua < ub and 0 <= i < len(pieces):
            p0, p1, r0, r1, copy = pieces[i]
            if ua >= p1:
                i += 1
                continue
            end = min(ub, p1)
            if copy:
                r = r0 + (ua - p0)
                self._flush(r)
                if self._skip_to(r):
                    self.b.copy(end - ua)
                else:
                    self.b.replace(0, end - ua)
            else:
                self._flush(r0)
                if ua == p0 and self._skip_to(r0):
                    self.b.replace(r1 - r0, end - ua)
                else:
                    self.b.replace(0, end - ua)
            chunk = self.s.text[ua:end]
            self.out.append(chunk)
            self.last = chunk[-1]
            ua = end
        if ua < ub:  # outside the stream (should not happen): keep the text, map it here
            self._synthetic(self.s.text[ua:ub], None)

    def words(self, ua: int, ub: int, pre: bool) -> None:
        """Emit [ua, ub) with HTML whitespace collapsed (unless in <pre>). Single spaces between
        words are copied as they are; longer runs, tabs and newlines become one pending space,
        dropped at line starts and before line breaks."""
        if pre:  # preformatted: every character, newlines included, is copied
            self.text(ua, ub)
            return
        pos = ua
        for m in _HTML_COLLAPSE.finditer(self.s.text, ua, ub):
            self._chunk(pos, m.start())
            self.want("space", self._raw_of(m.start()))
            pos = m.end()
        self._chunk(pos, ub)

    def _chunk(self, a: int, b: int) -> None:
        t = self.s.text
        if a < b and t[a] == " ":
            self.want("space", self._raw_of(a))
            a += 1
        trailing = b - 1 if a < b and t[b - 1] == " " else None
        if trailing is not None:
            b -= 1
        if a < b:
            self.text(a, b)
        if trailing is not None:
            self.want("space", self._raw_of(trailing))

    def _raw_of(self, u: int) -> int | None:
        i = bisect_right(self.s.u0, u) - 1
        if i < 0:
            return None
        p0, p1, r0, r1, copy = self.s.pieces[i]
        if u >= p1:
            return r1
        return r0 + (u - p0) if copy else r0

    def result(self) -> tuple[str, OffsetMap]:
        # The markup after the last character is left out of the map on purpose: an OffsetMap
        # sends the end of the text to the end of its source, and that should be the end of
        # the last word, not of the page.
        self.pending = None
        text = "".join(self.out)
        m = self.b.build()
        return text, m


def _align(stream: _TextStream, strings: list) -> dict[int, tuple[int, int] | list[int]]:
    """Where each bs4 string sits in the stream: ``(start, end)`` when found as is, else a
    per-character list of stream positions (-1 where a character has no counterpart)."""
    found: dict[int, tuple[int, int] | list[int]] = {}
    t = stream.text
    u = 0
    for s in strings:
        v = str(s)
        if not v:
            continue
        if t.startswith(v, u):
            found[id(s)] = (u, u + len(v))
            u += len(v)
            continue
        j = t.find(v, u, u + len(v) + 4096)
        if j >= 0:
            found[id(s)] = (j, j + len(v))
            u = j + len(v)
            continue
        positions: list[int] = []
        for ch in v:  # greedy character alignment (entities bs4 decodes differently, etc.)
            k = t.find(ch, u, u + 64)
            if k >= 0:
                positions.append(k)
                u = k + 1
            else:
                positions.append(-1)
        found[id(s)] = positions
    return found


def html_to_text(raw: str, *, drop_boilerplate: bool = True) -> tuple[str, OffsetMap, str | None]:
    """``(text, map text→raw, title)`` of an HTML source (see the module docstring)."""
    from bs4 import BeautifulSoup
    from bs4.element import (CData, Comment, Declaration, Doctype, NavigableString,
                             ProcessingInstruction, Tag)
    skip_types = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
    soup = BeautifulSoup(raw, "html.parser")
    stream = _TextStream(raw)
    strings = [s for s in soup.descendants
               if isinstance(s, NavigableString) and not isinstance(s, skip_types)
               and not (s.parent is not None and s.parent.name in ("script", "style"))]
    where = _align(stream, strings)
    line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]

    def tag_pos(tag) -> int | None:
        line, col = getattr(tag, "sourceline", None), getattr(tag, "sourcepos", None)
        if line is None or col is None or line - 1 >= len(line_starts):
            return None
        return line_starts[line - 1] + col

    em = _Emitter(stream)
    # Explicit stack instead of recursion: real pages nest unclosed tags thousands deep.
    # Frames: ("enter", node, ctx) / ("exit", tag, ctx, pos)
    # ctx = (pre, in_cell, in_article)
    stack: list[tuple] = [("enter", soup, (False, False, False))]
    row_cells: dict[int, int] = {}
    layout: dict[int, bool] = {}
    while stack:
        frame = stack.pop()
        if frame[0] == "exit":
            _, tag, ctx, pos = frame
            name = tag.name
            if name in ("td", "th") and not layout.get(id(tag.find_parent("table")), True):
                continue
            if name in _BLOCK_TAGS:
                em.want("soft" if ctx[1] else "line", None)
            continue
        _, node, ctx = frame
        pre, in_cell, in_article = ctx
        if isinstance(node, NavigableString):
            loc = where.get(id(node))
            if loc is None:
                continue
            if isinstance(loc, tuple):
                em.words(loc[0], loc[1], pre)
            else:
                for k, p in enumerate(loc):
                    if p >= 0:
                        em.words(p, p + 1, pre)
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if node is not soup:
            if name in _DROP_TAGS and not (name == "header" and in_article):
                continue
            if drop_boilerplate and _is_boilerplate(node):
                continue
        pos = tag_pos(node)
        if name == "table":
            layout[id(node)] = node.get("role") == "presentation" or node.find("table") is not None
        if name == "tr":
            tbl = node.find_parent("table")
            if tbl is not None and not layout.get(id(tbl), True):
                row_cells[id(node)] = 0
                em.want("soft" if in_cell else "line", pos)
        elif name in ("td", "th"):
            tbl = node.find_parent("table")
            if tbl is not None and not layout.get(id(tbl), True):
                row = node.find_parent("tr")
                k = row_cells.get(id(row), 0) if row is not None else 0
                if k and not in_cell:
                    em.cell(pos)
                elif k:
                    em.want("space", pos)
                if row is not None:
                    row_cells[id(row)] = k + 1
                ctx = (pre, True, in_article)
            else:
                em.want("soft" if in_cell else "line", pos)
        elif name == "br":
            em.want("soft" if in_cell else "line", pos)
        elif name in _BLOCK_TAGS:
            em.want("soft" if in_cell else "line", pos)
        if name == "pre":
            ctx = (True, ctx[1], ctx[2])
        if name in ("article", "main"):
            ctx = (ctx[0], ctx[1], True)
        stack.append(("exit", node, ctx, pos))
        for child in reversed(node.contents):
            stack.append(("enter", child, ctx))
    text, fmap = em.result()
    if drop_boilerplate and not text.strip():
        return html_to_text(raw, drop_boilerplate=False)
    title = None
    if soup.title is not None and soup.title.get_text().strip():
        title = " ".join(soup.title.get_text().split())
    else:
        h1 = soup.find("h1")
        if h1 is not None and h1.get_text().strip():
            title = " ".join(h1.get_text().split())
    return text, fmap, title


# =========================================================================== Markdown

_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_MD_REFDEF = re.compile(r" {0,3}\[[^\]\n]+\]:\s*\S+.*")
_MD_RULE = re.compile(r" {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|=+\s*)")
_MD_TABLE_SEP = re.compile(r"\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*")
_MD_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_MD_HEADING_END = re.compile(r"[ \t]+#+[ \t]*$")
_MD_QUOTE = re.compile(r" {0,3}(?:>[ \t]?)+")
_MD_BULLET = re.compile(r"[ \t]*[-*+][ \t]+(?=\S)")
_MD_PIPE = re.compile(r"(?<!\\)\|")
# Inline markup, applied in this order on a view where earlier results are masked.
_MD_CODE = re.compile(r"(`+)(?!`)(.{0,2000}?[^`])\1(?!`)")
_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,1000}\]\([^)\n]{0,2000}\)")
_MD_LINK = re.compile(r"\[([^\]\n]{1,1000})\](\([^)\n]{0,2000}\)|\[[^\]\n]{0,200}\])")
_MD_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]{1,2000})>")
_MD_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,500})?/?>")
_MD_STRONG = re.compile(r"(\*\*|__|~~)(?=\S)([^\n]{1,300}?)(?<=\S)\1")
_MD_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^\n*]{1,300}?)(?<=[^\s*])\*(?![\w*])")
_MD_EM_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])([^\n_]{1,300}?)(?<=[^\s_])_(?![\w_])")
_MD_INLINE_CHARS = re.compile(r"[`*_\[!<\\~]")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def _apply_edits(src: str, edits: list[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    """Apply sorted, non-overlapping ``(start, end, replacement)`` edits with a map back."""
    b = OffsetMapBuilder()
    out: list[str] = []
    pos = 0
    for s, e, rep in edits:
        if s < pos:
            continue
        out.append(src[pos:s])
        b.copy(s - pos)
        out.append(rep)
        if rep or e < len(src):  # a deletion at the very end stays out of the map (see above)
            b.replace(e - s, len(rep))
        pos = e
    out.append(src[pos:])
    b.copy(len(src) - pos)
    return "".join(out), b.build()


def _inline_edits(line: str, base: int, edits: list[tuple[int, int, str]]) -> None:
    """Deletions of inline Markdown markup in one line (offsets relative to the document)."""
    if not _MD_INLINE_CHARS.search(line):
        return
    view = list(line)
    local: list[tuple[int, int, str]] = []

    def drop(s: int, e: int) -> None:
        local.append((s, e, ""))
        for k in range(s, e):
            view[k] = "\x00"

    def protect(s: int, e: int) -> None:
        for k in range(s, e):
            view[k] = "\x01"

    v = line
    for m in _MD_CODE.finditer(v):
        drop(m.start(), m.start(1) + len(m.group(1)))
        drop(m.end() - len(m.group(1)), m.end())
        protect(m.start(2), m.end(2))
    v = "".join(view)
    for m in _MD_ESCAPE.finditer(v):  # \* is a literal star: drop the backslash, keep the star
        drop(m.start(), m.start() + 1)
        protect(m.start() + 1, m.end())
    v = "".join(view)
    for m in _MD_IMAGE.finditer(v):
        drop(m.start(), m.end())
    v = "".join(view)
    for m in _MD_LINK.finditer(v):
        drop(m.start(), m.start() + 1)
        drop(m.end(1), m.end())
    for m in _MD_AUTOLINK.finditer(v):
        drop(m.start(), m.start() + 1)
        drop(m.end() - 1, m.end())
    v = "".join(view)
    for m in _MD_TAG.finditer(v):
        drop(m.start(), m.end())
    for rx in (_MD_STRONG, _MD_EM_STAR, _MD_EM_UNDER):
        v = "".join(view)
        for m in rx.finditer(v):
            k = len(m.group(1)) if rx is _MD_STRONG else 1
            drop(m.start(), m.start() + k)
            drop(m.end() - k, m.end())
    edits.extend((base + s, base + e, r) for s, e, r in local)


def markdown_to_text(raw: str) -> tuple[str, OffsetMap, str | None]:
    """``(text, map text→raw, title)`` of a Markdown source (see the module docstring)."""
    edits: list[tuple[int, int, str]] = []
    comments = [(m.start(), m.end()) for m in _MD_COMMENT.finditer(raw)]
    edits.extend((s, e, "") for s, e in comments)
    title: str | None = None
    in_fence: str | None = None
    lines = raw.split("\n")
    pos = 0
    prev_text = False
    in_table = False  # after a |---| row, lines with pipes are rows until a blank line
    ci = 0  # comments are sorted: the first one that may touch the current line
    for idx, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        while ci < len(comments) and comments[ci][1] <= start:
            ci += 1
        if ci < len(comments) and comments[ci][0] <= end:
            prev_text = bool(line.strip())
            continue  # lines touched by a comment: the comment goes, the rest stays as is
        fence = _MD_FENCE.match(line)
        if in_fence is not None:
            if fence and fence.group(1)[0] == in_fence[0] and len(fence.group(1)) >= len(in_fence):
                in_fence = None
                edits.append((start, end, ""))
            continue
        if fence:
            in_fence = fence.group(1)
            edits.append((start, end, ""))
            prev_text = False
            continue
        body = line.rstrip("\r")
        if not body.strip():
            prev_text = in_table = False
            continue
        if _MD_TABLE_SEP.fullmatch(body):
            in_table = True
        if _MD_REFDEF.fullmatch(body) or _MD_TABLE_SEP.fullmatch(body) \
                or (_MD_RULE.fullmatch(body) and (prev_text or not body.lstrip().startswith("="))):
            edits.append((start, start + len(body), ""))
            prev_text = False
            continue
        off = 0
        h = _MD_HEADING.match(body)
        if h:
            edits.append((start, start + h.end(), ""))
            off = h.end()
            he = _MD_HEADING_END.search(body, off)
            tail = he.start() if he else len(body)
            if he:
                edits.append((start + he.start(), start + len(body), ""))
            if title is None and len(h.group(1)) == 1:
                title = _strip_inline(body[off:tail]) or None
            _inline_edits(body[off:tail], start + off, edits)
            prev_text = True
            continue
        q = _MD_QUOTE.match(body)
        if q:
            edits.append((start, start + q.end(), ""))
            off = q.end()
        bl = _MD_BULLET.match(body, off)
        if bl:
            edits.append((start + off, start + bl.end(), ""))
            off = bl.end()
        nxt = lines[idx + 1] if idx + 1 < len(lines) else ""
        is_row = "|" in body and (in_table or body.lstrip().startswith("|")
                                  or bool(_MD_TABLE_SEP.fullmatch(nxt)))
        if is_row:
            _table_row_edits(body, start, off, edits)
        else:
            _inline_edits(body[off:], start + off, edits)
        prev_text = True
    edits.sort(key=lambda e: (e[0], e[1]))
    text, fmap = _apply_edits(raw, _merge(edits))
    return text, fmap, title


def _merge(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop edits that overlap an earlier one (a comment around emphasis, etc.)."""
    out: list[tuple[int, int, str]] = []
    end = -1
    for s, e, r in edits:
        if s < end:
            continue
        out.append((s, e, r))
        end = max(end, e) if e > s else end
    return out


def _table_row_edits(body: str, start: int, off: int, edits: list[tuple[int, int, str]]) -> None:
    pipes = [m.start() for m in _MD_PIPE.finditer(body, off)]
    if not pipes:
        _inline_edits(body[off:], start + off, edits)
        return
    lead = body[off:pipes[0]].strip() == ""
    trail = body[pipes[-1] + 1:].strip() == ""
    cells: list[tuple[int, int]] = []
    bounds = [off - 1] + pipes + [len(body)]
    for k in range(len(bounds) - 1):
        a, b = bounds[k] + 1, bounds[k + 1]
        cells.append((a, b))
    if lead:
        cells = cells[1:]
    if trail:
        cells = cells[:-1]
    # Trimmed cells; everything between two trimmed cells becomes the "\t|\t" separator.
    trimmed = []
    for a, b in cells:
        seg = body[a:b]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        trimmed.append((a + ls, a + max(rs, ls)))
    if not trimmed:
        edits.append((start + off, start + len(body), ""))
        return
    edits.append((start + off, start + trimmed[0][0], ""))
    for k, (a, b) in enumerate(trimmed):
        _inline_edits(body[a:b], start + a, edits)
        if k + 1 < len(trimmed):
            edits.append((start + b, start + trimmed[k + 1][0], "\t|\t"))
    edits.append((start + trimmed[-1][1], start + len(body), ""))


def _strip_inline(s: str) -> str:
    edits: list[tuple[int, int, str]] = []
    _inline_edits(s, 0, edits)
    edits.sort(key=lambda e: (e[0], e[1]))
    return _apply_edits(s, _merge(edits))[0].strip()
