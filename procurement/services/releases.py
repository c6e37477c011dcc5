"""Keeping a project's OCDS record in step with its fields: one generated release per recorded step."""

from __future__ import annotations

import hashlib

import orjson
from django.db.models import Max

from procurement.models import Project, Release
from procurement.ocds.build import compiled_from_release, now_instant, release_from_project
from procurement.ocds.extract import uses_bids
from procurement.search import index_text


def json_bytes(data: dict) -> bytes:
    return orjson.dumps(data)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def project_index(project: Project, *extra: str) -> str:
    return index_text(project.title, project.description, project.winner_names, project.method_label,
                      project.unit.name if project.unit_id else "", *extra)


def release_record(project: Project, *, tag: str) -> Release:
    """Append a generated release carrying the project's current state, and refresh the compiled release."""
    seq = (project.releases.aggregate(m=Max("seq"))["m"] or 0) + 1
    date = now_instant()
    release_id = f"{project.ocid}-{seq:04d}-{tag}"
    data = release_from_project(project, tag=tag, release_id=release_id, date=date)
    text = json_bytes(data)
    release = Release.objects.create(project=project, release_id=release_id, date=date, tag=[tag],
                                     json_text=text.decode(), sha256=sha256(text), generated=True, seq=seq)
    compiled = compiled_from_release(data)
    suppliers = " ".join(p.get("name") or "" for p in data.get("parties", [])[1:])
    project.compiled_text = json_bytes(compiled).decode()
    project.uses_bids = uses_bids(compiled)
    project.release_count = seq
    project.search_text = project_index(project, suppliers)
    Project.objects.filter(pk=project.pk).update(compiled_text=project.compiled_text,
                                                 uses_bids=project.uses_bids,
                                                 release_count=project.release_count,
                                                 search_text=project.search_text)
    return release
