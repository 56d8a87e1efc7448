"""Command line: ``itp-docs analyze | extract | index | search``.

Every failure a user can cause (a bad file, a bad query, a missing index) ends in one clear line
on stderr and a non-zero exit, never a traceback; ``--debug`` shows tracebacks for bug reports.
"""
from __future__ import annotations

import json
import sys
from typing import Any, Callable

import click

from . import __version__

MB = 2**20


class UserError(click.ClickException):
    """An error the user can fix; printed as one line."""

    def show(self, file=None) -> None:  # noqa: D102 - click API
        click.echo(f"itp-docs: {self.format_message()}", err=True)


def _warn(msg: str) -> None:
    click.echo(f"itp-docs: {msg}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="itp-docs")
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Extract facts from Kazakh and Russian government documents and search them across
    languages and scripts."""
    ctx.obj = {"debug": debug}


# --------------------------------------------------------------------------- analyze

@cli.command()
@click.argument("text", required=False)
@click.option("--file", "file_", type=click.Path(dir_okay=False), help="Analyse a document file instead.")
@click.option("--lang", type=click.Choice(["auto", "kk", "ru"]), default="auto", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def analyze(text: str | None, file_: str | None, lang: str, fmt: str) -> None:
    """Show how every word is analysed: normalized form, language, lemma, stem, keys.

    TEXT is the text to analyse; '-' or nothing reads standard input."""
    from .lang.analyzer import analyze as run_analyze
    from .lang.normalize import normalize

    if file_:
        from .load import LoadError, read_document

        try:
            doc = read_document(file_)
        except LoadError as e:
            raise UserError(f"{file_}: {e.reason}") from None
        body, offsets = doc.text, doc.offsets
    else:
        if text is None or text == "-":
            text = sys.stdin.read()
        norm = normalize(text)
        body, offsets = norm.text, norm.offsets
    tokens = run_analyze(body, lang)
    if fmt == "jsonl":
        for t in tokens:
            d = t.as_dict()
            d["start"], d["end"] = offsets.span(t.start, t.end)
            click.echo(json.dumps(d, ensure_ascii=False))
        return
    rows = [("text", "lang", "norm", "lemma", "stem", "keys")]
    rows += [(t.text, t.lang, t.norm, t.lemma, t.stem, " ".join(t.keys)) for t in tokens]
    widths = [min(max(len(r[i]) for r in rows), 28) for i in range(5)]
    for r in rows:
        click.echo("  ".join(c[:28].ljust(w) for c, w in zip(r[:5], widths)) + "  " + r[5])


# --------------------------------------------------------------------------- extract

def _extract_job(doc: Any) -> dict[str, Any] | str:
    """One document's result: the writer's text when it can be rendered here (in a worker with
    ``--jobs``: the parent then only writes), else the JSON-ready dict."""
    from .extract.pipeline import extract_document

    types = _EXTRACT_TYPES or None
    out = extract_document(doc, types).to_json(doc.raw, set(types) if types else None)
    render = _EXTRACT_RENDER[0] if _EXTRACT_RENDER else None
    return out if render is None else render(out)


def _extract_warm_up() -> None:
    """Load every stage's data in the parent before ``--jobs`` workers fork (see batch.run)."""
    from .extract.pipeline import warm_up

    warm_up(_EXTRACT_TYPES or None)


# Set by ``extract`` before the workers fork (they inherit them): the entity types to keep and
# the writer's render function (when it can run in a worker).
_EXTRACT_TYPES: list[str] = []
_EXTRACT_RENDER: list[Callable[[dict[str, Any]], str]] = []


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv", "table"]), default="json",
              show_default=True)
