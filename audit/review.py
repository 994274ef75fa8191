"""Writing extracted claims to ``claims/<source>.yaml`` for a person to review, without losing their work.

For ``audit extract --case CASE``. A claim file written by the extractor starts with a comment
holding a fingerprint of the claims as written, and ``reviewed: false``. On re-extraction:

- no claim file yet                    -> written (``created``)
- untouched since it was written       -> replaced by the new extraction (``replaced``), changes listed
- reviewed, or edited by a person      -> merged: every claim in it is kept as it is; new figures
                                          (whose text overlaps no kept claim) are added with fresh
                                          ids and the file is marked unreviewed (``merged``)

Files are written to a temporary file and renamed, so an interrupted run never leaves a claim
file half written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from audit.yamlfile import YamlProblem, read_yaml

__all__ = ["ClaimFileChange", "write_claim_file", "extract_case", "fingerprint"]

_HEADER = "# Extracted by `audit extract`. fingerprint: {}\n# Review the claims, then set reviewed: true. Edited files are merged on re-extraction, never overwritten.\n"
_FINGERPRINT = re.compile(r"^# Extracted by `audit extract`\. fingerprint: ([0-9a-f]{16})", re.MULTILINE)


@dataclass
class ClaimFileChange:
    """What re-extraction did to one claim file."""

    path: Path
    action: str  # created | replaced | merged | unchanged | skipped
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: int = 0
    message: str = ""

    def summary(self) -> str:
        parts = [f"{self.path}: {self.action}"]
        if self.added:
            parts.append(f"{len(self.added)} added ({', '.join(self.added[:5])}{', ...' if len(self.added) > 5 else ''})")
        if self.removed:
            parts.append(f"{len(self.removed)} removed ({', '.join(self.removed[:5])}{', ...' if len(self.removed) > 5 else ''})")
        if self.kept:
            parts.append(f"{self.kept} kept as reviewed or edited")
        if self.message:
            parts.append(self.message)
        return "; ".join(parts)


def fingerprint(claims: list[dict]) -> str:
    """A short hash of claims as written: tells a file the extractor wrote from one a person changed."""
    canonical = json.dumps(claims, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _dump(source: str, reviewed: bool, claims: list[dict], header: bool) -> str:
    body = yaml.safe_dump({"source": source, "reviewed": reviewed, "claims": claims}, sort_keys=False,
                          allow_unicode=True, default_flow_style=None, width=120)
    return (_HEADER.format(fingerprint(claims)) if header else "") + body


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _next_id(source: str, taken: set[str]) -> str:
    number = 1
    while f"{source}-{number:03d}" in taken:
        number += 1
    return f"{source}-{number:03d}"


def write_claim_file(path: Path, source: str, claims: list[dict]) -> ClaimFileChange:
    """Write or merge the extracted ``claims`` of ``source`` into the claim file at ``path``."""
    path = Path(path)
    if not path.exists():
        _write(path, _dump(source, False, claims, header=True))
        return ClaimFileChange(path, "created", added=[c["text"] for c in claims])
    raw = path.read_text("utf-8", errors="replace")
    try:
        data, _ = read_yaml(path)
    except YamlProblem as problem:
        return ClaimFileChange(path, "skipped", message=f"left as it is: line {problem.line}: {problem.message}")
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        return ClaimFileChange(path, "skipped", message="left as it is: not a claim file (no 'claims' list)")
    existing: list[dict] = [c for c in data["claims"] if isinstance(c, dict)]
    written = _FINGERPRINT.search(raw)
    untouched = not data.get("reviewed") and written is not None and written.group(1) == fingerprint(existing)
    if untouched:
        old_texts = {(c.get("text"), c.get("start")) for c in existing}
        new_texts = {(c.get("text"), c.get("start")) for c in claims}
        if old_texts == new_texts and fingerprint(existing) == fingerprint(claims):
            return ClaimFileChange(path, "unchanged")
        _write(path, _dump(source, False, claims, header=True))
        return ClaimFileChange(
            path, "replaced",
            added=[t for t, s in sorted(new_texts - old_texts, key=lambda x: x[1] or 0)],
            removed=[t for t, s in sorted(old_texts - new_texts, key=lambda x: x[1] or 0)],
        )
    spans = [(c.get("start", -1), c.get("end", -1)) for c in existing]
    taken = {str(c.get("id")) for c in existing}
    renamed: dict[str, str] = {}
    additions: list[dict] = []
    for claim in claims:
        overlapping = [index for index, (start, end) in enumerate(spans) if claim["start"] < end and start < claim["end"]]
        if overlapping:
            renamed[claim["id"]] = str(existing[overlapping[0]].get("id"))
            continue
        new_id = claim["id"] if claim["id"] not in taken else _next_id(source, taken)
        taken.add(new_id)
        renamed[claim["id"]] = new_id
        additions.append({**claim, "id": new_id})
    for claim in additions:  # links between new claims follow their new ids; links to kept ones are dropped
        for key in ("part_of", "ratio_of", "describes"):
            if key in claim:
                if claim[key] in renamed:
                    claim[key] = renamed[claim[key]]
                else:
                    claim.pop(key)
                    claim.pop("breakdown", None) if key == "part_of" else None
    if not additions:
        return ClaimFileChange(path, "unchanged", kept=len(existing))
    merged = existing + additions
    _write(path, _dump(source, False, merged, header=False))
    return ClaimFileChange(path, "merged", added=[c["text"] for c in additions], kept=len(existing))


def extract_case(case_path: Path) -> list[ClaimFileChange]:
    """Extract the claims of every article of a case into ``claims/<source>.yaml`` (merging, never overwriting)."""
    from audit.case import load_case
    from audit.extract import extract_article
    from audit.places import Gazetteer

    case = load_case(Path(case_path), extract=False)
    gazetteer = Gazetteer(case.config.get("places"))
    changes = [  # an article that cannot be read is named, with the reason, and nothing is written for it
        ClaimFileChange(p.file, "skipped", message=f"{f'line {p.line}: ' if p.line else ''}{p.message}")
        for p in case.problems if p.rule == "INPUT001" and p.file.parent.name == "articles"
    ]
    for source, article in case.articles.items():
        claims = extract_article(article, case_country=case.config.get("country"), gazetteer=gazetteer)
        target = case.claim_files.get(source, Path(case_path) / "claims" / f"{source}.yaml")
        changes.append(write_claim_file(target, source, claims))
    return changes
