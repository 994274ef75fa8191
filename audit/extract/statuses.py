"""What became of the counted: the injured broken down by status (discharged, referred, still in care, died).

For the extractor's pipeline (``audit.extract``), after figures are linked. Health authorities
report the injured with what became of them: "1,200 were injured, of whom 900 have been
discharged and 250 are still in hospital"; "So far, 1,330 have been discharged". Each status
is a part of the whole it follows, along a breakdown of its own (``axis: status``): statuses
are disjoint (a patient discharged is no longer in care), so they add up to no more than the
whole, and when they fall short the story has left someone out or not said so. Whether the
statuses named are all there are is not known (``breakdown: unknown``): the SUM rules check
such a breakdown only as far as a breakdown read by machine allows (warnings).

A status is read from the words right after the figure in its clause ("713 injured individuals
have already been discharged", "55 were referred to other facilities", "322 still undergoing
treatment"). The whole is the nearest count of the injured (or hospitalised) within two
sentences before the status, or the one just after it ("41 are still in care. ... over 2,316
injured ... 2,227 discharged"). A breakdown is made only when a whole gets at least two
different statuses, each named once: two figures of one status are places or hospitals, not
statuses ("14 still in care at one hospital, eight at another"), and a status figure that names a
place of its own ("In Pokhara, 14 are still in care") slices the whole by place. A status read
this way overrides the link the story's order suggested ("Another 230 remain admitted" after
"900 have been discharged" is the third status of the injured, not a part of the discharged).
"""

from __future__ import annotations

import re

from audit.extract.figures import Figure, Sentence

__all__ = ["link_statuses", "STATUS_WORDS"]

#: status -> the words that name it, right after the figure
STATUS_WORDS = {
    "discharged": r"discharged|released from (?:the )?hospitals?|sent home",
    "referred": r"referred|transferred to (?:other|another|a) (?:hospitals?|facilit(?:y|ies))",
    "in care": (r"(?:still|currently|now) (?:being treated|in hospitals?|hospitali[sz]ed|admitted|undergoing|receiving|under)|"
                r"remain(?:s|ed)? (?:newly )?(?:admitted|hospitali[sz]ed|in hospitals?|under treatment)|"
                r"(?:undergoing|receiving) (?:treatment|care)|under treatment|"
                r"(?:were|was|have been|has been|had been) (?:newly )?(?:admitted|hospitali[sz]ed)"),
    "died": r"died|succumbed",
}
_STATUS = re.compile(r"[^\d.;]{0,48}?\b(?:(?P<discharged>" + STATUS_WORDS["discharged"] + r")|(?P<referred>"
                     + STATUS_WORDS["referred"] + r")|(?P<care>" + STATUS_WORDS["in care"] + r")|(?P<died>"
                     + STATUS_WORDS["died"] + r"))\b", re.IGNORECASE)
_NAMES = {"discharged": "discharged", "referred": "referred", "care": "in care", "died": "died"}
_WHOLES = ("injured", "hospitalized")
_BEFORE, _AFTER = 2, 1  # sentences between a whole and its statuses


def link_statuses(sentences: list[Sentence], text: str) -> None:
    """Link each status figure to its whole as a part along the ``status`` axis."""
    placed: list[tuple[int, Figure]] = [(i, f) for i, s in enumerate(sentences) for f in s.figures if f.role == "body"]
    wholes = [(i, f) for i, f in placed if f.measure in _WHOLES and f.part_of is None and f.value is not None
              and not f.additional and _status(f, text) is None]
    if not wholes:
        return
    claimed: dict[str, list[tuple[str, Figure]]] = {}
    for index, figure in placed:
        status = _status(figure, text)
        if status is None:
            continue
        whole = _nearest_whole(index, figure, wholes)
        # "In Pokhara, 14 are still in care": a place of its own slices the whole by place, not by status
        elsewhere = figure.place_is_own and whole is not None and set(figure.place) != set(whole.place)
        if whole is not None and not elsewhere and (figure.value or 0) <= whole.value:
            claimed.setdefault(whole.id, []).append((status, figure))
    by_id = {f.id: f for _, f in wholes}
    for whole_id, parts in claimed.items():
        kinds = [status for status, _ in parts]
        if len(set(kinds)) < 2 or len(set(kinds)) != len(kinds):
            continue  # one status is no breakdown; a status named twice splits by place, not by status
        whole = by_id[whole_id]
        for _, part in parts:
            part.part_of, part.breakdown, part.axis = whole.id, "unknown", "status"
            part.measure = whole.measure


def _status(figure: Figure, text: str) -> str | None:
    match = _STATUS.match(text, figure.number_end, figure.clause[1])
    if match is None:
        return None
    return _NAMES[next(name for name, value in match.groupdict().items() if value)]


def _nearest_whole(index: int, figure: Figure, wholes: list[tuple[int, Figure]]) -> Figure | None:
    """The count of the injured the status belongs to: the nearest before it within ``_BEFORE``
    sentences, else the nearest after it within ``_AFTER``."""
    before = [w for i, w in wholes if index - _BEFORE <= i <= index and w.start < figure.start]
    if before:
        return before[-1]
    after = [w for i, w in wholes if index <= i <= index + _AFTER and w.start > figure.start]
    return after[0] if after else None
