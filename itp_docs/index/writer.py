"""A Whoosh segment writer with the per-posting overheads of the stock one removed.

Profiling builds of synthetic documents (~320 words each, ~650 postings a document) showed most
of the build's Whoosh time in per-posting costs that buy nothing for this schema:

* the stock pool keeps a ~200-byte tuple per posting, sorts them all, and spills them to disk
  one pickle each when its buffer fills (every ~1,500 documents of a build worker): here
  postings are grouped by term in compact arrays as they arrive (``_LeanPool``);
* ``add_document`` hands postings to the pool one call each, and ``W3FieldWriter`` adds them to
  the postings writer one call and a dozen type checks each, asking the per-document reader for
  the document's field length every time: here a field's postings go to the pool at once, each
  term goes to the postings writer as one run (``add_run``), and lengths are read once per
  (document, field);
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
import heapq
import os
import zlib
from array import array
from hashlib import md5
from operator import sub
from pickle import dump, dumps, load

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter, W3TermInfo
from whoosh.analysis import KeywordAnalyzer
from whoosh.fields import KEYWORD
from whoosh.filedb.filetables import OrderedHashWriter, md5_hash
from whoosh.filedb.filetables import _lengths as _HASH_LENGTHS
from whoosh.filedb.structfile import StructFile
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import PostingPool, SegmentWriter

from . import analysis
from .analysis import _ONE_POSITION, AnalyzedField, _encode_positions, encode_frequency
from .postcols import MIN_POSTINGS, ColumnsWriter

__all__ = ["FastSegmentWriter"]

# _LeanPool's estimate of the memory of one posting: three references in its term's list (with
# the list's spare room), and its value object when it is not shared (the values of single
# positions and the weights of small frequencies are, see add_positions). tracemalloc over 400
# generated documents: the pool and the per-document writer grew 15.3 MB for 270,000 postings in
# 36,000 groups, which these figures put at 18 MB.
_POSTING_SIZE = 40
_GROUP_SIZE = 200            # a term's group: its list, its key and the dict slot


_WEIGHTS: dict[tuple[float, float], list[float]] = {}     # (field boost, boost) → weights of frequencies
_FREQ_VALUES = [encode_frequency(k) for k in range(64)]    # Frequency values of small frequencies


def _weight(k: int, fb: float, fieldboost: float) -> float:
    w = k * fb
    return w * fieldboost if fieldboost != 1.0 else w


class _LeanPool(PostingPool):
    """Postings grouped by field and term as they arrive, instead of one flat list of tuples
    sorted at the end.

    Documents get ascending numbers, so each term's postings arrive in document order: grouping
    them leaves only the distinct terms to sort and hands the segment writer whole runs. A term's
    group is one flat list ``[docnum, weight, value, docnum, weight, value, ...]``: adding a
    posting is one ``+=`` of a tuple, and the objects it refers to are mostly shared (a
    document's number by all its postings, the values and weights of words that occur once by
    all documents). The stock pool's tuples took ~200 bytes a posting, so a worker's 192 MB
    buffer spilled every ~1,500 documents, and each spill pickled every posting and read it back
    through a heap merge. When the buffer is full here, the groups are written as one run of
    pickled term groups, merged back by term (runs are in document order, so a term's groups are
    concatenated)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._groups: dict[str, dict[bytes, list]] = {}
        # fields whose terms are kept as text (str) until they are written: the analysed words'
        # strings are shared by all documents and keep their hash, where each posting's bytes
        # would be a new object hashed again (UTF-8 keeps the order of code points, so sorting
        # the texts sorts their bytes)
        self.textkeyed: frozenset[str] = frozenset()

    def _terms(self, fieldname: str) -> dict[bytes, list]:
        terms = self._groups.get(fieldname)
        if terms is None:
            terms = self._groups[fieldname] = {}
            self.fieldnames.add(fieldname)
        return terms

    def add(self, item):
        # item = (fieldname, tbytes, docnum, weight, vbytes): merges (add_reader) come this way
        fieldname, tbytes, docnum, weight, vbytes = item
        if fieldname in self.textkeyed:
            tbytes = tbytes.decode("utf-8")
        terms = self._terms(fieldname)
        g = terms.get(tbytes)
        if g is None:
            g = terms[tbytes] = []
            self.currentsize += _GROUP_SIZE
        elif g[-3] >= docnum:
            raise ValueError(f"postings of {fieldname}:{tbytes!r} out of document order")
        vbytes = vbytes or b""
        g += (docnum, weight, vbytes)
        self.currentsize += _POSTING_SIZE + len(vbytes)
        if self.currentsize > self.limit:
            self.save()

    def add_field(self, fieldname: str, docnum: int, items, fieldboost: float, scorable: bool) -> int:
        """One document's postings of one field (``field.index`` output); returns the field
        length, as ``SegmentWriter.add_document`` counts it."""
        terms = self._terms(fieldname)
        if fieldname in self.textkeyed:
            items = [(t.decode("utf-8"), f, w, v) for t, f, w, v in items]
        get = terms.get
        length = n = new = 0
        if fieldboost == 1.0:
            for tbytes, freq, weight, vbytes in items:
                length += freq
                n += 1
                g = get(tbytes)
                if g is None:
                    g = terms[tbytes] = []
                    new += 1
                g += (docnum, weight, vbytes or b"")
        else:
            for tbytes, freq, weight, vbytes in items:
                length += freq
                n += 1
                g = get(tbytes)
                if g is None:
                    g = terms[tbytes] = []
                    new += 1
                g += (docnum, weight * fieldboost, vbytes or b"")
        self.currentsize += n * _POSTING_SIZE + new * _GROUP_SIZE
        if self.currentsize > self.limit:
            self.save()
        return length if scorable else 0

    def add_positions(self, fieldname: str, docnum: int, poses: dict[str, list[int]], positions: bool,
                      fb: float, fieldboost: float, scorable: bool) -> int:
        """One document's postings of a text-keyed field from its terms' positions
        (``AnalyzedField.term_positions``): what ``add_field`` does with the items
        ``AnalyzedField.index`` makes of them (values in Whoosh's ``Positions`` or ``Frequency``
        encoding, weight = frequency × field boost), without making them."""
        terms = self._terms(fieldname)
        get = terms.get
        length = new = 0
        if analysis.FAST_ENCODE:
            encode, encode_frequency_ = (_encode_positions if positions else None), encode_frequency
        else:                                   # Whoosh's encoders (tests)
            encode, encode_frequency_ = (Positions().encode if positions else None), pack_uint
        # the weights of small frequencies as shared objects (as the values of single positions
        # are): a posting then holds no object of its own
        weights = _WEIGHTS.get((fb, fieldboost))
        if weights is None:
            weights = _WEIGHTS[fb, fieldboost] = [k * fb * fieldboost if fieldboost != 1.0 else k * fb
                                                  for k in range(64)]
        if positions:
            one = _ONE_POSITION if analysis.FAST_ENCODE else None      # (as _encode_positions, inline)
            for t, p in poses.items():
                k = len(p)
                length += k
                g = get(t)
                if g is None:
                    g = terms[t] = []
                    new += 1
                v = one.get(p[0]) if k == 1 and one is not None else None
                if v is None:
                    v = encode(p)
                g += (docnum, weights[k] if k < 64 else _weight(k, fb, fieldboost), v)
        else:
            small = _FREQ_VALUES if analysis.FAST_ENCODE else None
            for t, p in poses.items():
                k = len(p)
                length += k
                g = get(t)
                if g is None:
                    g = terms[t] = []
                    new += 1
                if k < 64:
                    g += (docnum, weights[k], small[k] if small is not None else encode_frequency_(k))
                else:
                    g += (docnum, _weight(k, fb, fieldboost), encode_frequency_(k))
        self.currentsize += len(poses) * _POSTING_SIZE + new * _GROUP_SIZE
        if self.currentsize > self.limit:
            self.save()
        return length if scorable else 0

    def _sorted(self):
        for fieldname in sorted(self._groups):
            terms = self._groups[fieldname]
            if fieldname in self.textkeyed:
                for t in sorted(terms):
                    yield fieldname, t.encode("utf-8"), terms[t]
            else:
                for tbytes in sorted(terms):
                    yield fieldname, tbytes, terms[tbytes]

    def save(self):
        if not self._groups:
            return
        path, f = self._new_run()
        try:
            for fieldname, tbytes, g in self._sorted():
                dump((fieldname, tbytes, g), f, 4)
        finally:
            f.close()
        self.runs.append(path)
        self._groups = {}
        self.currentsize = 0

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                try:
                    fieldname, tbytes, data = load(f)
                except EOFError:
                    return
                yield fieldname, tbytes, data
        finally:
            f.close()

    def groups(self):
        """(fieldname, tbytes, group) of every term in order: from memory, or merged from the
        runs (and what is still in memory, which comes last in document order)."""
        if not self.runs:
            yield from self._sorted()
            return
        self.save()
        runs = [((fn, tb, i, data) for fn, tb, data in self._read_run(path)) for i, path in enumerate(self.runs)]
        last = None
        for fn, tb, _i, data in heapq.merge(*runs):
            if last is not None and (fn, tb) == last[:2]:
                last[2].extend(data)
                continue
            if last is not None:
                yield last
            last = (fn, tb, data)
        if last is not None:
            yield last

    def cleanup(self):
        self._groups = {}
        for path in self.runs:
            try:
                self._remove_run(path)
            except OSError:
                pass
        self.runs = []


