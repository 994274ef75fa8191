"""Property tests over hostile text: whatever an article or a claim value holds, the audit ends,
in time proportional to the input, with findings rather than an exception.

The time budget is generous (a fixed 20 s plus 4 s per kilobyte, against well under a second
for these inputs) so the test never fails on a slow machine, only on a hang or a blow-up.
"""

from __future__ import annotations

import math
import tempfile
import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.check import check
from audit.config import Config

CASE_YAML = "title: Hostile text\ncountry: KH\nperiod: [2025-07-14, 2025-07-16]\n"


def _budget(text: str) -> float:
    return 20 + 4 * len(text.encode("utf-8")) / 1024


_pieces = st.one_of(
    st.sampled_from([
        "Police detained ", " people in Phnom Penh. ", "more than ", "about ", "nearly ", "up to ", "hundreds of ",
        "Of the ", ", including ", " were women", " from Kampot and Kratie", "--", "\r", "\n", "\r\n", "\n\n",
        " per cent", "$", " billion", " to ", "twenty-seven", "a dozen", "1,000", "0", "-3", "1e309", "NaN",
        "9" * 38, "9" * 400, "0." + "0" * 60 + "1", "2025-02-30", "Monday", "\u200b", "\ufeff", "\x00", "\u202e",
        "---\n", "title: ", "published: ", "::error::", "<script>", "\t",
    ]),
    st.integers(min_value=-10**30, max_value=10**40).map(str),
    st.text(max_size=20),
)
articles = st.lists(_pieces, max_size=120).map("".join)


def _audit(files: dict[str, str]) -> tuple[float, list]:
    with tempfile.TemporaryDirectory() as scratch:
        case = Path(scratch) / "case"
        for name, text in {"case.yaml": CASE_YAML, **files}.items():
            (case / name).parent.mkdir(parents=True, exist_ok=True)
            (case / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        started = time.perf_counter()
        report = check([case], Config())
        return time.perf_counter() - started, report.findings


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles, st.sampled_from(["md", "txt"]))
def test_any_article_text_is_audited_in_time(text: str, suffix: str) -> None:
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    elapsed, findings = _audit({f"articles/a.{suffix}": text})
    assert elapsed < _budget(text), f"{elapsed:.1f} s for {len(text)} characters"
    assert all(f.rule and f.message for f in findings)


_values = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-10**60, max_value=10**60),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["sNaN", "-sNaN", "1e-999999", "1e999999", "0x10", "1_000", "1,000", "", " ", "٣", "Infinity"]),
    st.text(max_size=12),
    st.booleans(),
    st.none(),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=_values, start=st.one_of(st.integers(min_value=-5, max_value=10**25), st.text(max_size=4)))
def test_any_claim_value_is_a_claim_or_a_finding(value, start) -> None:
    article = "---\npublished: 2025-07-17\n---\nOfficers held 312 people in Kratie on Tuesday.\n"
    claim = {"id": "a1", "text": "312 people", "start": start, "end": 24, "value": value, "measure": "detained"}
    claim_file = yaml.safe_dump({"source": "a", "reviewed": True, "claims": [claim]}, allow_unicode=True)
    elapsed, findings = _audit({"articles/a.md": article, "claims/a.yaml": claim_file})
    assert elapsed < _budget(claim_file)
    if isinstance(value, float) and not math.isfinite(value):
        assert any(f.rule.startswith("INPUT") and "a.yaml" in (f.file or "") for f in findings)
