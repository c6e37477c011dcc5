from procurement.models.parties import (
    CompanyPerson,
    Official,
    OfficialEmployer,
    OfficialRelative,
    Relationship,
    Supplier,
)
from procurement.models.planning import (
    LeadTimeRule,
    PlanItem,
    ProcurementPlan,
    PublicationChannel,
    PublicationChannelFile,
    YearReview,
    YearReviewFile,
)
from procurement.models.projects import Bid, CommitteeMember, DocumentBuyer, ImportRun, Project, Release

__all__ = [
    "Bid", "CommitteeMember", "CompanyPerson", "DocumentBuyer", "ImportRun", "LeadTimeRule", "Official",
    "OfficialEmployer", "OfficialRelative", "PlanItem", "ProcurementPlan", "Project", "Relationship",
    "PublicationChannel", "PublicationChannelFile", "Release", "Supplier", "YearReview", "YearReviewFile",
]
