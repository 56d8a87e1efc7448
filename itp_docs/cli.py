"""Command line: ``itp-docs analyze | extract | index | search``.

Every failure a user can cause (a bad file, a bad query, a missing index) ends in one clear line
on stderr and a non-zero exit, never a traceback; ``--debug`` shows tracebacks for bug reports.
"""
from __future__ import annotations

import json
import sys
from typing import Any

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
            raise UserError(f"{file_}: {e}") from None
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

def _extract_job(doc: Any) -> dict[str, Any]:
    from .extract.pipeline import extract_document

    types = _EXTRACT_TYPES or None
    return extract_document(doc, types).to_json(doc.raw, set(types) if types else None)


_EXTRACT_TYPES: list[str] = []


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
    ok = bad = 0
    try:
        for item in batch.run(paths, _extract_job, jobs=jobs, max_bytes=int(max_size * MB)):
            if item.error:
                bad += 1
                _warn(f"skipped {item.source}: {item.error}")
                continue
            ok += 1
            writer.write(item.value)
    finally:
        writer.close()
        if output:
            out.close()
    if ok == 0:
        raise UserError(f"no document could be read ({bad} skipped)")


def main() -> None:
    debug = "--debug" in sys.argv
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
