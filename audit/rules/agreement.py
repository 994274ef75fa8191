"""Claims that report the same figure (same measure, unit, place, group and day; a place one story
only defaulted to may hold the other's) but whose intervals do not overlap, grouped around the claim that disagrees most: one finding per outlier
("the headline's 1,000 against both body sentences' more than 1,000"), not one per pair."""

from __future__ import annotations

import polars as pl

from audit.frame import ENGINE
from audit.intervals import exceeds, overlaps
from audit.rules.certainty import certain_pair, comparable_scope, main_figure, reason, rival_authorities
from audit.rules.once import once_per_claims
from audit.rules.rows import FIGURE_KEY, code_inside

__all__ = ["comparable_claims", "disagreements", "in_disagreeing_figures"]

_SIDE = ("id", "source", "outlet", "text", "display", "role", "low", "high")


def in_disagreeing_figures(claims: pl.LazyFrame) -> pl.LazyFrame:
    """The claims of figures in which some claim's minimum lies above another's maximum: only they
    can disagree, so the pairs are formed among them alone. Figures are told apart by a hash of
    their key; a collision only lets more claims through, the pairs still join on the key itself."""
    figure = pl.struct("case", *_PLACELESS_KEY).hash()
    return claims.filter(exceeds(pl.col("low").max().over(figure), pl.col("printed_high").min().over(figure)))


_PLACELESS_KEY = [k for k in FIGURE_KEY if k != "place"]


def _pairs(slim: pl.LazyFrame, same_source: bool) -> pl.LazyFrame:
    """Ordered pairs of distinct claims of one case with the same placeless key and the same place, or (across
    stories) where a place one story only defaulted to or carried from another sentence (its country, the
    subdivision it is about) holds the place the other names: "Wayanad" in one story is the defaulted "Kerala"
    of another. Such a pair rests on a guess, and its reason says so.

    Found by joins, never by testing places on every pair of a key: the same place joins on the place itself;
    a guessed place (a single place, read by default or carried) joins only with the single places of its key
    and keeps those inside it. Columns: ``_PAIR_COLUMNS`` and the same ending in ``_b``."""
    columns = [*_PAIR_COLUMNS, *(f"{c}_b" for c in _PAIR_COLUMNS if c != "case")]
    # a claim with no place list is the same place as none (a null key never equals)
    same = (slim.filter(pl.col("_place_key").is_not_null())
            .join(slim, on=["case", *_PLACELESS_KEY, "_place_key"], suffix="_b", nulls_equal=True).select(columns))
    if same_source:
        return same.filter(pl.col("id") != pl.col("id_b"))
    single = slim.filter(pl.col("_places") == 1)
    guessed = single.filter(pl.col("place_read").is_in(["default", "carried"]))
    holds = guessed.join(single, on=["case", *_PLACELESS_KEY], suffix="_b", nulls_equal=True).filter(
        code_inside(pl.col("_place_b"), pl.col("_place"))).select(columns)
    held = single.join(guessed, on=["case", *_PLACELESS_KEY], suffix="_b", nulls_equal=True).filter(
        code_inside(pl.col("_place"), pl.col("_place_b"))).select(columns)
    return pl.concat([same, holds, held]).filter(pl.col("id") != pl.col("id_b")).unique(["case", "id", "id_b"])


#: what forming a pair reads of each claim
_PAIR_COLUMNS = ("case", "id", "source", "low", "printed_high")


def _placed(claims: pl.LazyFrame) -> pl.LazyFrame:
    """The place list as scalars for ``_pairs``: its key, its first place and its length."""
    return claims.with_columns(_place_key=pl.col("place").list.join("\x1f"), _place=pl.col("place").list.first(),
                               _places=pl.col("place").list.len())


@once_per_claims  # AGREE001 and AGREE002 read the same claims: the windows are computed once
def comparable_claims(claims: pl.LazyFrame) -> pl.DataFrame:
    """The claims whose scope may be compared (``audit.rules.certainty``) that may take part in a pair:
    a story's main figure (``_main``: the largest among all it says of a measure and day, found before
    the claims are narrowed to the figures that disagree), the largest each authority it names gives
    (``_main_of_authority``), and claims a person reviewed."""
    # only main figures (and claims a person reviewed) can take part in a pair: a story of 4,000 figures of one
    # measure forms a handful of pairs, not 16 million
    return claims.filter(comparable_scope()).with_columns(
        _main=main_figure(), _main_of_authority=main_figure(by_authority=True),
    ).filter(pl.col("_main") | pl.col("_main_of_authority") | (pl.col("measure_read") == "stated")).collect(engine=ENGINE)


