"""A count that changed, in one sentence: where it stood, by how much it rose, where it stands.

For the extractor's pipeline (``audit.extract``), after the scope of each figure is read. "The
toll rose by 13 to 110, up from 97"; "29 more deaths were recorded, bringing the toll to 110
from 81": the earlier count (``prior``) and the change (``increment``) make up the new count
(``total``), so both become exhaustive parts of it along a breakdown of their own (``axis:
change``) and the SUM rules check the arithmetic: 97 + 13 = 110. Nothing else about them changes:
the prior figure is still set against no other figure, the increment against no total.

One sentence, one measure, one figure of each kind; a sentence with two increments or two new
counts of the measure (two provinces' changes) is left alone.
"""

from __future__ import annotations

from collections import defaultdict

from audit.extract.figures import Sentence

__all__ = ["link_changes"]


def link_changes(sentences: list[Sentence], scopes: dict) -> None:
    """Make the earlier count and the change parts of the new count, in each sentence that gives all three."""
    for sentence in sentences:
        by_measure: dict[str | None, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for figure in sentence.figures:
            if figure.role == "body" and figure.value is not None and figure.qualifier == "exact":
                by_measure[figure.measure][scopes[figure.id].kind.value].append(figure)
        for measure, kinds in by_measure.items():
            before, change, after = kinds.get("prior", []), kinds.get("increment", []), kinds.get("total", [])
            if measure is None or len(before) != 1 or len(change) != 1 or len(after) != 1:
                continue
            whole = after[0]
            if whole.part_of is not None:
                continue
            for part in (before[0], change[0]):
                part.part_of, part.breakdown, part.axis = whole.id, "exhaustive", "change"
