"""Writes of the reporting loop. Every function is keyword-only, atomic, checks the policy and audits."""

from reports.services.attachments import (
    evidence_add,
    evidence_remove,
    evidence_revise,
    link_add,
    link_check,
    link_remove,
)
from reports.services.compiled_pdf import compiled_pdf_refresh, compiled_pdf_request
from reports.services.rounds import (
    default_round_specs,
    round_close,
    round_create,
    round_create_defaults,
    round_open,
    round_sync_slots,
    round_update,
)
from reports.services.stash import stash_discard, stash_for, stash_save
from reports.services.summary import round_compile, summary_update
from reports.services.workflow import (
    report_accept,
    report_endorse,
    report_lock,
    report_reopen,
    report_return,
    report_save_draft,
    report_submit,
)

__all__ = [
    "compiled_pdf_refresh",
    "compiled_pdf_request",
    "default_round_specs",
    "evidence_add",
    "evidence_remove",
    "evidence_revise",
    "link_add",
    "link_check",
    "link_remove",
    "report_accept",
    "report_endorse",
    "report_lock",
    "report_reopen",
    "report_return",
    "report_save_draft",
    "report_submit",
    "round_close",
    "round_compile",
    "round_create",
    "round_create_defaults",
    "round_open",
    "round_sync_slots",
    "round_update",
    "stash_discard",
    "stash_for",
    "stash_save",
    "summary_update",
]