def disagreements(claims: pl.LazyFrame, same_source: bool) -> pl.LazyFrame:
    """One row per outlier claim among ``comparable_claims``: its columns, ``others_*`` lists of the claims it contradicts,
    ``lenient_disjoint`` (true when it contradicts one of them even with round figures read as rounded),
    ``certain`` (some such pair rests on no guess: see ``audit.rules.certainty``) and ``severity_reason``.

    Only claims whose scope may be compared take part (totals and parts, a measure read from the
    text, a known day); across outlets a pair is certain only when both name the same authority."""
    candidates = _placed(in_disagreeing_figures(claims).filter(pl.col("comparable"))).collect(engine=ENGINE)
    # the pairs are found among a few columns, then the few pairs left take every column: a story of a
    # million claims forms millions of candidate pairs, and carrying fifty columns through them is the cost
    slim = candidates.lazy().select(*_PAIR_COLUMNS, *_PLACELESS_KEY, "place_read", "_place_key", "_place", "_places")
    # within one story a figure for a finer place is a slice of its wider one ("23 in Nairobi" beside "39
    # across the country"): only the same place; across stories a place one only defaulted to may hold the other's
    found = _pairs(slim, same_source).filter(
        ((pl.col("source") == pl.col("source_b")) if same_source else (pl.col("source") != pl.col("source_b")))
        # as printed: "at least 150" is 150 to 160 and "more than 1,700" under 1,800 (``printed_high``)
        & ~overlaps(pl.col("low"), pl.col("printed_high"), pl.col("low_b"), pl.col("printed_high_b"))
    ).select("case", "id", "id_b").sort("case", "id", "id_b")
    whole = candidates.lazy()
    pairs = found.join(whole, on=["case", "id"], how="left").join(
        whole.rename({c: f"{c}_b" for c in candidates.columns if c != "case"}), on=["case", "id_b"], how="left",
    ).with_columns(
        # "at least 150" against "more than 2,000": open above, they meet; only as printed are they apart
        printed_only=overlaps(pl.col("low"), pl.col("high"), pl.col("low_b"), pl.col("high_b")),
    ).filter(
        # as printed only when one story sets two authorities' counts side by side: across outlets, and
        # within one voice, a count open above is most often the same toll at another hour
        ~pl.col("printed_only") | ((pl.col("source") == pl.col("source_b")) & rival_authorities())
    ).with_columns(
        lenient_disjoint=~overlaps(
            pl.col("lenient_low"), pl.col("lenient_high"), pl.col("lenient_low_b"), pl.col("lenient_high_b")
        )
    )
    # Two figures of one story that differ are most often slices the extractor could not tell apart:
    # within a story only a headline against its body (each its story's main figure), or figures two
    # authorities give, are set side by side; across outlets, the main figures of a measure and day.
    stated = (pl.col("measure_read") == "stated") & (pl.col("measure_read_b") == "stated")  # a person says: one figure
    if same_source:
        eligible = stated | ((pl.col("role") != pl.col("role_b")) & pl.col("_main") & pl.col("_main_b")) | rival_authorities()
    else:
        eligible = stated | ((pl.col("_main") | pl.col("_main_of_authority")) & (pl.col("_main_b") | pl.col("_main_of_authority_b")))
    pairs = pairs.filter(eligible)
    same_authority = pl.lit(True) if same_source else (
        stated | (pl.col("authority").is_not_null() & (pl.col("authority") == pl.col("authority_b"))))
    attributes = ("measure",) if same_source else ("measure", "place", "as_of")
    # two phrasings a machine read as one figure are one only when both say what they count in their own
    # words (a toll: "toll rises to 674", "surged to 694"; a noun: "36 deaths"), not a bare number beside a verb
    if same_source:
        own_words = [pl.col(f"cumulative{x}") | (pl.col(f"measure_read{x}") == "own") for x in ("", "_b")]
        same_authority = same_authority & (stated | (own_words[0] & own_words[1]))
    pairs = pairs.with_columns(
        _certain=pl.col("lenient_disjoint") & certain_pair(attributes=attributes) & same_authority & ~pl.col("printed_only"),
        _reason=pl.when(pl.col("printed_only")).then(
            pl.lit("warning: a figure open above (\"at least\", \"more than\") meets the other, but the counts as printed are far apart")
        ).when(~same_authority & pl.col("lenient_disjoint") & certain_pair(attributes=attributes)).then(
            pl.lit("warning: the two figures may count different things: neither names its count in its own words")
            if same_source else
            pl.lit("warning: two outlets, and neither names the same authority: they may quote different counts")
        ).otherwise(reason(pl.col("lenient_disjoint"), attributes=attributes)),
    )
    # every disagreeing pair appears in both orders; keep the order whose first claim disagrees with
    # more claims (ties: a headline first, then the smaller id)
    degree = pairs.group_by("case", "id").agg(_degree=pl.len())
    ranked = pairs.join(degree, on=["case", "id"]).join(
        degree.rename({"id": "id_b", "_degree": "_degree_b"}), on=["case", "id_b"]
    )
    first = (
        (pl.col("_degree") > pl.col("_degree_b"))
        | ((pl.col("_degree") == pl.col("_degree_b"))
           & (((pl.col("role") == "headline") & (pl.col("role_b") != "headline"))
              | ((pl.col("role") == pl.col("role_b")) & (pl.col("id") < pl.col("id_b")))))
    )
    return (
        ranked.filter(first)
        .group_by("case", *_SIDE, "measure", maintain_order=True)
        .agg(
            *[pl.col(f"{k}_b").sort_by("start_b", "id_b").alias(f"others_{k}") for k in _SIDE],
            lenient_disjoint=pl.col("lenient_disjoint").any(),
            certain=pl.col("_certain").any(),
            # the reason of the first claim listed among those of the surest pairs: not the order a join left
            severity_reason=pl.col("_reason").sort_by(pl.col("_certain").not_(), "start_b", "id_b").first(),
        )
    )
