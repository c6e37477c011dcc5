"""Every write of the complaints app. Split by concern; import from here."""

from complaints.services.config import (
    category_save,
    holiday_delete,
    holiday_save,
    review_record,
    stage_save,
    standard_save,
    standards_ensure,
)
from complaints.services.identity import identity_reveal
from complaints.services.intake import AlreadyFiled, Receipt, case_submit, normalize_code
from complaints.services.lifecycle import (
    case_acknowledge,
    case_answer,
    case_assign,
    case_close,
    case_dismiss,
    case_forward,
    case_note,
    case_progress,
    case_rate,
    case_reopen,
    file_download,
)
from complaints.services.throttle import TooManyFilings
from complaints.services.timers import timer_fire, timers_fire_due
from complaints.services.tracking import (
    TooManyAttempts,
    case_find,
    citizen_add_info,
    citizen_rate,
    public_view,
)

__all__ = [
    "AlreadyFiled", "Receipt", "TooManyAttempts", "TooManyFilings", "case_acknowledge", "case_answer",
    "case_assign", "case_close",
    "case_dismiss",
    "case_find", "case_forward", "case_note", "case_progress", "case_rate", "case_reopen", "case_submit",
    "category_save", "citizen_add_info", "citizen_rate", "file_download", "holiday_delete", "holiday_save",
    "identity_reveal", "normalize_code", "public_view", "review_record", "stage_save", "standard_save",
    "standards_ensure", "timer_fire", "timers_fire_due",
]