# Posting lists shorter than this are stored inside the term's entry instead of as a block of
# their own (W3Codec's default of 1 never inlines anything). Most terms of a segment are rare
# (names, numbers, typos): this saves a block header, a pickle and a zlib call for each.
INLINE_LIMIT = 4
# Blocks smaller than this many bytes are not compressed (Whoosh meant to skip blocks under 20
# bytes but overwrites its own decision); zlib's per-call cost dominates such blocks.
COMPRESS_MIN_BYTES = 96


# The pickle protocol of a block's data (ids, weights, values). Whoosh writes protocol 2, which
# pickles each bytes value as a call of ``codecs.encode`` on a latin-1 string: for a block of
# position values that took ~20 times as long to write (and ~10 times as long to read back) as
# protocol 4, and twice the bytes. Any reader's ``pickle.loads`` reads either; the objects read
# back are the same.
BLOCK_PICKLE_PROTOCOL = 4


# zlib's window and hash table sized to the block: ``zlib.compress`` sets up (and clears) a 32 KB
# window and a 64 KB hash table per call, which cost more than compressing a block of 1-3 KB
# (~4x the time); a window at least as large as the data finds the same matches. The stream is
# an ordinary zlib stream (its header gives the window size): ``zlib.decompress`` reads it.
ZLIB_MEMLEVEL = int(os.environ.get("ITP_ZLIB_MEMLEVEL", "4"))


