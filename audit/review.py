"""Writing extracted claims to ``claims/<source>.yaml`` for a person to review, without losing their work.

For ``audit extract --case CASE``. A claim file written by the extractor starts with a comment
holding a fingerprint of the claims as written and the spans (offsets) it extracted, and
``reviewed: false``. On re-extraction:

- no claim file yet                    -> written (``created``)
- untouched since it was written       -> replaced by the new extraction (``replaced``), changes listed
- reviewed, or edited by a person      -> merged: every claim in it is kept as it is, with the file's
                                          comments, quoting and layout (a ruamel.yaml round trip); new
                                          figures (whose text overlaps no kept claim) are added with
                                          fresh ids and the file is marked unreviewed (``merged``)

A claim the person deleted stays deleted: an extracted span missing from the file is recorded
under ``rejected:`` (its text and offsets), and a figure overlapping a rejected span is never
added again. A person may also move a claim there by hand.

Files are written to a temporary file and renamed (``audit.boundary.write_text``), so an
interrupted run never leaves a claim file half written, and a file keeps the mode it had.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from audit.boundary import OutsideFile, check_regular, write_text
from audit.yamlfile import YamlProblem, read_yaml

__all__ = ["ClaimFileChange", "write_claim_file", "extract_case", "fingerprint", "article_hash", "ARTICLE_LINE"]

_HEADER = ("# Extracted by `audit extract`. fingerprint: {}\n"
           "# Review the claims, then set reviewed: true. Edited files are merged on re-extraction, never overwritten;\n"
           "# a claim you delete is listed under rejected: and never extracted again.\n")
_FINGERPRINT = re.compile(r"^# Extracted by `audit extract`\. fingerprint: ([0-9a-f]{16})", re.MULTILINE)
#: the spans the extractor wrote, so a claim a person deletes is known as rejected
_SPANS = re.compile(r"^# extracted spans: ([0-9 ,-]*)$", re.MULTILINE)
#: the hash of the article text the claims were read from: an article edited since makes its claims out of date
ARTICLE_LINE = re.compile(r"^# article: ([0-9a-f]{16})$", re.MULTILINE)


def article_hash(text: str) -> str:
    """A short hash of an article's text as read (``Article.text``), stored in its claim file."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _with_article_line(text: str, digest: str | None) -> str:
    """``text`` with its ``# article:`` line set to ``digest`` (added after the header comments if absent),
    in files the extractor wrote (its header): a person's own file is left as it is."""
    if digest is None or not (_FINGERPRINT.search(text) or ARTICLE_LINE.search(text)):
        return text  # a file a person wrote without the extractor's header keeps its text as it is
    line = f"# article: {digest}"
    if ARTICLE_LINE.search(text):
        return ARTICLE_LINE.sub(lambda _: line, text, count=1)
    head = re.match(r"(?:#[^\n]*\n)*", text)
    return text[:head.end()] + line + "\n" + text[head.end():]


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
    return (_HEADER.format(fingerprint(claims)) + _spans_line(claims) if header else "") + body


def _spans_line(claims: list[dict]) -> str:
    spans = sorted({(claim["start"], claim["end"]) for claim in claims})
    return "# extracted spans: " + ", ".join(f"{start}-{end}" for start, end in spans) + "\n"


def _spans(raw: str) -> set[tuple[int, int]]:
    found = _SPANS.search(raw)
    if found is None:
        return set()
    pairs = (part.strip().split("-") for part in found.group(1).split(",") if part.strip())
    return {(int(a), int(b)) for a, b in pairs if a.isdigit() and b.isdigit()}


def _write(path: Path, content: str) -> None:
    write_text(path.parent, path.name, content)


