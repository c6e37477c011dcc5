"""The computed indicators' kept values (reports.IndicatorSnapshot) of the national data set, as the task
worker leaves them: without them every dashboard would show its computed indicators as pending and queue a
refresh, which is not what a served dashboard reads.

The worker's own code (`reports.indicator_cache.refresh_round`) computes the rounds of agency 1 and of the
first clone (agency 2); computing every agency so (~0.3 s a round, some 300 queries) would take longer than
the whole load. The other clones get the first clone's values by COPY: their registers have the same shape
(no procurement plan, review, survey, campaign or budget record; awarded projects without bids; an approved
copy of the same plan), so each value, verdict, event date and evaluation date is the one the computation
would give them. The records are rewritten to name the clone's own plan and projects (in the order the
procurement selectors list them); the explanation sentence stays the first clone's, so its counts of units
or projects are that agency's. `site_shell/tests/test_national.py` recomputes some clones with the worker's
code and compares.
"""

from __future__ import annotations

import time

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from reports.models import IndicatorSnapshot, Round

BATCH_AGENCIES = 500


def _sample(gen, info) -> dict[tuple[int, int], dict]:
    """Computes the agency's rounds with the worker's code: {(round index, template indicator id): data}."""
    from reports.indicator_cache import refresh_round

    back = {new: old for old, new in info.indicators.items()}
    out = {}
    for index, round_id in enumerate(info.rounds):
        round_ = Round.objects.select_related("plan__agency").get(pk=round_id)
        with transaction.atomic():
            gen.counts[IndicatorSnapshot._meta.db_table] += refresh_round(round_)
        for indicator_id, data in IndicatorSnapshot.objects.filter(round=round_).values_list(
            "indicator_id", "data"
        ):
            out[index, back[indicator_id]] = data
    return out


def _url(name: str):
    # reverse() once per name: it costs more than the rest of a snapshot row.
    return reverse(name, args=[987654321]).replace("987654321", "{}").format


def _rewrite(records: list, sample):
    """How to turn the sample's records into an agency's: a function of the agency, or None when they name
    nothing of the sample's own."""
    project, plan = _url("procurement:detail"), _url("plans:detail")
    titles = {project(pk): title for pk, title in sample.projects}
    if records and all(url in titles for _, url in records):
        # Every generated project lacks the same elements: the label is its title and that suffix.
        label, url = records[0]
        suffix = label[len(titles[url]) :]
        return lambda info: [[title + suffix, project(pk)] for pk, title in info.projects]
    if any(url == plan(sample.plan_id) for _, url in records):
        return lambda info: [
            [label, plan(info.plan_id) if url == plan(sample.plan_id) else url] for label, url in records
        ]
    return None


def write_snapshots(gen) -> None:
    if not gen.agencies:
        return
    started = time.perf_counter()
    first = gen.agencies[0]
    values = _sample(gen, first)
    sample = gen.agencies[1] if len(gen.agencies) > 1 else first
    if sample is not first:
        # A clone's values; an indicator the first clone's rounds lack takes agency 1's.
        values = {**values, **_sample(gen, sample)}
    values = {key: (data, _rewrite(data["records"], sample)) for key, data in values.items()}
    activity_of = {ind["id"]: ind["activity_id"] for ind in gen.t["indicators"]}
    table = gen.tables[IndicatorSnapshot]
    gen.ids.start(IndicatorSnapshot)
    now = timezone.now()
    for start in range(2, len(gen.agencies), BATCH_AGENCIES):
        with transaction.atomic():
            for info in gen.agencies[start : start + BATCH_AGENCIES]:
                for (index, template_id), (data, rewrite) in values.items():
                    if activity_of[template_id] not in info.activities:
                        continue  # as round_computed_indicators: only activities the round holds slots for
                    if rewrite is not None:
                        data = {**data, "records": rewrite(info)}
                    table.add(
                        id=gen.ids.take(IndicatorSnapshot),
                        round_id=info.rounds[index],
                        indicator_id=info.indicators[template_id],
                        data=data,
                        computed_at=now,
                    )
            with connection.cursor() as cursor:
                gen.counts[IndicatorSnapshot._meta.db_table] += table.flush(cursor.cursor)
    gen._sequences()
    gen.out(
        f"  kept indicator values: {gen.counts[IndicatorSnapshot._meta.db_table]:,} in "
        f"{time.perf_counter() - started:.1f} s"
    )