def _compress(data: bytes, level: int) -> bytes:
    wbits = min(15, max(9, (len(data) - 1).bit_length()))
    c = zlib.compressobj(level, zlib.DEFLATED, wbits, ZLIB_MEMLEVEL)
    return c.compress(data) + c.flush()


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

    def _mini_ids(self):
        # W3PostingsWriter._mini_ids (gaps between document numbers) without a generator
        ids = self._ids
        if self._byteids or not ids:
            return super()._mini_ids()
        return (ids[0],) + tuple(map(sub, ids[1:], ids))

    def _mini_weights(self):
        # W3PostingsWriter._mini_weights: None when all are 1.0, the weight when all are equal
        weights = self._weights
        n = len(weights)
        if not n:
            return super()._mini_weights()
        if weights.count(1.0) == n:
            return None
        if weights.count(weights[0]) == n:
            return weights[0]
        return tuple(weights)

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
        databytes = dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), BLOCK_PICKLE_PROTOCOL)
        comp = self._compression if len(databytes) >= COMPRESS_MIN_BYTES else 0
        if comp:
            databytes = _compress(databytes, comp)
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


def _lengths_reader(lengths, doccount: int):
    field_lengths: dict[str, list[int] | None] = {}

    def lengths_of(fieldname: str, fieldobj) -> list[int] | None:
        if fieldname not in field_lengths:
            field_lengths[fieldname] = ([lengths.doc_field_length(d, fieldname, 0) for d in range(doccount)]
                                        if lengths is not None and fieldobj.scorable else None)
        return field_lengths[fieldname]

    return lengths_of


