"""First response times on the real IBM support threads: the pipeline's conversations agree
exactly with the same figures computed straight from the file (benchmarks/first_response.py)."""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from first_response import (  # noqa: E402
    THREADS,
    direct_first_responses,
    pipeline_first_responses,
)
from quality_common import read  # noqa: E402


def test_first_response_times_agree_with_the_file() -> None:
    threads = read(THREADS)
    direct = direct_first_responses(threads)
    measured, _ = pipeline_first_responses(threads)
    assert len(measured) >= 0.97 * len(direct)  # openings that name or address the brand
    assert {tid: direct[tid] for tid in measured} == measured
    answered = [s for s in measured.values() if s is not None]
    assert len(answered) >= 0.95 * len(measured) and min(answered) >= 0
