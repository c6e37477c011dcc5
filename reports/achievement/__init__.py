"""Whether an indicator's target is achieved: met / not met / not yet due / no data, with the reason in words.

A unit's result is compared with the structured target in force for the fiscal year
(`Indicator.target_for_year`). Targets "per month / quarter / half" expect as many times the value as periods
have ended by the report date; a whole-year target short of its value in a progress round is "not yet due",
while in the annual round it is "not met". Department-wide targets use the host unit's summary when it gives
a result, otherwise they add up (counts) or average (percentages, levels) what the units reported.

The package: `verdict` (statuses, labels, the round), `targets` (the target in words, periods of the year),
`judge` (one result against the target), `units` (over units and host units). Callers use
`from reports import achievement`; the names below are that interface.
"""

from reports.achievement.judge import (
    evaluate,
    evaluate_steps,
    other_year,
)
from reports.achievement.targets import (
    COMPARISON_WORDS,
    PERIOD_MONTHS,
    PERIOD_WORDS,
    periods_elapsed,
    target_text,
    units_text,
)
from reports.achievement.units import (
    evaluate_indicator,
    evaluate_part,
    unit_passes,
)
from reports.achievement.verdict import (
    LABELS,
    MET,
    NO_DATA,
    NO_TARGET,
    NOT_JUDGED,
    NOT_MET,
    NOT_YET_DUE,
    ORDER,
    PLAN_ERROR,
    UNJUDGED,
    Achievement,
    Context,
    num,
    summarise,
)

__all__ = [
    "MET",
    "NOT_MET",
    "NOT_YET_DUE",
    "NO_DATA",
    "NO_TARGET",
    "PLAN_ERROR",
    "NOT_JUDGED",
    "LABELS",
    "ORDER",
    "UNJUDGED",
    "Context",
    "Achievement",
    "num",
    "summarise",
    "COMPARISON_WORDS",
    "PERIOD_WORDS",
    "PERIOD_MONTHS",
    "target_text",
    "units_text",
    "periods_elapsed",
    "other_year",
    "evaluate",
    "evaluate_steps",
    "unit_passes",
    "evaluate_part",
    "evaluate_indicator",
]