# _add_grouped writes the entries of inlined terms itself (False: through the postings writer,
# for the tests that compare the two).
FAST_INLINE = True
_TERMINFO = W3TermInfo._struct


def _inline_entry(ids: list[int], weights: list[float], values: list[bytes], lens: list[int] | None) -> bytes:
    """The term-table entry ``W3TermInfo.to_bytes`` makes for a posting list short enough to be
    inlined (see ``_LeanPostingsWriter.finish_postings``), without the postings writer and the
    term info objects: statistics from the same values, in the same order."""
    wf = array("f", weights)
    if lens is not None:
        ls = [n for n in lens if n]
        minlength = length_to_byte(min(ls)) if ls else 0
        maxlength = length_to_byte(max(ls) if ls else 0)
    else:
        minlength, maxlength = 0, length_to_byte(0)
    head = _TERMINFO.pack(True, sum(wf), len(ids), minlength, maxlength, max(0, max(weights)), ids[0], ids[-1])
    return head + dumps((tuple(ids), tuple(wf), tuple([v for v in values if v])), 2)


def _ordered_adder(tindex):
    """``tindex.add`` (``OrderedHashWriter.add``: one entry of the term table) in one function:
    the same bytes written, the same hash and positions remembered, with one write and one
    ``tell`` instead of three and two, and no asserts (keys are bytes, values come from the term
    infos). Stock ``add`` for any other kind of table or file."""
    dbfile = getattr(tindex, "dbfile", None)
    if not (FAST_INLINE and type(tindex) is OrderedHashWriter and tindex.hashfn is md5_hash
            and type(dbfile) is StructFile):
        return tindex.add
    write, tell = dbfile.file.write, dbfile.file.tell
    index_append, buckets, pack = tindex.index.append, tindex.buckets, _HASH_LENGTHS.pack

    def add(key: bytes, value: bytes) -> None:
        if key <= tindex.lastkey:
            raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{key!r}")
        pos = tell()
        index_append(pos)
        write(pack(len(key), len(value)) + key + value)
        h = int.from_bytes(md5(key).digest()[-4:], "big")        # md5_hash(key)
        buckets[h & 255].append((h, pos))
        tindex.lastkey = key

    return add


def _add_grouped(fw, schema, lengths, doccount: int, groups) -> None:
    """``FieldWriter.add_postings`` a term at a time: each term's postings (see ``_LeanPool``)
    go to the postings writer as one run (``add_run``), and each scored field's lengths are read
    once per document instead of once per posting. The stock loop made five Python calls and a
    dozen type checks per posting. Terms with fewer than ``INLINE_LIMIT`` postings (most terms
    of a segment) skip the postings writer: their term-table entry is made directly."""
    lengths_of = _lengths_reader(lengths, doccount)
    lastfn = flens = None
    tindex = fw._tindex
    add_entry = tindex.add = _ordered_adder(tindex)      # (finish_term calls it too)
    prefix = b""
    for fieldname, btext, g in groups:
        if fieldname != lastfn:
            if lastfn is not None:
                fw.finish_field()
            fieldobj = schema[fieldname]
            fw.start_field(fieldname, fieldobj)
            flens = lengths_of(fieldname, fieldobj)
            lastfn = fieldname
            prefix = pack_ushort(fw._fieldid)
            pw = fw._postwriter
            inline = (FAST_INLINE and type(pw) is _LeanPostingsWriter and pw._inlinelimit == INLINE_LIMIT
                      and not pw._byteids)
            most = min(INLINE_LIMIT - 1, pw._blocklimit)     # more: not inlined (or a block written)
        ids = g[0::3]
        if inline and len(ids) <= most:
            fw._btext = btext
            add_entry(prefix + btext, _inline_entry(ids, g[1::3], g[2::3],
                                                     [flens[d] for d in ids] if flens is not None else None))
            continue
        fw.start_term(btext)
        fw._postwriter.add_run(ids, g[1::3], g[2::3], [flens[d] for d in ids] if flens is not None else None)
        fw.finish_term()
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