@click.option("--types", default="", help="Entity types to keep, e.g. PERSON,ORG,MONEY (default: all).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes.")
@click.option("--max-size", type=click.FloatRange(0.001), default=25.0, show_default=True,
              help="Skip files larger than this many MB.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
def extract(paths: tuple[str, ...], fmt: str, types: str, jobs: int, max_size: float, output: str | None) -> None:
    """Extract entities, decree structure and news structure from files and folders.

    Bad files are reported on stderr and skipped; the exit status is non-zero only when no
    file could be read."""
    from . import batch
    from .extract.model import ENTITY_TYPES
    from .extract.output import WRITERS

    wanted = [t.strip().upper() for t in types.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in ENTITY_TYPES]
    if unknown:
        raise UserError(f"unknown entity type(s) {', '.join(unknown)}; known: {', '.join(ENTITY_TYPES)}")
    _EXTRACT_TYPES[:] = wanted
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    writer = WRITERS[fmt](out)
    _EXTRACT_RENDER[:] = [writer.render] if writer.portable_render else []
    ok = bad = 0
    try:
        for item in batch.run(paths, _extract_job, jobs=jobs, max_bytes=int(max_size * MB),
                              warm_up=_extract_warm_up):
            if item.error:
                bad += 1
                _warn(f"skipped {item.source}: {item.error}")
                continue
            ok += 1
            if isinstance(item.value, str):
                writer.write_rendered(item.value)
            else:
                writer.write(item.value)
    finally:
        writer.close()
        if output:
            out.close()
    if ok == 0:
        raise UserError(f"no document could be read ({bad} skipped)")


# --------------------------------------------------------------------------- index

class _ProgressLine:
    """One status line on stderr: counts, rate and ETA; redrawn in place on a terminal."""

    def __init__(self, quiet: bool) -> None:
        import time

        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.t0 = time.perf_counter()
        self.last = 0.0
        self._time = time.perf_counter

    def __call__(self, stats: Any, skipped: str | None) -> None:
        if skipped:
            msg = next((m for p, m in reversed(stats.skipped) if p == skipped), "")
            self._clear()
            _warn(f"skipped {skipped}: {msg}")
        if self.quiet:
            return
        now = self._time()
        if stats.done < stats.total and now - self.last < (0.2 if self.tty else 10.0):
            return
        self.last = now
        el = max(now - self.t0, 1e-9)
        rate = stats.done / el
        eta = (stats.total - stats.done) / rate if rate > 0 else 0
        line = (f"indexing {stats.done}/{stats.total} files  {rate:,.1f} files/s  "
                f"{stats.words / el:,.0f} words/s  {len(stats.skipped)} skipped"
                + (f"  ETA {eta:,.0f}s" if stats.done < stats.total else ""))
        if self.tty:
            sys.stderr.write("\r" + line[:150].ljust(100))
            sys.stderr.flush()
        else:
            sys.stderr.write(line + "\n")

    def _clear(self) -> None:
        if self.tty and not self.quiet:
            sys.stderr.write("\r" + " " * 100 + "\r")

    def done(self) -> None:
        if self.tty and not self.quiet:
            sys.stderr.write("\n")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--index", "index_dir", help="Index folder (default: $ITP_DOCS_INDEX or ./.itp-index).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--prune", is_flag=True, help="Remove documents whose files are gone.")
@click.option("--rebuild", is_flag=True, help="Discard the index and build it again.")
@click.option("--max-size", type=click.FloatRange(0.001), default=25.0, show_default=True,
              help="Skip files larger than this many MB.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
def index(paths: tuple[str, ...], index_dir: str | None, jobs: int, prune: bool, rebuild: bool,
          max_size: float, quiet: bool) -> None:
    """Build or update a search index from files and folders (only new or changed files are
    read; an interrupted run leaves the last committed index intact and the next run finishes)."""
    from .index import build, store

    path = store.resolve_dir(index_dir)
    bar = _ProgressLine(quiet)
    try:
        stats = build.update(paths, path, jobs=jobs, prune=prune, rebuild=rebuild,
                             max_bytes=int(max_size * MB), progress=bar)
    except store.IndexProblem as e:
        raise UserError(str(e)) from None
    except KeyboardInterrupt:
        bar.done()
        raise UserError("interrupted: the index keeps its last committed state; run the same command "
                        "again to finish") from None
    finally:
        bar.done()
    words = stats.words
    click.echo(f"index {path}: {stats.added} added, {stats.updated} updated, {stats.unchanged} unchanged, "
               f"{stats.removed} removed, {len(stats.skipped)} skipped; {words:,} words in "
               f"{stats.seconds:.1f}s", err=True)
    if stats.seen == 0 and stats.skipped:
        raise UserError("no file could be read")


# --------------------------------------------------------------------------- search

def _print_table(res: Any, facets: bool) -> None:
    bold = sys.stdout.isatty()
    if res.notes:
        for n in res.notes:
            click.echo(f"note: {n}", err=True)
    if not res.hits:
        click.echo("no documents found" + (f"; did you mean: {res.suggestion}" if res.suggestion else ""))
    for i, h in enumerate(res.hits, 1):
        where = ""
        if h.passage:
            where = f"  [{h.passage['kind']} {h.passage['id']}]".rstrip()
        title = h.title or ""
        click.echo(f"{i:>2}. {h.source}{where}  {h.lang} {h.doctype} {h.date or ''}  score {h.score:.2f}"
                   + ("  (partial)" if h.partial else ""))
        if title:
            click.echo(f"    {title[:110]}")
        snip = h.snippet
        if h.highlights:
            out, last = [], 0
            for s, e in h.highlights:
                out.append(snip[last:s])
                out.append(f"\033[1m{snip[s:e]}\033[0m" if bold else f"[{snip[s:e]}]")
                last = e
            out.append(snip[last:])
            snip = "".join(out)
        click.echo(f"    {snip}")
        if h.matches:
            click.echo("    matched: " + ", ".join(f"{w}={k}" for w, k in h.matches.items()))
        if h.also:
            click.echo("    also: " + ", ".join(f"{a['kind']} {a['id']}".rstrip() for a in h.also))
    if facets and res.facets:
        for name, counts in res.facets.items():
            if counts:
                click.echo(f"{name}: " + ", ".join(f"{k} ({v})" for k, v in counts.items()))


@cli.command()
@click.argument("query", required=False)
@click.option("--index", "index_dir", help="Index folder (default: $ITP_DOCS_INDEX or ./.itp-index).")
@click.option("--limit", "-n", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True)
@click.option("--facets", is_flag=True, help="Add counts by language, type, year, person and organization.")
@click.option("--queries", "queries_file", type=click.Path(dir_okay=False),
              help="Run one query per line of this file (or a JSON list of {\"q\": ...}); prints JSON lines.")
@click.option("--count", is_flag=True,
              help="Count every matching document exactly (a second pass; otherwise `total` is a lower bound).")
def search(query: str | None, index_dir: str | None, limit: int, fmt: str, facets: bool,
           queries_file: str | None, count: bool) -> None:
    """Search the index in Kazakh, Russian or Latin spelling, inflected or with typos.

    Words must all match (AND); "phrases", OR, NOT, -word and filters lang:kk type:decree
    person:… org:… place:… program:… law:631 year:2013..2018 amount:>1e9 date:2013-06
    kind:measure are understood."""
    from .index import store
    from .index.search import Engine

    if not query and not queries_file:
        raise UserError("give a QUERY or --queries FILE")
    try:
        eng = Engine(index_dir)
    except store.IndexProblem as e:
        raise UserError(str(e)) from None
    with eng:
        if queries_file:
            for q in _read_queries(queries_file):
                click.echo(json.dumps(eng.search(q, limit, facets, count).as_dict(), ensure_ascii=False))
            return
        res = eng.search(query or "", limit, facets, count)
        if fmt == "table":
            _print_table(res, facets)
        elif fmt == "jsonl":
            for n in res.notes:
                click.echo(f"note: {n}", err=True)
            for h in res.hits:
                click.echo(json.dumps(h.as_dict(), ensure_ascii=False))
        else:
            click.echo(json.dumps(res.as_dict(), ensure_ascii=False, indent=1))


def _read_queries(path: str) -> list[str]:
    try:
        text = open(path, encoding="utf-8").read()
    except OSError as e:
        raise UserError(f"{path}: {e.strerror}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text") from None
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            data = json.loads(text)
            return [d["q"] if isinstance(d, dict) else str(d) for d in data]
        except (ValueError, KeyError, TypeError):
            raise UserError(f"{path}: a JSON query file must be a list of strings or of {{\"q\": ...}}") from None
    return [line.strip() for line in text.splitlines() if line.strip()]


def main() -> None:
    from .batch import tune_gc

    debug = "--debug" in sys.argv
    tune_gc()
    try:
        cli.main(standalone_mode=False, prog_name="itp-docs")
    except click.exceptions.Abort:
        _warn("interrupted")
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        _warn("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:  # pragma: no cover - last line of defence against tracebacks
        if debug:
            raise
        _warn(f"internal error: {type(e).__name__}: {e} (run with --debug for details)")
        sys.exit(3)


if __name__ == "__main__":
    main()
