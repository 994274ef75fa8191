"""The verdict of every ``relations`` and ``cross_source`` entry of ../shared/corpus/dev/GOLD.yaml,
reproduced by the engine on claim files (tests/gold) that point into the real articles by offsets.

A relation's verdict is the worst severity among the findings of the rules that judge that kind
of relation and that involve the relation's claims; no such finding is ``ok``.
"""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path

import pytest
import yaml

from audit.check import check
from audit.config import Config
from tests.conftest import CORPUS, needs_corpus

GOLD_CASES = Path(__file__).parent / "gold"
RULES_FOR_KIND = {
    "sum": ("SUM",),
    "sum_partial": ("SUM",),
    "part_le_whole": ("SUM", "HIER"),
    "count": ("COUNT",),
    "agree": ("AGREE", "HIER"),
    "ratio": ("RATIO",),
}

pytestmark = needs_corpus


@cache
def _gold() -> dict:
    return yaml.safe_load((CORPUS / "GOLD.yaml").read_text("utf-8"))


@cache
def _audit(tmp: Path):
    """Every gold case with its articles copied from the corpus, audited once."""
    folders = []
    for case in sorted(p for p in GOLD_CASES.iterdir() if p.is_dir()):
        target = tmp / case.name
        shutil.copytree(case, target)
        (target / "articles").mkdir()
        for claims in (case / "claims").glob("*.yaml"):
            article = next(CORPUS.glob(claims.stem + ".*"))
            shutil.copy(article, target / "articles" / article.name)
        folders.append(target)
    report = check(folders, Config())
    claims = {}
    for case in folders:
        for file in (case / "claims").glob("*.yaml"):
            data = yaml.safe_load(file.read_text("utf-8"))
            for claim in data["claims"]:
                claims.setdefault((data["source"], claim["text"]), claim["id"])
    return report, claims


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    return _audit(tmp_path_factory.mktemp("gold"))


def _id(claims: dict, article: str, text: str) -> str:
    text = re.sub(r"\s*\(.*\)$", "", text)  # "one each from ... (1 + 1)": the annotator's aside
    source = Path(article).stem
    if (source, text) in claims:
        return claims[(source, text)]
    # the annotator abbreviates ("more than 1,000" for "More than 1,000 people were arrested")
    starts = [cid for (src, phrase), cid in claims.items() if src == source and phrase.lower().startswith(text.lower())]
    assert starts, f"no claim of {source} reads {text!r}"
    return starts[-1]


def _relations():
    gold = _gold() if (CORPUS / "GOLD.yaml").is_file() else {"articles": {}, "cross_source": []}
    for article, entry in gold["articles"].items():
        for index, relation in enumerate(entry.get("relations") or []):
            yield pytest.param(article, relation, id=f"{Path(article).stem[:24]}-{index}-{relation['kind']}")
    for index, relation in enumerate(gold.get("cross_source") or []):
        yield pytest.param(None, relation, id=f"cross-source-{index}-{relation['kind']}")


def _involved(claims: dict, article: str | None, relation: dict) -> set[str]:
    if article is None:
        return {_id(claims, *relation["a"]), _id(claims, *relation["b"])}
    names = [relation.get(k) for k in ("whole", "a", "b", "stated", "claim", "value")]
    names += relation.get("parts") or []
    ids = set()
    for name in filter(None, names):
        if relation["kind"] == "ratio" and name == relation.get("claim"):
            name = name.split(" of ")[0]  # "less than 1 per cent of about 150,000": the ratio claim
        ids.add(_id(claims, article, name))
    return ids


@pytest.mark.parametrize("article, relation", list(_relations()))
def test_gold_relation_verdict(audited, article, relation):
    report, claims = audited
    involved = _involved(claims, article, relation)
    prefixes = RULES_FOR_KIND[relation["kind"]]
    judging = [
        f for f in report.findings
        if f.rule.startswith(prefixes) and involved & {c.id for c in f.claims}
        and (relation["kind"] not in ("agree", "part_le_whole") or involved <= {c.id for c in f.claims})
    ]
    verdict = max((f.severity for f in judging), key=["info", "warning", "error"].index, default="ok")
    if verdict == "info":
        verdict = "ok"
    assert verdict == relation["verdict"], [(f.rule, f.message) for f in judging]


def test_gold_cases_raise_no_error_and_ground_every_claim(audited):
    report, _ = audited
    errors = [(f.rule, f.message) for f in report.findings if f.severity == "error"]
    assert not errors
    assert not [f for f in report.findings if f.rule.startswith(("GROUND", "INPUT"))]
