"""Open data: what we hold as OCDS (release package, record package, compiled releases) and as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

import orjson
from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from core.documents.xlsx import SafeCsvWriter
from procurement.models import Project, Release
from procurement.ocds import schema
from procurement.ocds.write import (
    iter_release_package,
    write_jsonl,
    write_record_package,
    write_release_package,
)

FORMATS = ("package", "record", "jsonl")
CHUNK = 500


def package_terms(projects: QuerySet[Project]):
    """The licence and publication policy of a package of `projects`: their agency's when they are all
    one agency's, else the deployment's (one agency's licence cannot speak for another's data)."""
    from org.selectors import agency_of, agency_open_data_terms, deployment_open_data_terms

    first = projects.select_related("unit").order_by("unit__path").first()
    if first is None:
        return deployment_open_data_terms()
    agency = agency_of(first.unit)
    if projects.exclude(unit__path__startswith=agency.path).exists():
        return deployment_open_data_terms()
    return agency_open_data_terms(agency)


def package_meta(projects: QuerySet[Project], *, path_name: str = "procurement:opendata_releases") -> dict:
    first = projects.select_related("unit").order_by("unit__path").first()
    publisher = "ระบบโปร่งใส"
    if first is not None:
        from org.selectors import agency_of

        publisher = agency_of(first.unit).name
    return {"uri": settings.SITE_URL.rstrip("/") + reverse(path_name), "publisher": {"name": publisher},
            **package_terms(projects).package_fields()}


def agency_package_meta(agency, *, uri: str) -> dict:
    """One agency's package: published by the agency itself, under its official name (and its website
    when it gave one), its licence and publication policy (its own, else the deployment's)."""
    from org.selectors import agency_open_data_terms, agency_profile

    profile = agency_profile(agency)
    publisher = {"name": profile.official_name or agency.name}
    if profile.website:
        publisher["uri"] = profile.website
    return {"uri": uri, "publisher": publisher, **agency_open_data_terms(agency).package_fields()}


def stream_release_package(projects: QuerySet[Project], meta: dict) -> Iterator[bytes]:
    """The release package of `projects`, piece by piece (one release in memory at a time). The queryset
    is read while the response is sent, so it must already be filtered."""
    return iter_release_package(_release_texts(projects), meta, uses_bids=_uses_bids(projects))


def _release_texts(projects: QuerySet[Project]) -> Iterator[str]:
    ids = list(projects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        yield from (Release.objects.filter(project_id__in=chunk).order_by("project_id", "seq", "id")
                    .values_list("json_text", flat=True).iterator(chunk_size=CHUNK))


def _compiled_texts(projects: QuerySet[Project]) -> Iterator[str]:
    yield from (projects.exclude(compiled_text="").order_by("id").values_list("compiled_text", flat=True)
                .iterator(chunk_size=CHUNK))


def _records(projects: QuerySet[Project]) -> Iterator[tuple[str, list[str], str]]:
    for project in projects.exclude(compiled_text="").order_by("id").iterator(chunk_size=CHUNK):
        texts = list(project.releases.order_by("seq", "id").values_list("json_text", flat=True))
        yield project.ocid, texts, project.compiled_text


def _uses_bids(projects: QuerySet[Project]) -> bool:
    return projects.filter(uses_bids=True).exists()


def export_ocds(fp: BinaryIO, projects: QuerySet[Project], fmt: str, meta: dict | None = None) -> int:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    meta = meta or package_meta(projects)
    if fmt == "package":
        return write_release_package(fp, _release_texts(projects), meta, uses_bids=_uses_bids(projects))
    if fmt == "record":
        return write_record_package(fp, _records(projects), meta, uses_bids=_uses_bids(projects))
    return write_jsonl(fp, _compiled_texts(projects))


def validate_output(data: bytes, fmt: str, limit: int = 20) -> list[str]:
    """Schema errors of an exported file (empty when valid)."""
    if fmt == "jsonl":
        problems = []
        for number, line in enumerate(data.splitlines(), start=1):
            if line.strip():
                problems += [f"บรรทัด {number}: {e}"
                             for e in schema.errors(orjson.loads(line), "release", limit)]
            if len(problems) >= limit:
                break
        return problems[:limit]
    name = "release-package" if fmt == "package" else "record-package"
    return schema.errors(orjson.loads(data), name, limit)


CSV_COLUMNS = [
    ("ocid", "ocid"), ("เลขที่โครงการ", "external_id"), ("ปีงบประมาณ", "fiscal_year"), ("หน่วยงาน", "unit"),
    ("ชื่อโครงการ", "title"), ("วิธีจัดซื้อจัดจ้าง", "method"), ("วงเงินงบประมาณ", "budget"),
    ("ราคากลาง", "reference_price"), ("วันที่ประกาศ", "announced_on"),
    ("วันสุดท้ายยื่นข้อเสนอ", "submission_deadline"),
    ("จำนวนผู้ซื้อเอกสาร", "document_buyers"), ("จำนวนผู้ยื่นข้อเสนอ", "bids"), ("ผู้ผ่านคุณสมบัติ", "qualified"),
    ("ผู้ได้รับการคัดเลือก", "winner"), ("ราคาที่ตกลง", "award_amount"), ("วันที่ประกาศผล", "awarded_on"),
    ("เหตุผลที่คัดเลือก", "award_reason"), ("เลขที่สัญญา", "contract_no"), ("วันที่ลงนามสัญญา", "contract_signed_on"),
    ("สถานะ", "status"), ("สกุลเงิน", "currency"),
]


def _csv_value(project: Project, key: str) -> str:
    if key == "unit":
        return project.unit.name
    if key == "method":
        return project.method_label
    if key == "document_buyers":
        return str(project.document_buyers.count())
    if key == "bids":
        return str(project.bids.count())
    if key == "qualified":
        return ", ".join(b.supplier.name for b in project.bids.all() if b.status == "valid")
    if key == "winner":
        return project.winner_names
    if key == "status":
        return project.get_status_display()
    value = getattr(project, key)
    return "" if value is None else str(value)


def export_csv(projects: QuerySet[Project]) -> bytes:
    """One row per project, UTF-8 with a byte-order mark so that Excel shows Thai correctly."""
    buffer = io.StringIO()
    writer = SafeCsvWriter(csv.writer(buffer))  # project titles and names must not run in Excel
    writer.writerow([label for label, _ in CSV_COLUMNS])
    for project in projects.select_related("unit").prefetch_related("bids__supplier").order_by("id"):
        writer.writerow([_csv_value(project, key) for _, key in CSV_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
