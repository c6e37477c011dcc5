"""The integrity registers, one module per register: campaign events and executives' reminders
(campaign.py), declarations of interest, gifts and the yearly report (coi.py), executives' issuances with
their reviews (issuances.py), discipline and investigation cases (discipline.py)."""

from integrity.models.campaign import CampaignEvent, CampaignEventFile, ExecutiveReminder, ReminderFile
from integrity.models.coi import (
    CoiYearReport,
    Declaration,
    DeclarationFile,
    GiftFile,
    GiftLimit,
    GiftRecord,
    NoGiftPolicy,
)
from integrity.models.discipline import DisciplineCase, DisciplineFile
from integrity.models.issuances import Issuance, IssuanceFile, IssuanceReview

__all__ = [
    "CampaignEvent",
    "CampaignEventFile",
    "ExecutiveReminder",
    "ReminderFile",
    "CoiYearReport",
    "Declaration",
    "DeclarationFile",
    "GiftFile",
    "GiftLimit",
    "GiftRecord",
    "NoGiftPolicy",
    "DisciplineCase",
    "DisciplineFile",
    "Issuance",
    "IssuanceFile",
    "IssuanceReview",
]
