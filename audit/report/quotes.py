"""The sentence around a figure with the figure marked, for every renderer."""

from __future__ import annotations

from audit.findings import ClaimRef

__all__ = ["split_sentence"]


def split_sentence(claim: ClaimRef) -> tuple[str, str, str]:
    """(before, the phrase, after) within the claim's sentence; the phrase alone when no sentence is known."""
    sentence = claim.sentence or ""
    at = sentence.find(claim.text)
    if at < 0:
        return "", claim.text, ""
    return sentence[:at], claim.text, sentence[at + len(claim.text):]
