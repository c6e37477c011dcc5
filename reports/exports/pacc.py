"""The letter to ป.ป.ท. (หนังสือภายนอก) and the package sent with it: letter, summary and annex in one ZIP
with a manifest (names, sizes, SHA-256 of every file, the version and its approval)."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import zipfile

from core.documents.letter import Letter, letter_docx, letter_pdf
from core.thai import format_be, to_thai_digits
from org.selectors import agency_profile, agency_thai_digits
from reports.exports import official
from reports.models import CompiledSummary

PACC = "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ (สำนักงาน ป.ป.ท.)"


def _emblem(profile) -> tuple[bytes | None, str]:
    if not profile.emblem:
        return None, ""
    try:
        with profile.emblem.open("rb") as handle:
            return handle.read(), profile.emblem_extension or "png"
    except (FileNotFoundError, ValueError):
        return None, ""


def _owner_unit(summary: CompiledSummary | None, official_name: str) -> str:
    """The unit that owns the matter (ส่วนราชการเจ้าของเรื่อง): the memo's ส่วนราชการ without the agency's name."""
    text = (summary.memo_agency if summary else "") or ""
    return text.replace(official_name, "").strip() or text.strip()


def letter_for(version, dispatch=None) -> Letter:
    round_ = version.round
    agency = round_.plan.agency
    profile = agency_profile(agency)
    summary = CompiledSummary.objects.filter(round=round_).first()
    name = profile.official_name or agency.name
    # A letter already sent carries its number and date, but only for the version it carried.
    sent = dispatch is not None and dispatch.sent and dispatch.version_id == version.pk
    prefix = (profile.book_prefix or "").strip()
    ref_no = dispatch.ref_no if sent else (f"{prefix}/" if prefix else "")
    if sent and prefix and not dispatch.ref_no.startswith(prefix.split()[0]):
        ref_no = f"{prefix}/{dispatch.ref_no}"
    content = version.content
    units = len(content["annex"])
    stats = dict((row[0], row[1]) for row in content["stats_rows"])
    contact = [_owner_unit(summary, name)]
    phone = (summary.memo_phone if summary else "") or profile.phone
    if phone:
        contact.append(f"โทร. {phone}")
    if profile.email:
        contact.append(f"ไปรษณีย์อิเล็กทรอนิกส์ {profile.email}")
    emblem, emblem_type = _emblem(profile)
    period = f"{round_.name} ปีงบประมาณ พ.ศ. {round_.fiscal_year}"
    return Letter(
        ref_no=ref_no,
        owner=[name, *[line for line in (profile.address or "").splitlines() if line.strip()]],
        date=dispatch.letter_date if sent else None,
        subject=f"รายงานผลการดำเนินงานตามแผนปฏิบัติการด้านคุณธรรมและความโปร่งใส {period}",
        addressee=profile.pacc_addressee,
        reference=(dispatch.reference if dispatch else "") or "",
        enclosures=[
            f"รายงานสรุปผลการดำเนินงาน ฉบับที่ {version.number} จำนวน 1 ฉบับ",
            f"แบบรายงานผลการดำเนินงานของหน่วยงาน (ภาคผนวก) จำนวน {units} หน่วยงาน",
        ],
        paragraphs=[
            f"ตามที่{name}ได้จัดทำ{round_.plan.title} และรายงานผลการดำเนินงานต่อ{PACC} {period} นั้น",
            f"{name}ได้รวบรวม วิเคราะห์ และสรุปผลการดำเนินงานของหน่วยงานในสังกัดแล้ว "
            f"มีรายงานที่ส่งแล้ว {stats.get('ส่งแล้ว', '-')} จาก {stats.get('รายงานที่หน่วยงานต้องส่ง', '-')} รายการ "
            "รายละเอียดปรากฏตามสิ่งที่ส่งมาด้วย",
            "จึงเรียนมาเพื่อโปรดทราบ",
        ],
        signer_name=profile.head_name,
        signer_position=profile.head_title or f"อธิบดี{name}",
        contact=[line for line in contact if line],
        emblem=emblem,
        emblem_type=emblem_type,
        thai_digits=agency_thai_digits(agency),
    )


def letter_file(version, dispatch, fmt: str) -> bytes:
    letter = letter_for(version, dispatch)
    return {"pdf": letter_pdf, "docx": letter_docx}[fmt](letter)


def _names(version) -> dict[str, str]:
    stem = f"round{version.round_id}-v{version.number}"
    return {
        "letter_pdf": f"01-pacc-letter-{stem}.pdf",
        "letter_docx": f"01-pacc-letter-{stem}.docx",
        "summary_pdf": f"02-summary-{stem}.pdf",
        "summary_docx": f"02-summary-{stem}.docx",
        "annex_pdf": f"03-annex-units-{stem}.pdf",
    }


LABELS = {
    "letter_pdf": "หนังสือถึงสำนักงาน ป.ป.ท. (PDF)",
    "letter_docx": "หนังสือถึงสำนักงาน ป.ป.ท. (Word)",
    "summary_pdf": "รายงานสรุปผลการดำเนินงาน (PDF)",
    "summary_docx": "รายงานสรุปผลการดำเนินงาน (Word)",
    "annex_pdf": "ภาคผนวก แบบรายงานผลการดำเนินงานของหน่วยงาน (PDF)",
}


def manifest(version, dispatch, files: dict[str, tuple[str, bytes]]) -> dict:
    return {
        "round": {
            "id": version.round_id,
            "name": version.round.name,
            "fiscal_year": version.round.fiscal_year,
        },
        "agency": version.content.get("agency"),
        "version": version.number,
        "content_sha256": version.sha256,
        "approval": {
            "approved_by": version.approver_name,
            "position": version.approver_position,
            "approved_on": version.approved_on.isoformat() if version.approved_on else None,
            "comment": version.comment,
        }
        if version.approved
        else None,
        "letter": {
            "ref_no": dispatch.ref_no,
            "letter_date": dispatch.letter_date.isoformat() if dispatch.letter_date else None,
            "sent_on": dispatch.sent_on.isoformat() if dispatch.sent_on else None,
        }
        if dispatch is not None and dispatch.sent and dispatch.version_id == version.pk
        else None,
        "files": [
            {
                "name": name,
                "description": LABELS[key],
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            for key, (name, data) in files.items()
        ],
    }


def manifest_text(data: dict, thai_digits: bool) -> str:
    def t(value) -> str:
        return to_thai_digits(str(value)) if thai_digits else str(value)

    approval = data["approval"]
    lines = [
        "บัญชีเอกสารที่ส่งสำนักงาน ป.ป.ท.",
        f"ส่วนราชการ: {data['agency']}",
        t(f"รอบการรายงาน: {data['round']['name']} ปีงบประมาณ พ.ศ. {data['round']['fiscal_year']}"),
        t(f"ฉบับที่ {data['version']}") + f" · SHA-256 ของเนื้อหา {data['content_sha256']}",
        t(
            f"เห็นชอบโดย {approval['approved_by']} {approval['position']} เมื่อ "
            f"{format_be(datetime.date.fromisoformat(approval['approved_on']))}"
        )
        if approval
        else "ยังไม่ได้รับความเห็นชอบจากผู้บริหาร (ร่าง)",
    ]
    if data["letter"]:
        lines.append(
            t(
                f"หนังสือที่ {data['letter']['ref_no']} ส่งเมื่อ "
                f"{format_be(datetime.date.fromisoformat(data['letter']['sent_on']))}"
            )
        )
    lines.append("")
    lines.append("ไฟล์ (ชื่อ · ขนาด · SHA-256)")
    for number, item in enumerate(data["files"], start=1):
        lines.append(f"{t(number)}. {item['description']}")
        size = t(f"{item['bytes']:,}")
        lines.append(f"   {item['name']} · {size} ไบต์ · {item['sha256']}")
    return "\n".join(lines) + "\n"


def package_zip(version, dispatch) -> bytes:
    names = _names(version)
    files = {
        "letter_pdf": (names["letter_pdf"], letter_file(version, dispatch, "pdf")),
        "letter_docx": (names["letter_docx"], letter_file(version, dispatch, "docx")),
        "summary_pdf": (names["summary_pdf"], official.summary_pdf(version)),
        "summary_docx": (names["summary_docx"], official.summary_docx(version)),
        "annex_pdf": (names["annex_pdf"], official.annex_pdf(version)),
    }
    data = manifest(version, dispatch, files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.values():
            archive.writestr(name, content)
        archive.writestr("manifest.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("manifest.txt", manifest_text(data, version.content.get("thai_digits", False)))
    return buffer.getvalue()