# add_document's fast paths for analysed words and keywords (False: ``field.index`` for every
# field, for the tests that compare the two).
FAST_FIELDS = True
_KEYWORD_ANALYZER = KeywordAnalyzer(lowercase=True, commas=True)


def _keyword_items(value: str, fb: float) -> list[tuple[bytes, int, float, bytes]]:
    """``KEYWORD(lowercase=True, commas=True).index(value)``: the runs between commas, stripped and
    lowercased (``[^,]+`` | strip | lower), counted; the weight is the count × field boost."""
    counts: dict[str, int] = {}
    for t in value.split(","):
        if t:
            t = t.strip().lower()
            counts[t] = counts.get(t, 0) + 1
    enc = encode_frequency if analysis.FAST_ENCODE else pack_uint
    return [(t.encode("utf-8"), n, float(n) * fb, enc(n)) for t, n in counts.items()]


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
        # fields with a fast path in add_document: analysed words and comma-separated keywords
        self._words = {name: type(f.format) is Positions for name, f in self.schema.items()
                       if FAST_FIELDS and type(f) is AnalyzedField and type(f.format) in (Positions, Frequency)}
        self._keywords = {name for name, f in self.schema.items()
                          if FAST_FIELDS and type(f) is KEYWORD and type(f.format) is Frequency
                          and f.analyzer == _KEYWORD_ANALYZER}
        self.pool.textkeyed = frozenset(self._words)
        # the long posting lists again as arrays, for scoring and position look-ups (postcols)
        self._columns = ColumnsWriter(self.storage, self.newsegment, self.codec._blocklimit)
        self.fieldwriter._codec = _WritingCodec(self.codec, self._columns)

    def add_document(self, **fields):
        """``SegmentWriter.add_document`` with each field's postings handed to the pool at once
        (``_LeanPool.add_field``) instead of one call per posting. Fields with spelling words or
        term vectors (none in this schema) take the stock path."""
        schema = self.schema
        if any(name in schema and (schema[name].separate_spelling() or schema[name].vector)
               for name in fields if not name.startswith("_")):
            return super().add_document(**fields)
        self._check_state()
        perdocwriter = self.perdocwriter
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        pool, words, keywords = self.pool, self._words, self._keywords
        for fieldname in fieldnames:
            value = fields.get(fieldname)
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                fieldboost = self._field_boost(fields, fieldname, docboost)
                poses = field.term_positions(value) if fieldname in words else None
                if poses is not None:
                    length = pool.add_positions(fieldname, docnum, poses, words[fieldname], field.format.field_boost,
                                                fieldboost, field.scorable)
                elif fieldname in keywords and type(value) is str:
                    length = pool.add_field(fieldname, docnum, _keyword_items(value, field.format.field_boost),
                                            fieldboost, field.scorable)
                else:
                    length = pool.add_field(fieldname, docnum, field.index(value), fieldboost, field.scorable)
            customval = fields.get("_stored_%s" % fieldname, value)
            perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
            column = field.column_type
            if column and customval is not None:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def cancel(self) -> None:
        self._columns.cancel()
        super().cancel()

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        try:
            _add_grouped(self.fieldwriter, self.schema, pdr, self.docnum, self.pool.groups())
        finally:
            self.pool.cleanup()
        self.fieldwriter.close()
        self._columns.close()
        if pdr:
            pdr.close()
