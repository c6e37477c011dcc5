import pytest

from procurement import demo
from procurement.flags import project_flags
from procurement.leadtime import check_project
from procurement.models import ProcurementPlan, Project, Relationship

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_a_flag_a_late_announcement_and_ties(agency, plan, make_user, client):
    from accounts.models import Role

    # As site_shell.demo creates it: the role held over the whole department.
    officer = make_user("procurement", "cpd-finance", (Role.PROCUREMENT_OFFICER, None))
    message = demo.load(agency=agency, plan=plan)
    # last year's and this year's projects, and three awarded in 2560, the demo reporting round's year
    assert "10 โครงการ" in message
    assert demo.load(agency=agency, plan=plan) == "" and Project.objects.count() == 10
    assert Project.objects.filter(fiscal_year=demo.ROUND_FY, status__in=["awarded", "contracted"]).count() \
        == 3
    methods = set(Project.objects.values_list("method", flat=True))
    assert {"e_bidding", "e_market", "selection", "specific"} <= methods
    flagged = Project.objects.get(title=demo.MARKER)
    assert "TH01" in {f.id for f in project_flags(flagged)}
    late = Project.objects.get(title__startswith="จ้างปรับปรุงถนน")
    assert check_project(late).ok is False
    assert ProcurementPlan.objects.filter(status="published").count() == 3
    assert Relationship.objects.filter(status="pending").count() == 1
    assert Relationship.objects.filter(status="exact").count() == 2
    # the officer sees, on the project, that the evaluation chair's spouse directs the winner
    client.force_login(officer)
    page = client.get(f"/procurement/{flagged.pk}/").content.decode()
    ties = page[page.index('id="ties-h"'):page.index('id="ocds-h"')]
    assert "นางสมศรี รักงาน (คู่สมรส)" in ties and "เป็นกรรมการในโครงการนี้" in ties
    public = client.get(f"/procurement/public/projects/{flagged.pk}/").content.decode()
    assert "นายสมชาย ใจดี" in public  # the reference-price committee is disclosed with the reference price
    assert "นายวิชัย รักงาน" not in public  # the evaluation committee and the ties stay internal
