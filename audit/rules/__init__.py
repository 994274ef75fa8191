"""Consistency rules: each module registers one rule with a code, a name, a severity and a docstring.

The registry is explicit: every rule module is imported here, in code order.
"""

from audit.rules import inputs  # noqa: F401  (INPUT rules: reported by the loader and the validator)
from audit.rules import (  # noqa: F401
    sum001_parts_exceed_whole,
    sum002_exhaustive_parts_fall_short,
    sum003_unexplained_remainder,
)
from audit.rules.registry import REGISTRY, Rule

__all__ = ["REGISTRY", "Rule", "rules_in_order"]


def rules_in_order() -> list[Rule]:
    return [REGISTRY[code] for code in sorted(REGISTRY)]
