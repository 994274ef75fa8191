"""TREND001: a running total reported later is smaller than one reported earlier."""

from __future__ import annotations

import polars as pl

from audit.frame import ENGINE, format_number
from audit.intervals import exceeds
from audit.rules.certainty import comparable_scope, main_figure, rival_authorities
from audit.rules.registry import rule
from audit.rules.rows import finding_rows, pairs_within_case
from audit.vocabulary import CUMULATIVE_MEASURES


@rule("TREND001", "trend.cumulative-total-shrinks", "error")
def cumulative_total_shrinks(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """A running total stands lower on a later day than on an earlier one.

    Counts that only grow -- the dead, the injured, arrests, houses destroyed (``audit measures``),
    or any claim marked ``cumulative`` -- for the same measure, unit, place, group and starting day
    may not be smaller on a later day (``as_of``) than on an earlier one. Stocks (missing,
    hospitalized, displaced) may fall and are not checked. Only totals and parts are compared,
    never a subset, an increment, a prior figure or an estimate, and of each story only its main
    figure for the key (its largest, and the largest each authority it names gives), not the
    slices it goes on to give; a headline is checked against its own body (AGREE002) instead. A
    later count open above ("at least 1,340" after 1,678) need not have shrunk, but the count it
    prints (up to 1,350) has: a warning that says so. A later figure that continues another
    outlet's lower count of the earlier day (334 and 210 on Friday, 221 on Sunday) is that day's
    disagreement (AGREE001), not a total that shrank. **error** when a person stated
    both figures as one running total (reviewed claims marked ``cumulative``) and the later is smaller under every reading of the hedges;
    otherwise a **warning**: a toll revised down is news in itself (bodies counted twice, a
    narrower definition) and the finding asks that it be said, naming the two authorities when
    the figures come from different ones.

    *Anti-pattern*: 17 July: "the toll climbed to 43"; 19 July: "the toll stands at 40".

    *Best practice*: "the toll was revised down to 40 after three victims were found alive".
    """
    key = ["measure", "unit", "place", "group", "since"]
    running = claims.filter(comparable_scope() & (pl.col("cumulative") | pl.col("measure").is_in(CUMULATIVE_MEASURES))
                            & pl.col("comparable") & (pl.col("role") == "body")).filter(
        main_figure() | main_figure(by_authority=True)).collect(engine=ENGINE).lazy()  # read twice below: computed once
    # "at least 1,340" after 1,678: open above, so no shrink under every reading, but the count it
    # prints (up to 1,350) stands lower: a warning that says so
    printed_only = ~exceeds(pl.col("low"), pl.col("high_b"))
    pairs = pairs_within_case(running, on=key).filter(
        (pl.col("as_of_b") > pl.col("as_of")) & exceeds(pl.col("low"), pl.col("printed_high_b"))
    )
    # 334 one day against another outlet's 210 the same day, then 221 two days later: the later
    # figure continues the other count of the earlier day, and the earlier day's disagreement is
    # AGREE001's to report, once, not a running total that shrank
    continued = pairs.join(
        running.select("case", *key, as_of="as_of", _other_source="source", _other_low="low", _other_printed="printed_high"),
        on=["case", *key, "as_of"], nulls_equal=True,
    ).filter(
        (pl.col("_other_source") != pl.col("source")) & (pl.col("_other_source") != pl.col("source_b"))
        & exceeds(pl.col("low"), pl.col("_other_printed")) & ~exceeds(pl.col("_other_low"), pl.col("high_b"))
    ).select("case", "id", "id_b").unique()
    pairs = pairs.join(continued, on=["case", "id", "id_b"], how="anti")
    # a person said both are one running total: reviewed claims marked cumulative
    stated = (pl.col("kind_read") == "stated") & (pl.col("kind_read_b") == "stated") & pl.col("cumulative") & pl.col("cumulative_b")
    lenient = exceeds(pl.col("lenient_low"), pl.col("lenient_high_b"))
    return finding_rows(
        pairs,
        severity=pl.when(stated & lenient & ~rival_authorities() & ~printed_only).then(pl.lit("error"))
        .otherwise(pl.lit("warning")),
        reason=pl.when(printed_only).then(
            pl.format("warning: \"{}\" leaves room above, so the total need not have shrunk; but the count it "
                      "prints stands below the earlier \"{}\"", pl.col("text_b"), pl.col("text"))
        ).when(rival_authorities()).then(
            pl.format("warning: two authorities ({} and {}): the later may count differently, not less",
                      pl.col("authority"), pl.col("authority_b"))
        ).when(~stated).then(pl.lit("warning: a toll revised down may be a correction; the story should say so"))
        .when(~lenient).then(pl.lit("warning: a round figure may itself be rounded; read so, the total does not shrink"))
        .otherwise(pl.lit("error: a running total a person stated shrinks under every reading of the hedges")),
        message=pl.format(
            "the running total \"{}\" ({}, as of {}) stands lower later: \"{}\" ({}, as of {})",
            pl.col("text"), pl.col("outlet"), pl.col("as_of"),
            pl.col("text_b"), pl.col("outlet_b"), pl.col("as_of_b"),
        ),
        arithmetic=pl.when(printed_only).then(pl.format(
            "{} then {}, as printed {}: down by {} as printed", pl.col("display"), pl.col("display_b"),
            format_number(pl.col("value_b")), format_number(pl.col("low") - pl.col("value_b")))
        ).otherwise(pl.format("{} then {}: down by at least {}", pl.col("display"), pl.col("display_b"),
                              format_number(pl.col("low") - pl.col("high_b")))),
        claim_ids=pl.concat_list(pl.col("id"), pl.col("id_b")),
        observed=(pl.col("low_b"), pl.col("high_b")),
        expected=(pl.col("low"), pl.lit(None)),
    )
