"""Progress stages and service standards are each agency's own: a new agency starts from a copy of the
defaults, an agency's change shows on its pages and in its manual only, and a case never takes another
agency's stage. The holiday overrides stay one national table."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEvent
from complaints import services
from complaints.forms import ProgressForm
from complaints.manual import build as manual_build
from complaints.models import Channel, HolidayOverride, ProgressStage, ServiceStandard
from complaints.services.config import DEFAULT_STAGES
from core.errors import ApplicationError
from org.models import Unit
from site_shell.demo import load_second_agency

pytestmark = pytest.mark.django_db

B_STAGE = "ส่งสำนักงานตรวจบัญชีสหกรณ์พื้นที่ตรวจสอบ"


@pytest.fixture
def two(agency):
    services.standards_ensure(agency=agency)
    cad, _, _ = load_second_agency()
    return agency, cad


def test_a_new_agency_gets_its_own_copy_of_the_default_stages_and_standards(two):
    cpd, cad = two
    names = [name for name, _ in DEFAULT_STAGES]
    assert list(ProgressStage.objects.filter(agency=cad).values_list("name", flat=True)) == names
    assert list(ProgressStage.objects.filter(agency=cpd).values_list("name", flat=True)) == names
    assert not set(ProgressStage.objects.filter(agency=cad)) & set(ProgressStage.objects.filter(agency=cpd))
    standards = ServiceStandard.objects.filter(agency=cad)
    assert sorted(s.channel for s in standards) == sorted(Channel.values)
    assert all(s.receiving_unit.path.startswith(cad.path) for s in standards)


def test_b_own_stage_shows_in_b_manual_and_settings_never_in_a(two, make_user, client):
    cpd, cad = two
    b_admin = make_user("cfg.cad", "cpd", (Role.SYSADMIN, None))
    b_admin.unit = cad
    b_admin.save(update_fields=["unit"])
    from accounts.services import role_assign

    role_assign(actor=None, user=b_admin, role=Role.SYSADMIN, unit=cad)
    stage = services.stage_save(actor=b_admin, agency=cad, name=B_STAGE, sort_order=9)
    assert stage.agency == cad
    event = AuditEvent.objects.filter(action="complaint.config", object_id=str(stage.pk)).get()
    assert event.old is None and event.new["name"] == B_STAGE and event.unit_id == cad.pk
    assert B_STAGE in [name for name, _ in manual_build(cad).stages]
    assert B_STAGE not in [name for name, _ in manual_build(cpd).stages]
    assert B_STAGE in client.get("/a/cad/complaints/public/manual/").content.decode()
    assert B_STAGE not in client.get("/complaints/public/manual/").content.decode()
    client.force_login(b_admin)
    assert B_STAGE in client.get(reverse("complaints:settings")).content.decode()
    a_admin = make_user("cfg.cpd", "cpd-ict", (Role.SYSADMIN, "cpd"))
    client.force_login(a_admin)
    assert B_STAGE not in client.get(reverse("complaints:settings")).content.decode()
    # A's administrator cannot open or rename B's stage, by the page or the service.
    assert client.get(reverse("complaints:stage_edit", args=[stage.pk])).status_code == 404
    with pytest.raises(ApplicationError):
        services.stage_save(actor=a_admin, agency=cpd, stage=stage, name="เปลี่ยนชื่อ")
    # The same name is free in each agency.
    assert services.stage_save(actor=a_admin, agency=cpd, name=B_STAGE).agency == cpd


def test_a_case_offers_and_takes_only_its_agency_stages(two, submit, officer, handler, client):
    cpd, cad = two
    b_stage = services.stage_save(actor=None, agency=cad, name=B_STAGE)
    form = ProgressForm(agency=cpd)
    assert set(form.fields["stage"].queryset) == set(ProgressStage.objects.filter(agency=cpd, is_active=True))
    assert b_stage in ProgressForm(agency=cad).fields["stage"].queryset
    case = submit().case
    services.case_assign(actor=officer, case=case, lead=Unit.objects.get(code="cpd-prov-13"))
    client.force_login(handler)
    page = client.get(reverse("complaints:action", args=[case.pk, "progress"])).content.decode()
    assert DEFAULT_STAGES[0][0] in page and B_STAGE not in page
    with pytest.raises(ApplicationError):
        services.case_progress(actor=handler, case=case, stage=b_stage, note="บันทึกความคืบหน้า")
    own = ProgressStage.objects.filter(agency=cpd).first()
    services.case_progress(actor=handler, case=case, stage=own, note="บันทึกความคืบหน้า")
    case.refresh_from_db()
    assert case.stage == own


def test_b_service_standard_shows_in_b_manual_never_in_a(two):
    cpd, cad = two
    standard = ServiceStandard.objects.get(agency=cad, channel=Channel.SERVICE)
    services.standard_save(actor=None, agency=cad, standard=ServiceStandard.objects.get(pk=standard.pk),
                           answer_days=27)
    event = (AuditEvent.objects.filter(action="complaint.config", object_id=str(standard.pk))
             .order_by("id").last())
    assert event.old["answer_days"] == 15 and event.new["answer_days"] == 27
    b_rule = next(r for r in manual_build(cad).rules if r.channel == Channel.SERVICE)
    a_rule = next(r for r in manual_build(cpd).rules if r.channel == Channel.SERVICE)
    assert b_rule.standard.answer_days == 27 and a_rule.standard.answer_days == 15


def test_holiday_overrides_stay_one_national_table(two):
    cpd, cad = two
    assert not any(f.name == "agency" for f in HolidayOverride._meta.get_fields())
    services.holiday_save(actor=None, agency=cad, date=dt.date(2026, 12, 30), name="วันหยุดพิเศษ")
    from core.workdays import is_working_day

    assert not is_working_day(dt.date(2026, 12, 30))  # for every agency: one calendar


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_stages_to_the_first_agency_and_copies_to_the_others():
    executor = MigrationExecutor(connection)
    before, after = [("complaints", "0006_stage_agency")], [("complaints", "0008_stage_agency_required")]
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Unit = apps.get_model("org", "Unit")
    Stage = apps.get_model("complaints", "ProgressStage")
    first = Unit.objects.create(code="m-a", name="กรมแรก", kind="agency", path="/000001/")
    second = Unit.objects.create(code="m-b", name="กรมที่สอง", kind="agency", path="/000002/")
    old = Stage.objects.create(name="ขั้นตอนเดิม", description="คำอธิบาย", sort_order=3)
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    Stage = apps.get_model("complaints", "ProgressStage")
    assert Stage.objects.get(pk=old.pk).agency_id == first.pk
    copy = Stage.objects.get(agency_id=second.pk)
    assert (copy.name, copy.description, copy.sort_order) == ("ขั้นตอนเดิม", "คำอธิบาย", 3)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
