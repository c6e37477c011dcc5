import datetime
from decimal import Decimal

import pytest

from accounts.models import Role
from org.models import Unit
from procurement.models import Bid
from procurement.services import parties, projects, tendering

D = Decimal
# Defaults of `recorded` (Decimals are immutable, so one shared instance each is safe).
_BUDGET = D("2000000")
_REFERENCE = D("1900000")
_BIDS = (("บริษัท หนึ่ง จำกัด", D("1850000")), ("บริษัท สอง จำกัด", D("1880000")))


@pytest.fixture
def finance(agency):
    return Unit.objects.get(code="cpd-finance")


@pytest.fixture
def officer(make_user):
    return make_user("buyer", "cpd-finance", (Role.PROCUREMENT_OFFICER, "cpd-finance"))


@pytest.fixture
def supplier_factory(officer):
    def make(name, juristic_id="", **kw):
        return parties.supplier_get_or_create(actor=officer, name=name, juristic_id=juristic_id, **kw)

    return make


@pytest.fixture
def announce():
    """Record a project of `unit` up to its announcement (e-bidding, 900,000 baht); returns the project."""

    def run(actor, unit, title):
        project = projects.project_create(actor=actor, unit=unit, title=title, fiscal_year=2568,
                                          method="e_bidding", budget=D("900000"))
        project = projects.project_set_reference(actor=actor, project=project, reference_price=D("880000"),
                                                 reference_source="4", reference_method="สืบราคาจากท้องตลาด")
        return projects.project_announce(actor=actor, project=project,
                                         announced_on=datetime.date(2024, 11, 1),
                                         submission_deadline=datetime.date(2024, 11, 20), criteria="price",
                                         announcement_no="1/2568")

    return run


@pytest.fixture
def recorded(officer, finance, supplier_factory):
    """Record a project up to the stage asked for; returns (project, bids by supplier name)."""

    def run(stage="award", *, method="e_bidding", budget=_BUDGET, reference=_REFERENCE, bids=_BIDS,
            announced=datetime.date(2024, 11, 1), deadline=datetime.date(2024, 11, 20), award=None, fy=2568):
        p = projects.project_create(actor=officer, unit=finance,
                                    title="จ้างเหมาบริการทำความสะอาดอาคารกรมส่งเสริมสหกรณ์",
                                    fiscal_year=fy, method=method, budget=budget)
        if stage == "draft":
            return p, {}
        p = projects.project_set_reference(actor=officer, project=p, reference_price=reference,
                                           reference_source="4", reference_method="สืบราคาจากท้องตลาด 3 ราย")
        if stage == "reference":
            return p, {}
        p = projects.project_announce(actor=officer, project=p, announced_on=announced,
                                      submission_deadline=deadline, criteria="price",
                                      announcement_no="1/2568")
        made = {}
        for name, amount in bids:
            supplier = parties.supplier_get_or_create(actor=officer, name=name)
            tendering.document_buyer_add(actor=officer, project=p, supplier=supplier)
            made[name] = tendering.bid_add(actor=officer, project=p, supplier=supplier, amount=amount)
        if stage == "announced":
            return p, made
        for bid in made.values():
            tendering.bid_evaluate(actor=officer, bid=bid, status=Bid.Status.VALID)
        p = tendering.project_publish_qualified(actor=officer, project=p,
                                                qualified_on=deadline + datetime.timedelta(1))
        if stage == "qualified":
            return p, made
        winner = min(made.values(), key=lambda b: b.amount)
        p = tendering.project_award(actor=officer, project=p, bid=winner,
                                    awarded_on=deadline + datetime.timedelta(5),
                                    amount=award or winner.amount, reason="เสนอราคาต่ำสุดและผ่านคุณสมบัติ")
        return p, made

    return run
