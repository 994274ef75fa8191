"""The sentence around a figure with the figure marked, for every renderer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from audit.findings import ClaimRef

__all__ = ["split_sentence", "quotes", "Quote"]


def split_sentence(claim: ClaimRef) -> tuple[str, str, str]:
    """(before, the phrase, after) within the claim's sentence; the phrase alone when no sentence is known."""
    sentence = claim.sentence or ""
    at = sentence.find(claim.text)
    if at < 0:
        return "", claim.text, ""
    return sentence[:at], claim.text, sentence[at + len(claim.text):]


@dataclass(frozen=True)
class Quote:
    """One sentence of one source with every phrase of the given claims in it marked.

    ``pieces`` alternate plain text and marked phrases: ``(text, claim or None)``.
    """

    claims: tuple[ClaimRef, ...]
    pieces: tuple[tuple[str, ClaimRef | None], ...]

    @property
    def first(self) -> ClaimRef:
        return self.claims[0]


def quotes(claims: Sequence[ClaimRef]) -> list[Quote]:
    """The claims grouped by the sentence they were printed in (first appearance order), phrases marked.

    Several parts of a breakdown printed in one sentence ("85 Cambodians, more than 200 Vietnamese,
    27 Chinese") show as one sentence with each figure marked, not the same sentence four times.
    """
    groups: dict[tuple, list[ClaimRef]] = {}
    for claim in claims:
        key = (claim.source, claim.file, claim.sentence) if claim.sentence else (claim.source, claim.id)
        groups.setdefault(key, []).append(claim)
    return [Quote(tuple(group), _pieces(group)) for group in groups.values()]


def _pieces(group: list[ClaimRef]) -> tuple[tuple[str, ClaimRef | None], ...]:
    sentence = group[0].sentence
    if not sentence:
        return tuple(piece for claim in group for piece in ((claim.text, claim), ("  ", None)))[:-1]
    spans = _spans(sentence, group)
    pieces: list[tuple[str, ClaimRef | None]] = []
    at = 0
    for begin, end, claim in spans:
        if begin > at:
            pieces.append((sentence[at:begin], None))
        pieces.append((sentence[begin:end], claim))
        at = end
    if at < len(sentence):
        pieces.append((sentence[at:], None))
    return tuple(pieces)


def _spans(sentence: str, group: list[ClaimRef]) -> list[tuple[int, int, ClaimRef]]:
    """Where each phrase sits in the sentence: from the offsets relative to the first found phrase, else by search."""
    ordered = sorted(group, key=lambda c: (c.start if c.start is not None else 0))
    anchor = next(((c, sentence.find(c.text)) for c in ordered if c.start is not None and c.text in sentence), None)
    spans: list[tuple[int, int, ClaimRef]] = []
    taken: list[tuple[int, int]] = []
    for claim in ordered:
        begin = -1
        if anchor is not None and claim.start is not None:
            guess = anchor[1] + claim.start - anchor[0].start
            if sentence[guess:guess + len(claim.text)] == claim.text and guess >= 0:
                begin = guess
        if begin < 0:
            begin = sentence.find(claim.text)
        end = begin + len(claim.text)
        if begin < 0 or any(b < end and begin < e for b, e in taken):
            continue  # not in the sentence, or overlapping a phrase already marked: listed, not marked twice
        taken.append((begin, end))
        spans.append((begin, end, claim))
    return sorted(spans, key=lambda s: s[0])
