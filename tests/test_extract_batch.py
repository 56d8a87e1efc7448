"""batch.run sends several files per task to the workers and still yields every file, in input
order, with its own error: the same items as one process."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from itp_docs import batch


def _job(doc: Any) -> tuple[str, int]:
    if "boom" in doc.text:
        raise ValueError("boom")
    return Path(doc.source).name, len(doc.text)


def _items(paths: list[str], jobs: int) -> list[tuple]:
    return [(Path(it.source).name, it.value, it.error) for it in batch.run(paths, _job, jobs=jobs, max_bytes=4000)]


def test_chunked_jobs_yield_what_one_process_yields(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(150):
        p = folder / f"doc{i:03d}.txt"
        if i % 17 == 5:
            p.write_text("boom " * 3, encoding="utf-8")          # the job raises
        elif i % 23 == 7:
            p.write_bytes(b"x" * 5000)                            # over max_bytes
        else:
            p.write_text(f"Алматы {i} " * (i % 7 + 1), encoding="utf-8")
    (folder / ".hidden.txt").write_text("skipped", encoding="utf-8")
    paths = [str(folder), str(tmp_path / "missing.txt"), str(folder / "doc010.txt")]
    one = _items(paths, 1)
    assert len(one) == 152
    assert sum(1 for _n, _v, e in one if e) > 10
    for jobs in (2, 3):
        assert _items(paths, jobs) == one


@pytest.mark.parametrize("n,jobs", [(0, 2), (1, 2), (5, 2), (40, 2), (222, 2), (740, 2), (10_000, 2), (222, 8)])
def test_chunk_size_bounds(n, jobs):
    c = batch.chunk_size(n, jobs)
    assert 1 <= c <= batch.MAX_CHUNK
    assert c == 1 or n // c >= jobs * batch.CHUNKS_PER_WORKER


_WARMED: list[int] = []


def _warm() -> None:
    _WARMED.append(1)


def _warm_job(doc: Any) -> int:
    return len(_WARMED)


def test_warm_up_runs_once_in_the_parent_before_the_workers_fork(tmp_path):
    """What warm_up loads is inherited by every worker (each sees it done once), and a
    one-process run does not need it (the job loads lazily)."""
    for i in range(6):
        (tmp_path / f"d{i}.txt").write_text(f"Алматы {i}", encoding="utf-8")
    del _WARMED[:]
    assert [it.value for it in batch.run([str(tmp_path)], _warm_job, jobs=1, warm_up=_warm)] == [0] * 6
    assert [it.value for it in batch.run([str(tmp_path)], _warm_job, jobs=2, warm_up=_warm)] == [1] * 6
    assert _WARMED == [1]


def test_extract_warm_up_loads_every_stage_without_changing_results():
    from itp_docs.extract import pipeline

    text = "Алматы қаласының әкімі Бауыржан Байбек 2018 жылғы 5 наурызда 95 млрд теңге бөлді."
    before = pipeline.extract_text(text).to_json()
    pipeline.warm_up()
    assert pipeline.extract_text(text).to_json() == before