def _offset(value: object) -> int | None:
    """An offset as a person may have written it (``start: '10'``); None when it is no offset."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _next_id(prefix: str, taken: set[str]) -> str:
    number = 1
    while f"{prefix}-{number:03d}" in taken:
        number += 1
    return f"{prefix}-{number:03d}"


def write_claim_file(path: Path, source: str, claims: list[dict], root: Path | None = None,
                     article: str | None = None) -> ClaimFileChange:
    """Write or merge the extracted ``claims`` of ``source`` into the claim file at ``path``
    (which must be a regular file inside the case folder ``root``, when given, if it exists);
    ``article``: the hash of the article text they were read from (``article_hash``), stored in
    the file so that an article edited later makes its claims out of date (INPUT013)."""
    path = Path(path)
    if not os.path.lexists(path):
        _write(path, _with_article_line(_dump(source, False, claims, header=True), article))
        return ClaimFileChange(path, "created", added=[c["text"] for c in claims])
    try:
        check_regular(path, root)
    except OutsideFile as problem:
        return ClaimFileChange(path, "skipped", message=f"left as it is: {problem.message}")
    raw = path.read_text("utf-8", errors="replace")
    try:
        data, _ = read_yaml(path)
    except YamlProblem as problem:
        return ClaimFileChange(path, "skipped", message=f"left as it is: line {problem.line}: {problem.message}")
    except (ValueError, TypeError, RecursionError) as error:  # a value PyYAML cannot build (2025-02-30)
        return ClaimFileChange(path, "skipped", message=f"left as it is: {' '.join(str(error).split())[:120]}")
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        return ClaimFileChange(path, "skipped", message="left as it is: not a claim file (no 'claims' list)")
    existing: list[dict] = [c for c in data["claims"] if isinstance(c, dict)]
    written = _FINGERPRINT.search(raw)
    untouched = not data.get("reviewed") and written is not None and written.group(1) == fingerprint(existing)
    if untouched:
        old_texts = {(c.get("text"), c.get("start")) for c in existing}
        new_texts = {(c.get("text"), c.get("start")) for c in claims}
        stored = ARTICLE_LINE.search(raw)
        if old_texts == new_texts and fingerprint(existing) == fingerprint(claims) and (
                article is None or (stored is not None and stored.group(1) == article)):
            return ClaimFileChange(path, "unchanged")
        _write(path, _with_article_line(_dump(source, False, claims, header=True), article))
        return ClaimFileChange(
            path, "replaced",
            added=[t for t, s in sorted(new_texts - old_texts, key=lambda x: _offset(x[1]) or 0)],
            removed=[t for t, s in sorted(old_texts - new_texts, key=lambda x: _offset(x[1]) or 0)],
        )
    return _merge(path, raw, source, claims, existing, data, article)


def _merge(path: Path, raw: str, source: str, claims: list[dict], existing: list[dict], data: dict,
           article: str | None = None) -> ClaimFileChange:
    """Add the figures no kept or rejected claim covers; record the extracted claims a person deleted as rejected."""
    kept = [(_offset(c.get("start")), _offset(c.get("end"))) for c in existing]  # None where a person wrote no offset
    rejected_entries = data.get("rejected") if isinstance(data.get("rejected"), list) else []
    rejected = [(_offset(r.get("start")), _offset(r.get("end"))) for r in rejected_entries if isinstance(r, dict)]
    rejected = [(start, end) for start, end in rejected if start is not None and end is not None]
    deleted = _spans(raw) - set(kept) - set(rejected)  # written by the extractor, gone from the file: a person's no

    def overlaps(claim: dict, spans: list) -> list[int]:
        return [i for i, (start, end) in enumerate(spans)
                if start is not None and end is not None and claim["start"] < end and start < claim["end"]]

    taken = {str(c.get("id")) for c in existing}
    prefix = claims[0]["id"].rsplit("-", 1)[0] if claims else source
    renamed: dict[str, str] = {}
    additions: list[dict] = []
    newly_rejected: list[dict] = []
    for claim in claims:
        if (claim["start"], claim["end"]) in deleted:
            newly_rejected.append({"text": claim["text"], "start": claim["start"], "end": claim["end"]})
            continue
        if overlaps(claim, rejected):
            continue
        near = overlaps(claim, kept)
        if near:
            renamed[claim["id"]] = str(existing[near[0]].get("id"))
            continue
        new_id = claim["id"] if claim["id"] not in taken else _next_id(prefix, taken)
        taken.add(new_id)
        renamed[claim["id"]] = new_id
        additions.append({**claim, "id": new_id})
    for claim in additions:  # links between new claims follow their new ids; links to kept ones are dropped
        for key in ("part_of", "ratio_of", "describes"):
            if key in claim:
                if claim[key] in renamed and any(a["id"] == renamed[claim[key]] for a in additions):
                    claim[key] = renamed[claim[key]]
                else:
                    claim.pop(key)
                    claim.pop("breakdown", None) if key == "part_of" else None
    stored = ARTICLE_LINE.search(raw)
    if not additions and not newly_rejected:
        if article is not None and (stored is None or stored.group(1) != article):
            _write(path, _with_article_line(raw, article))  # the person's claims still stand for the edited article
            return ClaimFileChange(path, "merged", kept=len(existing), message="article changed: nothing new to add")
        return ClaimFileChange(path, "unchanged", kept=len(existing))
    text = _with_article_line(_round_trip(raw, additions, newly_rejected), article)
    if _SPANS.search(text):  # the added claims are extracted spans too: deleting one later is remembered
        spans = _spans(raw) | {(c["start"], c["end"]) for c in additions}
        line = "# extracted spans: " + ", ".join(f"{start}-{end}" for start, end in sorted(spans))
        text = _SPANS.sub(lambda _: line, text, count=1)
    _write(path, text)
    return ClaimFileChange(path, "merged", added=[c["text"] for c in additions], kept=len(existing),
                           message=f"{len(newly_rejected)} deleted claim(s) recorded as rejected" if newly_rejected else "")


def _round_trip(raw: str, additions: list[dict], rejected: list[dict]) -> str:
    """The claim file's text with ``additions`` appended to its claims and ``rejected`` to its rejected
    list, everything else -- comments, quoting, key order, flow or block style -- as the person left it."""
    from ruamel.yaml import YAML

    loader = YAML(typ="rt")
    loader.preserve_quotes = True
    loader.width = 4096  # never fold a person's long line
    loader.default_flow_style = None  # new claims: lists of scalars in flow style, as the extractor writes them
    indent = re.search(r"^( *)- ", raw, re.MULTILINE)
    offset = len(indent.group(1)) if indent else 0
    loader.indent(mapping=2, sequence=offset + 2, offset=offset)
    document = loader.load(raw)
    document["claims"].extend(additions)
    if rejected:
        if not isinstance(document.get("rejected"), list):
            document["rejected"] = []
        document["rejected"].extend(rejected)
    if additions:  # new figures wait for a person's review
        document["reviewed"] = False
    out = io.StringIO()
    loader.dump(document, out)
    return out.getvalue()


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
        changes.append(write_claim_file(target, source, claims, root=Path(case_path), article=article_hash(article.text)))
    return changes
