"""The sentences behind a finding with its figures marked, for every renderer."""

from __future__ import annotations

from dataclasses import dataclass

from audit.findings import ClaimRef

__all__ = ["Quote", "quotes", "split_sentence"]


@dataclass(frozen=True)
class Quote:
    """One sentence of one article and the claims of a finding printed in it."""

    claims: tuple[ClaimRef, ...]
    segments: tuple[tuple[str, bool], ...]  # (text, is a marked phrase), in order

    @property
    def first(self) -> ClaimRef:
        return self.claims[0]


def split_sentence(claim: ClaimRef) -> tuple[str, str, str]:
    """(before, the phrase, after) within the claim's sentence; the phrase alone when no sentence is known."""
    sentence = claim.sentence or ""
    at = sentence.find(claim.text)
    if at < 0:
        return "", claim.text, ""
    return sentence[:at], claim.text, sentence[at + len(claim.text):]


def _segments(sentence: str, phrases: list[str]) -> tuple[tuple[str, bool], ...]:
    spans, cursor = [], 0
    for phrase in phrases:  # claims come in article order, so each phrase is searched after the last
        at = sentence.find(phrase, cursor)
        if at < 0:
            at = sentence.find(phrase)
        if at < 0 or any(s < at + len(phrase) and at < e for s, e in spans):
            continue
        spans.append((at, at + len(phrase)))
        cursor = at + len(phrase)
    spans.sort()
    out, position = [], 0
    for start, end in spans:
        if start > position:
            out.append((sentence[position:start], False))
        out.append((sentence[start:end], True))
        position = end
    if position < len(sentence):
        out.append((sentence[position:], False))
    return tuple(out)


def quotes(claims: tuple[ClaimRef, ...]) -> list[Quote]:
    """The claims grouped by the sentence that holds them, in order of first appearance."""
    groups: dict[tuple, list[ClaimRef]] = {}
    for claim in claims:
        key = (claim.file, claim.sentence) if claim.sentence else (claim.file, claim.id)
        groups.setdefault(key, []).append(claim)
    result = []
    for members in groups.values():
        members.sort(key=lambda c: c.start or 0)
        sentence = members[0].sentence
        segments = _segments(sentence, [c.text for c in members]) if sentence else ((members[0].text, True),)
        result.append(Quote(tuple(members), segments))
    return result
