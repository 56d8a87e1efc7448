"""A Whoosh segment writer with the per-posting overheads of the stock one removed.

Profiling a build of 300 synthetic documents (~320 words each, ~660 postings a document) showed
a third of the time in Whoosh's writer, most of it in three per-posting costs that buy nothing
for this schema:

* when the segment is written, ``W3FieldWriter`` asks the per-document reader for the field
  length of the posting's document once per posting (a column read each time): here the lengths
  are read once per (document, field) and remembered;
* ``PostingPool.add`` type-checks every posting tuple: here it only sizes and appends them;
* a compression level of 1 instead of 3 for posting blocks, no compression for blocks under
  96 bytes, and posting lists of fewer than 4 postings stored inline in the term's entry (stock
  Whoosh cannot inline: the path calls a misspelt method); with these a 300-document segment
  makes 6,000 zlib calls instead of 31,000. The level is recorded in each block, and the
  inlined form is Whoosh's own, so readers need nothing.

The files written are ordinary Whoosh 3 segments; indexes stay readable by any Whoosh reader.
Besides them, each segment gets a posting-columns file (see ``postcols``): the long posting
lists as arrays, which search reads instead of the blocks when it is there.
"""
from __future__ import annotations

import copy
import os
from array import array
import zlib
from pickle import dumps

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter
from whoosh.formats import Positions
from whoosh.util.numeric import length_to_byte
from whoosh.writing import PostingPool, SegmentWriter

from .postcols import MIN_POSTINGS, ColumnsWriter

__all__ = ["FastSegmentWriter"]

# 28 + 4*5 (tuple) + 21 (field name) + 26 (text) + 18 (docnum) + 16 (weight) + 21 (value):
# the stock pool's estimate of a posting's memory, without the per-item lengths.
_POSTING_OVERHEAD = 150


class _LeanPool(PostingPool):
    def add(self, item):
        # item = (fieldname, tbytes, docnum, weight, vbytes)
        self.fieldnames.add(item[0])
        self.currentsize += _POSTING_OVERHEAD + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)


class _RememberedLengths:
    """Wraps a per-document reader: ``doc_field_length`` answers from a dict after the first read."""

    def __init__(self, reader) -> None:
        self._reader = reader
        self._cache: dict[tuple[int, str], int] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        key = (docnum, fieldname)
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = self._reader.doc_field_length(docnum, fieldname, default)
            return value

    def __getattr__(self, name: str):
        return getattr(self._reader, name)


# Posting lists shorter than this are stored inside the term's entry instead of as a block of
# their own (W3Codec's default of 1 never inlines anything). Most terms of a segment are rare
# (names, numbers, typos): this saves a block header, a pickle and a zlib call for each.
INLINE_LIMIT = 4
# Blocks smaller than this many bytes are not compressed (Whoosh meant to skip blocks under 20
# bytes but overwrites its own decision); zlib's per-call cost dominates such blocks.
COMPRESS_MIN_BYTES = 96


