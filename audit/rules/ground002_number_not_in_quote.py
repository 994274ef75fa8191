"""GROUND002: a claim's phrase does not contain its number."""

from __future__ import annotations

import polars as pl

from audit.rules.registry import rule
from audit.rules.rows import finding_rows

_NUMBER_WORDS = (
    r"(?i)\b(a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|million|billion|dozen|dozens|hundreds|thousands|millions|scores|half|quarter|third)\b"
)
_SCALED = r"(?i)(million|billion|trillion|thousand|lakh|crore|dozen|\d\s*(?:bn|bln|mn|m|k)\b|per ?cent|%|\d\.\d)"


@rule("GROUND002", "grounding.number-not-in-quote", "error")
def number_not_in_quote(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """A claim's phrase does not contain the number the claim records.

    The phrase must show the number as printed: digits ("1,000") or words ("Twenty-seven",
    "hundreds of"). When the phrase prints a plain whole number, the claim's ``value`` must be
    that number (separators aside): a claim recording 1,000 for "over 10,000 people" is a typo.

    Checked for claims a person reviewed; figures the extractor read carry their own phrase.

    *Anti-pattern*: ``text: people were arrested`` or ``value: 100`` for "over 1,000 people".

    *Best practice*: ``text: over 1,000 people``, ``value: 1000``.
    """
    digits = pl.col("text").str.replace_all(r"(\d)[,\u202f\u00a0 ](\d{3})", "$1$2").str.replace_all(r"(\d)[,\u202f\u00a0 ](\d{3})", "$1$2")
    plain_value = pl.col("value").cast(pl.Int128, strict=False).cast(pl.String)
    has_number = pl.col("text").str.contains(r"\d") | pl.col("text").str.contains(_NUMBER_WORDS)
    checkable = (
        pl.col("text").str.contains(r"\d") & ~pl.col("text").str.contains(_SCALED)
        & pl.col("value").is_not_null() & (pl.col("value") == pl.col("value").round(0))
    )
    # the value must be one whole run of digits in the phrase (a minus sign counts unless it follows a digit);
    # the runs are extracted once per column, not matched with a pattern built per row
    unsigned_runs = digits.str.extract_all(r"\d+")
    signed_runs = digits.str.replace_all(r"(\d)-", "${1} ").str.extract_all(r"-?\d+")
    # ",12,345," holds ",345," exactly when 345 is one of the runs: a literal search, no regex per row
    needle = pl.concat_str([pl.lit(","), plain_value, pl.lit(",")])
    runs = pl.when(plain_value.str.starts_with("-")).then(signed_runs).otherwise(unsigned_runs)
    printed = pl.concat_str([pl.lit(","), runs.list.join(","), pl.lit(",")]).str.contains(needle, literal=True)
    wrong_value = checkable & ~printed
    # a figure the extractor read is grounded by construction: a mismatch there is the extractor's, not the claim file's
    rows = claims.filter(pl.col("reviewed").fill_null(False) & (~has_number | wrong_value.fill_null(False)))
    return finding_rows(
        rows,
        severity=pl.lit("error"),
        reason=pl.lit("error: a reviewed claim must print the number it records"),
        message=pl.when(~has_number).then(
            pl.format("claim {}: the phrase \"{}\" contains no number", pl.col("id"), pl.col("text"))
        ).otherwise(
            pl.format("claim {}: value {} is not the number printed in \"{}\"", pl.col("id"), plain_value, pl.col("text"))
        ),
        claim_ids=pl.concat_list(pl.col("id")),
    )
