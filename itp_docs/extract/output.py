"""Writers for ``itp-docs extract``: JSON array, JSON Lines, CSV (one row per entity) and a table.

JSON is streamed object by object so that a large batch never sits in memory twice and a batch
interrupted halfway still leaves every finished document on disk.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from typing import IO, Any

CSV_COLUMNS = ["source", "lang", "doctype", "date", "type", "text", "normalized", "start", "end",
               "role", "canonical_id", "value", "attrs"]


class Writer:
    """Streams documents to ``out``. :meth:`render` turns one document into its text and depends
    on nothing else, so that ``extract --jobs N`` can run it in the worker processes, next to the
    extraction; the parent then only writes finished text (:meth:`write_rendered`) instead of
    unpickling every result and serializing it alone while the workers wait."""

    #: Whether :meth:`render` may run in another process (it does not read the terminal).
    portable_render = True

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.count = 0

    @staticmethod
    def render(doc: dict[str, Any]) -> str:
        raise NotImplementedError

    def write_rendered(self, text: str) -> None:
        """Write one document that :meth:`render` turned into ``text``."""
        self.out.write(text)
        self.count += 1

    def write(self, doc: dict[str, Any]) -> None:
        self.write_rendered(self.render(doc))

    def close(self) -> None:
        self.out.flush()


class JsonWriter(Writer):
    @staticmethod
    def render(doc: dict[str, Any]) -> str:
        return json.dumps(doc, ensure_ascii=False, indent=1)

    def write_rendered(self, text: str) -> None:
        self.out.write("[\n" if self.count == 0 else ",\n")
        self.out.write(text)
        self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        super().close()


class JsonlWriter(Writer):
    @staticmethod
    def render(doc: dict[str, Any]) -> str:
        return json.dumps(doc, ensure_ascii=False) + "\n"


class CsvWriter(Writer):
    """One row per entity, UTF-8 with a BOM so that Excel opens Cyrillic correctly."""

    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.out.write("\ufeff")
        csv.writer(out, lineterminator="\r\n").writerow(CSV_COLUMNS)

    @staticmethod
    def render(doc: dict[str, Any]) -> str:
        buf = io.StringIO(newline="")
        w = csv.writer(buf, lineterminator="\r\n")
        for e in doc.get("entities", []):
            a = e.get("attrs") or {}
            value = a.get("value", a.get("amount"))
            if a.get("start") and a.get("end"):
                value = f"{a['start']}/{a['end']}"
            w.writerow([doc["source"], doc["lang"], doc["doctype"], doc.get("date") or "",
                        e["type"], e["text"], e["normalized"], e["start"], e["end"],
                        a.get("role") or "", a.get("canonical_id") or "",
                        "" if value is None else value,
                        json.dumps(a, ensure_ascii=False) if a else ""])
        return buf.getvalue()


class TableWriter(Writer):
    """For people reading a terminal: a header per document, then one aligned line per entity."""

    portable_render = False    # reads the terminal's width: rendered by the process that writes

    def write(self, doc: dict[str, Any]) -> None:
        self.count += 1
        width = shutil.get_terminal_size((120, 20)).columns
        p = self.out.write
        p(f"{doc['source']}  [{doc['lang']}, {doc['doctype']}, {doc.get('date') or 'no date'}]\n")
        if doc.get("title"):
            p(f"  title: {doc['title']}\n")
        d = doc.get("decree") or {}
        if d:
            bits = [f"{k}={d[k]}" for k in ("kind", "number", "date", "issuer", "signer") if d.get(k)]
            p(f"  decree: {', '.join(bits)}\n")
        seen: set[tuple[str, str]] = set()
        for e in doc.get("entities", []):
            key = (e["type"], e["normalized"])
            if key in seen:
                continue
            seen.add(key)
            a = e.get("attrs") or {}
            extra = []
            for k in ("role", "amount", "currency", "value", "start", "end", "kind", "number", "date",
                      "canonical_id", "legal_form"):
                if a.get(k) not in (None, ""):
                    extra.append(f"{k}={a[k]}")
            line = f"  {e['type']:<8} {e['normalized']}"
            if extra:
                line += "  (" + ", ".join(str(x) for x in extra) + ")"
            p(line[: max(width - 1, 40)] + "\n")
        for m in doc.get("measures", []):
            ex = "; ".join(m.get("executors") or [])
            p(f"  MEASURE {m['number']:>3}  {m.get('deadline_value') or '-'}  {ex}\n")
        if doc.get("abbreviations"):
            p("  abbreviations: " + "; ".join(f"{a['short']} = {a['full']}" for a in doc["abbreviations"]) + "\n")
        p("\n")


WRITERS = {"json": JsonWriter, "jsonl": JsonlWriter, "csv": CsvWriter, "table": TableWriter}