class _LeanPostingsWriter(W3PostingsWriter):
    def __init__(self, *args, columns: ColumnsWriter | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._columns = columns
        self._all_ids: list[int] = []
        self._all_weights: list[float] = []
        self._block_offsets: list[int] = []
        self._all_values: list[bytes] | None = None

    def start_postings(self, format_, terminfo):
        super().start_postings(format_, terminfo)
        self._all_ids = []
        self._all_weights = []
        self._block_offsets = []
        # word positions go to the columns too (Whoosh's plain Positions encoding only)
        self._all_values = [] if type(format_) is Positions else None

    def add_run(self, ids: list[int], weights: list[float], values: list[bytes],
                lengths: list[int] | None) -> None:
        """All postings of the current term, in document order: what ``add_posting`` does one
        posting at a time (same blocks, same statistics), a block at a time."""
        bl = self._blocklimit
        for s in range(0, len(ids), bl):
            if len(self._ids) >= bl:
                self._write_block()
            e = s + bl
            w = weights[s:e]
            self._ids = array("I", ids[s:e])
            self._weights = array("f", w)
            self._values = [v for v in values[s:e] if v]
            self._maxweight = max(0, max(w))
            if lengths is not None:
                ls = [n for n in lengths[s:e] if n]
                self._minlength = min(ls) if ls else None
                self._maxlength = max(ls) if ls else 0

    def finish_postings(self):
        # W3PostingsWriter.finish_postings calls a misspelt method (set_inline), which is why
        # stock Whoosh never inlines (its default limit of 1 keeps the path dead)
        terminfo = self._terminfo
        if not self.written() and len(self) < self._inlinelimit:
            terminfo.add_block(self)
            terminfo.set_inlined(self._ids, self._weights, self._values)
        else:
            if self._ids:
                self._write_block(last=True)
            if self._columns is not None and len(self._all_ids) >= MIN_POSTINGS:
                self._columns.add(self._startoffset, self._all_ids, self._all_weights, self._block_offsets,
                                  self._all_values)
            terminfo.set_extent(self._startoffset, self._postfile.tell() - self._startoffset)
        self._terminfo = None
        return terminfo

    def _write_block(self, last=False):
        # W3PostingsWriter._write_block, with the small-block rule applied
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        if self._columns is not None:
            self._block_offsets.append(self._postfile.tell())
            self._all_ids.extend(self._ids)
            self._all_weights.extend(self._weights)
            if self._all_values is not None:
                self._all_values.extend(self._values)
        self._terminfo.add_block(self)
        databytes = dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), 2)
        comp = self._compression if len(databytes) >= COMPRESS_MIN_BYTES else 0
        if comp:
            databytes = zlib.compress(databytes, comp)
        ids = self._ids
        infobytes = dumps((len(ids), ids[-1], self._maxweight, comp, length_to_byte(self._minlength),
                           length_to_byte(self._maxlength)), 2)
        blocklength = len(infobytes) + len(databytes)
        if last:
            blocklength *= -1
        self._postfile.write_int(blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


def _add_postings(fw, schema, lengths, doccount: int, items) -> None:
    """``FieldWriter.add_postings`` a term at a time: the sorted postings are gathered per term
    and handed to the postings writer as one run (``add_run``), and each scored field's lengths
    are read once per document instead of once per posting. The stock loop made five Python
    calls and a dozen type checks per posting, a third of the segment write."""
    field_lengths: dict[str, list[int] | None] = {}

    def lengths_of(fieldname: str, fieldobj) -> list[int] | None:
        if fieldname not in field_lengths:
            field_lengths[fieldname] = ([lengths.doc_field_length(d, fieldname, 0) for d in range(doccount)]
                                        if lengths is not None and fieldobj.scorable else None)
        return field_lengths[fieldname]

    def emit(btext: bytes, ids: list[int], weights: list[float], values: list[bytes], flens) -> None:
        fw.start_term(btext)
        fw._postwriter.add_run(ids, weights, values, [flens[d] for d in ids] if flens is not None else None)
        fw.finish_term()

    lastfn = lasttext = flens = None
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    for fieldname, btext, docnum, weight, value in items:
        if docnum == -1:
            continue                    # Whoosh's spelling items (none in this schema)
        if btext != lasttext or fieldname != lastfn:
            if lasttext is not None:
                emit(lasttext, ids, weights, values, flens)
            if fieldname != lastfn:
                if lastfn is not None:
                    fw.finish_field()
                fieldobj = schema[fieldname]
                fw.start_field(fieldname, fieldobj)
                flens = lengths_of(fieldname, fieldobj)
                lastfn = fieldname
            lasttext = btext
            ids, weights, values = [], [], []
        ids.append(docnum)
        weights.append(weight)
        values.append(value if value is not None else b"")
    if lasttext is not None:
        emit(lasttext, ids, weights, values, flens)
    if lastfn is not None:
        fw.finish_field()


class _WritingCodec:
    """Stands in for the codec inside the field writer only, to hand it lean postings writers.
    The segment keeps the plain W3Codec (it is pickled into the index's table of contents)."""

    def __init__(self, codec: W3Codec, columns: ColumnsWriter | None = None) -> None:
        self._codec = codec
        self._columns = columns

    def postings_writer(self, dbfile, byteids=False):
        return _LeanPostingsWriter(dbfile, blocklimit=self._codec._blocklimit, byteids=byteids,
                                   compression=self._codec._compression, inlinelimit=INLINE_LIMIT,
                                   columns=None if byteids else self._columns)

    def __getattr__(self, name: str):
        return getattr(self._codec, name)


def _private_temp(ix):
    """The index with a storage whose temporary folders are this writer's own.

    Every Whoosh writer of an index keeps its temporary files in one shared folder
    (``MAIN.tmp``) and deletes that whole folder when it finishes: with several workers each
    writing a segment, the first to finish deleted the others' column files. Here each writer
    gets ``MAIN.tmp-<pid>-<n>``, so the parallel build no longer races on it."""
    global _WRITERS
    _WRITERS += 1
    suffix = f"{os.getpid()}-{_WRITERS}"
    base = ix.storage
    storage = copy.copy(base)
    storage.temp_storage = lambda name=None: base.temp_storage(f"{name or 'tmp'}-{suffix}")
    private = copy.copy(ix)
    private.storage = storage
    return private


_WRITERS = 0
# Postings per Whoosh block (Whoosh's default; tests lower it to exercise multi-block lists).
BLOCK_LIMIT = 128


class FastSegmentWriter(SegmentWriter):
    def __init__(self, ix, **kwargs) -> None:
        kwargs.setdefault("codec", W3Codec(blocklimit=BLOCK_LIMIT, compression=1))
        # Segments as separate files, not one compound file: Whoosh opens a compound file's
        # parts as in-memory copies (BytesIO over the mapped file), so every searcher copied
        # the whole index into memory first (1.2 s and ~1 GB at 100,000 documents); plain files
        # are read on demand through the page cache.
        kwargs.setdefault("compound", False)
        super().__init__(_private_temp(ix), **kwargs)
        # the stock writer ignores its poolclass argument; the new pool is still empty
        self.pool = _LeanPool(self._tempstorage, self.newsegment, limitmb=kwargs.get("limitmb", 128))
        # the long posting lists again as arrays, for scoring and position look-ups (postcols)
        self._columns = ColumnsWriter(self.storage, self.newsegment, self.codec._blocklimit)
        self.fieldwriter._codec = _WritingCodec(self.codec, self._columns)

    def cancel(self) -> None:
        self._columns.cancel()
        super().cancel()

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        lengths = _RememberedLengths(pdr) if pdr is not None else None
        _add_postings(self.fieldwriter, self.schema, lengths, self.docnum, self.pool.iter_postings())
        self.fieldwriter.close()
        self._columns.close()
        if pdr:
            pdr.close()
