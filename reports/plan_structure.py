"""A plan's activities and indicators as the round dashboard reads them, kept in each process between
requests: they change only while the plan is a draft being edited, and building their rows (texts, JSON
lists, the measure and policy of each activity) was a third of a dashboard's time on every page view.

The key is the plan's id and `updated_at`: `plans.services` touches the plan whenever it changes one of its
activities or indicators (`plan_touch`), so every process reads the new structure on its next request, the
round having read its plan with it."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from plans.models import Activity, Indicator, Plan

# Plans kept per process: a national host serves thousands of agencies, one plan each a year.
MAX_PLANS = 512

_kept: OrderedDict[int, tuple[object, PlanStructure]] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True)
class PlanStructure:
    # In the plan's order (policy, measure, activity), each with its measure and policy; shared by
    # every request of the process: read, never change them.
    activities: tuple[Activity, ...]
    # In the plan's order (policy, measure, activity, then the indicator's own order), each with its activity.
    indicators: tuple[Indicator, ...]


def _read(plan: Plan) -> PlanStructure:
    activities = list(
        Activity.objects.filter(measure__policy__plan=plan)
        .select_related("measure__policy")
        .order_by("measure__policy__number", "measure__sort_key", "sort_order", "id")
    )
    order = {a.pk: i for i, a in enumerate(activities)}
    by_id = {a.pk: a for a in activities}
    indicators = list(Indicator.objects.filter(activity_id__in=order).order_by())
    for ind in indicators:
        ind.activity = by_id[ind.activity_id]
    indicators.sort(key=lambda ind: (order[ind.activity_id], ind.sort_order, ind.pk))
    return PlanStructure(tuple(activities), tuple(indicators))


def plan_structure(plan: Plan) -> PlanStructure:
    """The plan's activities and indicators, read once per process and plan state."""
    key = (plan.pk, plan.updated_at)
    with _lock:
        found = _kept.get(plan.pk)
        if found is not None and found[0] == key:
            _kept.move_to_end(plan.pk)
            return found[1]
    structure = _read(plan)
    with _lock:
        _kept[plan.pk] = (key, structure)
        _kept.move_to_end(plan.pk)
        while len(_kept) > MAX_PLANS:
            _kept.popitem(last=False)
    return structure
