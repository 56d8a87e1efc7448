"""Writers for ``itp-docs extract``: JSON array, JSON Lines, CSV (one row per entity) and a table.

JSON is streamed object by object so that a large batch never sits in memory twice and a batch
interrupted halfway still leaves every finished document on disk.
"""
from __future__ import annotations

import csv
import json
import shutil
from typing import IO, Any

CSV_COLUMNS = ["source", "lang", "doctype", "date", "type", "text", "normalized", "start", "end",
               "role", "canonical_id", "value", "attrs"]


class Writer:
    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.count = 0

    def write(self, doc: dict[str, Any]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.out.flush()


class JsonWriter(Writer):
    def write(self, doc: dict[str, Any]) -> None:
        self.out.write("[\n" if self.count == 0 else ",\n")
        self.out.write(json.dumps(doc, ensure_ascii=False, indent=1))
        self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        super().close()


class JsonlWriter(Writer):
    def write(self, doc: dict[str, Any]) -> None:
        self.out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        self.count += 1


class CsvWriter(Writer):
    """One row per entity, UTF-8 with a BOM so that Excel opens Cyrillic correctly."""

    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.out.write("\ufeff")
        self.w = csv.writer(out, lineterminator="\r\n")
        self.w.writerow(CSV_COLUMNS)

    def write(self, doc: dict[str, Any]) -> None:
        self.count += 1
        for e in doc.get("entities", []):
            a = e.get("attrs") or {}
            value = a.get("value", a.get("amount"))
            if a.get("start") and a.get("end"):
                value = f"{a['start']}/{a['end']}"
            self.w.writerow([doc["source"], doc["lang"], doc["doctype"], doc.get("date") or "",
                             e["type"], e["text"], e["normalized"], e["start"], e["end"],
                             a.get("role") or "", a.get("canonical_id") or "",
                             "" if value is None else value,
                             json.dumps(a, ensure_ascii=False) if a else ""])


class TableWriter(Writer):
    """For people reading a terminal: a header per document, then one aligned line per entity."""

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
