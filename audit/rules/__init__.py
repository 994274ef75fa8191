"""Consistency rules: each module registers one rule with a code, a name, a severity and a docstring.

The registry is explicit: every rule module is imported here, in code order.
"""

from audit.rules import inputs  # noqa: F401  (INPUT rules: reported by the loader and the validator)
from audit.rules import (  # noqa: F401
    agree001_sources_disagree,
    agree002_source_contradicts_itself,
    agree003_headline_relabels_figure,
    count001_stated_count_mismatch,
    count002_place_named_twice,
    ground001_quote_not_in_article,
    ground002_number_not_in_quote,
    hier001_part_exceeds_whole,
    hier002_subset_exceeds_total,
    place001_town_counted_as_province,
    ratio001_share_does_not_fit,
    sum001_parts_exceed_whole,
    sum002_exhaustive_parts_fall_short,
    sum003_unexplained_remainder,
    trend001_cumulative_total_shrinks,
)
from audit.rules.registry import REGISTRY, Rule

__all__ = ["REGISTRY", "Rule", "rules_in_order"]


def rules_in_order() -> list[Rule]:
    return [REGISTRY[code] for code in sorted(REGISTRY)]
