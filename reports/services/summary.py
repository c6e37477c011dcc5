"""The plan administrator's compilation of a round: figures, executive summary and cover memo."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record, snapshot
from core.errors import ApplicationError
from org.selectors import agency_memo
from reports.compile import compile_round
from reports.indicator_values import apply_values, freeze, round_indicator_values
from reports.models import CompiledSummary, Round
from reports.selectors import default_summary_text, summary_is_generated
from reports.services.approval import version_record
from reports.services.common import require
from reports.services.compiled_pdf import compiled_pdf_refresh

MEMO_FIELDS = [
    "memo_agency",
    "memo_phone",
    "memo_ref_no",
    "memo_date",
    "memo_subject",
    "memo_addressee",
    "memo_body",
    "memo_signer_name",
    "memo_signer_position",
    "thai_digits",
]
SUMMARY_FIELDS = ["text", *MEMO_FIELDS]


def _memo_defaults(round_: Round, actor) -> dict:
    """The cover memo as first drafted, in the agency's wording (org.selectors.agency_memo): the head as
    addressee, the profile's signer position (else the compiler's own) and the unit that prepares it (else
    the compiler's unit); the plan administrator edits any of it before printing."""
    signer = actor if getattr(actor, "is_authenticated", False) else None
    agency = round_.plan.agency
    wording = agency_memo(agency)
    unit_name = wording.unit_name
    if not unit_name and signer is not None and signer.unit_id and signer.unit.path.startswith(agency.path) \
            and signer.unit_id != agency.pk:
        unit_name = signer.unit.name
    preparer = unit_name or wording.agency_name
    return {
        "memo_signer_name": signer.get_full_name() if signer else "",
        "memo_signer_position": wording.position_of(signer),
        "memo_agency": f"{wording.agency_name} {unit_name}".strip(),
        "memo_subject": (
            f"สรุปผล{round_.name} ปีงบประมาณ พ.ศ. {round_.fiscal_year} การดำเนินงานตาม{round_.plan.title[:200]}"
        ),
        "memo_addressee": wording.addressee,
        "memo_body": (
            f"ตามที่หน่วยงานได้รายงานผลการดำเนินงานตามแผน {round_.name} ปีงบประมาณ พ.ศ. {round_.fiscal_year} "
            f"นั้น {preparer}ได้รวบรวม วิเคราะห์ และสรุปผลการดำเนินงานแล้ว รายละเอียดตามเอกสารที่แนบ\n"
            "จึงเรียนมาเพื่อโปรดทราบ และพิจารณาให้ความเห็นชอบส่งผลการดำเนินงานไปยังสำนักงาน ป.ป.ท. ต่อไป"
        ),
    }


@transaction.atomic
def round_compile(*, actor, round_: Round, regenerate_text: bool = False) -> CompiledSummary:
    """Compile the whole round: recompute the figures; keep an edited summary unless asked to redo it."""
    require(actor, "round.compile", round_, message="เฉพาะผู้ดูแลแผนจึงจะรวบรวมผลได้")
    compiled = compile_round(round_)
    # The indicator values (computed ones recomputed now, overrides as sent) go into the figures and are
    # frozen with the summary: the compiled documents show these until the round is compiled again.
    values = round_indicator_values(round_, compiled=compiled)
    apply_values(compiled, values)
    summary, created = CompiledSummary.objects.select_for_update().get_or_create(
        round=round_, defaults=_memo_defaults(round_, actor)
    )
    old = {"stats": summary.stats}
    generated = created or summary_is_generated(summary)
    summary.stats = compiled.stats
    summary.indicator_values = freeze(values)
    summary.values_as_of = compiled.generated_at
    if generated or regenerate_text:
        summary.text = default_summary_text(round_, compiled.stats)
    summary.compiled_at = timezone.now()
    summary.compiled_by = actor if getattr(actor, "is_authenticated", False) else None
    summary.save()
    audit_record(
        actor=actor,
        action="round.compile",
        obj=round_,
        unit=round_.plan.agency,
        old=old,
        new={"stats": summary.stats, "indicator_values_as_of": summary.values_as_of},
        note=f"ส่งแล้ว {compiled.stats['sent']} จาก {compiled.stats['reports']} รายการ",
    )
    compiled_pdf_refresh(round_=round_)
    from reports.tasks import queue_indicator_refresh

    # The dashboard's and the API's kept values are computed again once this commits (the compilation's own
    # audit entry has made the earlier ones stale); the refresh then queues its hourly successor.
    transaction.on_commit(lambda: queue_indicator_refresh(round_.pk))
    # The official documents' content as of this compilation: a new version when it differs (approval
    # again), the same one when nothing in it changed.
    version_record(actor=actor, round_=round_)
    return summary


@transaction.atomic
def summary_update(*, actor, summary: CompiledSummary, **values) -> CompiledSummary:
    summary = (
        CompiledSummary.objects.select_for_update().select_related("round__plan__agency").get(pk=summary.pk)
    )
    require(actor, "round.compile", summary.round, message="เฉพาะผู้ดูแลแผนจึงจะแก้ไขบทสรุปได้")
    unknown = set(values) - set(SUMMARY_FIELDS)
    if unknown:
        raise ApplicationError(f"แก้ไขข้อมูล {', '.join(sorted(unknown))} ไม่ได้")
    memo_date = values.get("memo_date")
    if memo_date and not isinstance(memo_date, datetime.date):
        raise ApplicationError("วันที่ของบันทึกข้อความไม่ถูกต้อง", field="memo_date")
    old = snapshot(summary, SUMMARY_FIELDS)
    for name, value in values.items():
        setattr(summary, name, value.strip() if isinstance(value, str) else value)
    summary.edited_at = timezone.now()
    summary.save()
    audit_record(
        actor=actor,
        action="round.summary",
        obj=summary.round,
        unit=summary.round.plan.agency,
        old=old,
        new=snapshot(summary, SUMMARY_FIELDS),
    )
    compiled_pdf_refresh(round_=summary.round)
    version_record(actor=actor, round_=summary.round)
    return summary
