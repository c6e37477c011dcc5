"""The content of a compiled round as it leaves the department, frozen as plain JSON.

The official summary (policy → measure → activity → indicator results in words, the host units' summaries,
problems and suggestions, the units still missing) and the annex (each unit's rows, one attachment-3 form per
unit) are rendered from this dictionary only, so an approved version prints the same whatever happens to the
reports afterwards, and the SHA-256 of its canonical JSON names every document made from it. Text is kept in
the digits it was typed in; the renderers write Thai digits by the `thai_digits` kept here.
"""

from __future__ import annotations

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder

from reports.compile import Compiled, Entry
from reports.exports import common

FORMAT = 1
# Per activity, the units' own problems and suggestions printed in the summary; the rest are in the annex.
UNIT_NOTES_PER_ACTIVITY = 8
NOTE_CHARS = 300


def canonical_json(content: dict) -> bytes:
    return json.dumps(
        content, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode()


def content_sha256(content: dict) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


def _clip(text: str) -> str:
    text = " ".join(common.clean(text).split())
    return text if len(text) <= NOTE_CHARS else text[: NOTE_CHARS - 1] + "…"


def _rows(entry: Entry, evidence_writer: common.Writer) -> list[list]:
    return [
        [
            common.clean(row.method),
            common.clean(row.period_text),
            common.clean(row.result),
            common.row_evidence(entry, row, evidence_writer),
        ]
        for row in entry.rows
    ]


def _summary_entry(entry: Entry) -> dict:
    return {
        "unit": entry.unit.name,
        "short": entry.unit.short_name,
        "results": [common.clean(row.result) for row in entry.rows if row.result.strip()],
        "problems": common.clean(entry.report.problems),
        "suggestions": common.clean(entry.report.suggestions),
    }


def _notes(entries: list[Entry], field: str) -> tuple[list[list[str]], int]:
    notes = [
        [e.unit.short_name, _clip(getattr(e.report, field))]
        for e in entries
        if getattr(e.report, field).strip()
    ]
    return notes[:UNIT_NOTES_PER_ACTIVITY], max(0, len(notes) - UNIT_NOTES_PER_ACTIVITY)


def build(compiled: Compiled, summary_text: str, thai_digits: bool) -> dict:
    round_ = compiled.round
    agency = round_.plan.agency
    evidence_writer = common.Writer(thai_digits)
    policies = []
    annex: dict[int, dict] = {}
    for pol in compiled.policies:
        area = common.policy_area(pol.policy.title)
        measures = []
        for ms in pol.measures:
            activities = []
            for section in ms.activities:
                activity = section.activity
                problems, more_problems = _notes(section.entries, "problems")
                suggestions, more_suggestions = _notes(section.entries, "suggestions")
                activities.append(
                    {
                        "title": common.clean(activity.title),
                        "hosts": common.hosts_text(section),
                        "implementing": activity.get_implementing_rule_display(),
                        "sent": len(section.entries),
                        "total": len(section.entries) + len(section.missing),
                        "indicators": [
                            {
                                "text": common.clean(
                                    f"{line.indicator.number} {line.indicator.text}".strip()
                                ),
                                "target": common.clean(line.target),
                                "status": line.result.status,
                                "label": line.result.label,
                                "explanation": common.clean(line.result.explanation),
                            }
                            for line in section.indicators
                        ],
                        "summaries": [
                            _summary_entry(e)
                            for e in section.summaries or ([section.summary] if section.summary else [])
                        ],
                        "summaries_pending": [e.unit.short_name for e in section.summaries_pending],
                        "problems": problems,
                        "problems_more": more_problems,
                        "suggestions": suggestions,
                        "suggestions_more": more_suggestions,
                        "missing": [e.unit.short_name for e in section.missing],
                    }
                )
                for entry in [*section.summaries, *section.entries]:
                    unit = annex.setdefault(
                        entry.unit.pk,
                        {
                            "key": (entry.unit.sort_order, entry.unit.path),
                            "unit": entry.unit.name,
                            "code": entry.unit.code,
                            "reports": [],
                        },
                    )
                    unit["reports"].append(
                        {
                            "as_of": entry.report.as_of,
                            "policy_area": area,
                            "activity": common.clean(activity.title),
                            "host_summary": entry.report.kind == entry.report.Kind.HOST_SUMMARY,
                            "status": common.status_text(entry),
                            "rows": _rows(entry, evidence_writer),
                            "indicators": common.indicator_lines(section, entry, common.PLAIN),
                            "loose_evidence": common.loose_evidence(entry, evidence_writer),
                            "problems": common.clean(entry.report.problems),
                            "suggestions": common.clean(entry.report.suggestions),
                        }
                    )
            measures.append(
                {"title": common.clean(f"{ms.measure.number} {ms.measure.text}"), "activities": activities}
            )
        policies.append({"title": f"นโยบายด้าน{area}", "measures": measures})
    units = sorted(annex.values(), key=lambda u: u["key"])
    for unit in units:
        unit.pop("key")
    return {
        "format": FORMAT,
        "agency": agency.name,
        "round": {
            "id": round_.pk,
            "name": round_.name,
            "fiscal_year": round_.fiscal_year,
            "kind": round_.kind,
            "due_on": round_.due_on,
        },
        "title": common.document_title(compiled),
        "subtitle": common.subtitle(compiled, common.PLAIN),
        "as_of": compiled.as_of,
        "thai_digits": thai_digits,
        "summary_text": common.clean(summary_text),
        "stats_rows": [list(r) for r in common.stats_rows(compiled.stats)],
        "group_rows": [list(r) for r in common.group_rows(compiled.stats)],
        "missing_units": [[u.short_name, n] for u, n in compiled.missing_units],
        "late_units": [[u.short_name, n] for u, n in compiled.late_units],
        "policies": policies,
        "annex": units,
    }
