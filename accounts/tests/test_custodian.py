"""Who may grant which role, and the four-eyes grant of the identity custodian."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts import grants, policy
from accounts.models import Role, RoleAssignment, RoleProposal
from accounts.services import (
    role_assign,
    role_proposal_confirm,
    role_proposal_reject,
    role_propose,
    role_revoke,
    user_create,
)
from audit.models import AuditEvent
from core.errors import ApplicationError
from org.models import Unit

pytestmark = pytest.mark.django_db
REASON = "แต่งตั้งตามคำสั่งกรมที่ 123/2568 ให้ดูแลข้อมูลผู้แจ้งเบาะแส"


def unit(code):
    return Unit.objects.get(code=code)


@pytest.fixture
def admin(make_user):
    return make_user("admin", "cpd-ict", (Role.SYSADMIN, "cpd"))


@pytest.fixture
def second_admin(make_user):
    return make_user("admin2", "cpd-ict", (Role.SYSADMIN, "cpd"))


@pytest.fixture
def keeper(make_user):
    """An identity custodian already in office."""
    return make_user("keeper", "cpd-slk", (Role.IDENTITY_CUSTODIAN, "cpd"))


@pytest.fixture
def clerk(make_user):
    return make_user("clerk", "cpd-slk")


@pytest.fixture
def province_admin(make_user):
    return make_user("admin.cm", "cpd-prov-13", (Role.SYSADMIN, "cpd-prov-13"))


def is_custodian(user):
    policy.forget(user)
    return Role.IDENTITY_CUSTODIAN in policy.roles_of(user)


def test_nobody_grants_a_role_to_themselves(admin, agency):
    for role in (Role.REPORTER, Role.AUDITOR, Role.SYSADMIN):
        with pytest.raises(ApplicationError, match="ให้ตนเอง"):
            role_assign(actor=admin, user=admin, role=role, unit=agency)
    with pytest.raises(ApplicationError, match="ให้ตนเอง"):
        role_propose(actor=admin, user=admin, role=Role.IDENTITY_CUSTODIAN, unit=agency, reason=REASON)
    assert not RoleProposal.objects.exists()
    assert set(admin.role_assignments.values_list("role", flat=True)) == {Role.SYSADMIN}


def test_custodian_is_never_granted_directly_by_a_person(admin, clerk, agency):
    with pytest.raises(ApplicationError, match="ยืนยัน"):
        role_assign(actor=admin, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency)
    assert not is_custodian(clerk)


def test_a_single_sysadmin_cannot_obtain_or_hand_out_the_role_alone(admin, clerk, agency):
    proposal = role_propose(actor=admin, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency, reason=REASON)
    with pytest.raises(PermissionDenied):
        role_proposal_confirm(actor=admin, proposal=proposal)
    # The grantee, even holding an administrator role of their own, cannot confirm either.
    role_assign(actor=admin, user=clerk, role=Role.SYSADMIN, unit=unit("cpd-slk"))
    with pytest.raises(PermissionDenied):
        role_proposal_confirm(actor=clerk, proposal=proposal)
    assert not is_custodian(clerk)
    proposal.refresh_from_db()
    assert proposal.status == RoleProposal.Status.PENDING


def test_a_second_account_made_by_the_proposer_is_not_a_second_person(admin, clerk, agency):
    """Creating a helper account, making it administrator and confirming through it does not work."""
    helper = user_create(actor=admin, username="helper", password=None, unit=unit("cpd-ict"))
    role_assign(actor=admin, user=helper, role=Role.SYSADMIN, unit=agency)
    proposal = role_propose(actor=admin, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency, reason=REASON)
    assert not grants.can_confirm(helper, proposal)
    with pytest.raises(PermissionDenied):
        role_proposal_confirm(actor=helper, proposal=proposal)
    # Nor can the administrator reach the role himself through his helper's proposal and a second helper.
    other = user_create(actor=helper, username="helper2", password=None, unit=unit("cpd-ict"))
    role_assign(actor=helper, user=other, role=Role.SYSADMIN, unit=agency)
    own = role_propose(actor=helper, user=admin, role=Role.IDENTITY_CUSTODIAN, unit=agency, reason=REASON)
    with pytest.raises(PermissionDenied):
        role_proposal_confirm(actor=other, proposal=own)
    assert not is_custodian(admin) and not is_custodian(clerk)


def test_second_administrator_confirms_custodians_are_told_and_all_is_audited(
        admin, second_admin, keeper, clerk, agency, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = role_propose(actor=admin, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency,
                                reason=REASON)
    told = sorted(m.to[0] for m in mail.outbox)
    assert told == sorted([keeper.email, admin.email, second_admin.email])
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert "เสนอแต่งตั้ง" in mail.outbox[0].subject and "clerk" in mail.outbox[0].body
    assert REASON in mail.outbox[0].body and "/accounts/role-proposals/" in mail.outbox[0].body
    assert not is_custodian(clerk)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assignment = role_proposal_confirm(actor=second_admin, proposal=proposal, note="ตรวจคำสั่งแล้ว")
    assert is_custodian(clerk) and assignment.granted_by == second_admin
    told = sorted(m.to[0] for m in mail.outbox)
    assert told == sorted([keeper.email, admin.email, second_admin.email, clerk.email])
    assert "ยืนยันแล้ว" in mail.outbox[0].body

    proposal.refresh_from_db()
    assert proposal.status == RoleProposal.Status.CONFIRMED and proposal.decided_by == second_admin
    events = AuditEvent.objects.filter(object_type="accounts.User", object_id=str(clerk.pk))
    propose = events.get(action="role.propose")
    assert propose.actor == admin and propose.new["status"] == "pending" and propose.new["reason"] == REASON
    confirm = events.get(action="role.proposal_confirmed")
    assert confirm.actor == second_admin
    assert confirm.old == {"status": "pending", "decided_by": None, "decision_note": ""}
    assert confirm.new["status"] == "confirmed" and confirm.new["decided_by"]["id"] == second_admin.pk
    assign = events.get(action="role.assign")
    assert assign.actor == second_admin and assign.new == {"role": "ผู้รักษาข้อมูลผู้ร้องเรียน",
                                                           "unit": agency.short_name}
    with pytest.raises(PermissionDenied):
        role_proposal_confirm(actor=keeper, proposal=proposal)  # decided once only


def test_an_existing_custodian_may_confirm(admin, keeper, clerk, agency):
    proposal = role_propose(actor=admin, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency, reason=REASON)
    role_proposal_confirm(actor=keeper, proposal=proposal)
    assert is_custodian(clerk)


def test_a_proposal_needs_a_reason_and_can_be_turned_down_or_withdrawn(admin, second_admin, clerk, agency):
    with pytest.raises(ApplicationError) as exc:
        role_propose(actor=admin, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency, reason="สั้น")
    assert exc.value.field == "reason"
    first = role_propose(actor=admin, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency, reason=REASON)
    with pytest.raises(ApplicationError):
        role_propose(actor=second_admin, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency, reason=REASON)
    with pytest.raises(PermissionDenied):
        role_proposal_reject(actor=clerk, proposal=first)
    assert role_proposal_reject(actor=second_admin, proposal=first, note="ไม่มีคำสั่ง").status == "rejected"
    again = role_propose(actor=admin, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency, reason=REASON)
    assert role_proposal_reject(actor=admin, proposal=again).status == "withdrawn"
    assert not is_custodian(clerk)
    assert AuditEvent.objects.filter(action__in=["role.proposal_rejected",
                                                 "role.proposal_withdrawn"]).count() == 2


def test_a_proposal_lapses_when_its_proposer_loses_the_role(admin, second_admin, clerk, agency):
    proposal = role_propose(actor=admin, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency, reason=REASON)
    role_revoke(actor=second_admin, assignment=admin.role_assignments.get(role=Role.SYSADMIN))
    with pytest.raises(ApplicationError):
        role_proposal_confirm(actor=second_admin, proposal=proposal)
    assert not is_custodian(clerk)


def test_provincial_sysadmin_grants_only_inside_the_province(province_admin, clerk, make_user, agency):
    staff = make_user("staff.cm", "cpd-prov-13")
    role_assign(actor=province_admin, user=staff, role=Role.REPORTER, unit=unit("cpd-prov-13"))
    for role, scope in [(Role.REPORTER, "cpd-prov-12"), (Role.PLAN_ADMIN, "cpd"), (Role.EXECUTIVE, "cpd"),
                        (Role.AUDITOR, "cpd"), (Role.SYSADMIN, "cpd"), (Role.PLAN_ADMIN, "cpd-psdg")]:
        with pytest.raises(ApplicationError) as exc:
            role_assign(actor=province_admin, user=staff, role=role, unit=unit(scope))
        assert exc.value.field == "unit"
    with pytest.raises(ApplicationError):
        role_propose(actor=province_admin, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency,
                     reason=REASON)
    assert set(staff.role_assignments.values_list("role", "unit__code")) == {(Role.REPORTER, "cpd-prov-13")}
    assert set(grants.grantable_units(province_admin).values_list("code", flat=True)) == {"cpd-prov-13"}


def test_provincial_sysadmin_neither_confirms_above_nor_revokes_outside_the_province(
        admin, province_admin, clerk, make_user, agency):
    proposal = role_propose(actor=admin, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency, reason=REASON)
    with pytest.raises(PermissionDenied):
        role_proposal_confirm(actor=province_admin, proposal=proposal)
    boss = make_user("boss.cm", "cpd-prov-13", (Role.EXECUTIVE, "cpd"))
    with pytest.raises(PermissionDenied):
        role_revoke(actor=province_admin, assignment=boss.role_assignments.get())
    assert boss.role_assignments.exists()


def test_superuser_grants_ordinary_roles_but_never_confirms_a_custodian(admin, clerk, agency):
    root = user_create(actor=None, username="root", password=None, unit=agency)
    root.is_superuser = True
    root.save()
    role_assign(actor=root, user=clerk, role=Role.AUDITOR, unit=agency)
    proposal = role_propose(actor=admin, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency, reason=REASON)
    with pytest.raises(PermissionDenied):
        role_proposal_confirm(actor=root, proposal=proposal)
    with pytest.raises(ApplicationError):
        role_assign(actor=root, user=root, role=Role.IDENTITY_CUSTODIAN, unit=agency)
    assert not is_custodian(clerk)


def test_system_grants_from_code_still_work(agency, clerk):
    """Demo data and loaders pass actor=None; no view can."""
    role_assign(actor=None, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency)
    assert is_custodian(clerk)
    assert RoleAssignment.objects.get(user=clerk).granted_by is None


# ------------------------------------------------------------------ identity reveal


@pytest.fixture
def confidential_case(agency):
    from complaints.crypto import Identity
    from complaints.models import Channel
    from complaints.services import case_submit

    identity = Identity(name="นายลับ เฉพาะ", phone="0890000000", email="secret@example.test", address="ที่อยู่ลับ")
    return case_submit(agency=agency, channel=Channel.CORRUPTION, subject="เบาะแส",
                       details="รายละเอียดการทุจริต", identity=identity, files=()).case


def test_reveal_needs_a_reason_and_is_audited(keeper, confidential_case):
    from complaints.services import identity_reveal

    with pytest.raises(ApplicationError):
        identity_reveal(actor=keeper, case=confidential_case, reason="")
    assert identity_reveal(actor=keeper, case=confidential_case,
                           reason="ศาลมีหมายเรียกพยานบุคคล").name == "นายลับ เฉพาะ"
    event = AuditEvent.objects.get(action="complaint.identity_view")
    assert event.actor == keeper and "หมายเรียก" in event.note and "นายลับ" not in event.note


def test_superuser_without_the_custodian_role_cannot_reveal(agency, confidential_case, make_user):
    from complaints.services import identity_reveal

    root = make_user("root", "cpd-ict")
    root.is_superuser = True
    root.save()
    with pytest.raises(PermissionDenied):
        identity_reveal(actor=root, case=confidential_case, reason="ขอดูเพื่อทดสอบระบบเท่านั้น")
    assert not AuditEvent.objects.filter(action="complaint.identity_view").exists()
    assert root.is_superuser  # the check set the flag aside on a copy only


# ------------------------------------------------------------------ pages


def test_user_page_shows_pending_proposals_with_buttons_only_for_eligible_people(
        client, login, admin, second_admin, clerk, agency):
    login("admin")
    response = client.post(reverse("accounts:user_detail", args=[clerk.pk]),
                           {"role": Role.IDENTITY_CUSTODIAN, "unit": agency.pk, "reason": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "อย่างน้อย 10 ตัวอักษร" in page
    response = client.post(reverse("accounts:user_detail", args=[clerk.pk]),
                           {"role": Role.IDENTITY_CUSTODIAN, "unit": agency.pk, "reason": REASON})
    assert response.status_code == 302
    proposal = RoleProposal.objects.get()
    page = client.get(reverse("accounts:users")).content.decode()
    assert f'id="proposal-{proposal.pk}"' in page and "ถอนข้อเสนอ" in page
    assert 'value="confirm"' not in page and "ผู้เสนอไม่สามารถยืนยัน" in page
    # A forged confirmation by the proposer is refused by the service the button stands for.
    forged = client.post(reverse("accounts:proposal_decide", args=[proposal.pk]), {"decision": "confirm"})
    assert forged.status_code == 403 and not is_custodian(clerk)

    login("admin2")
    page = client.get(reverse("accounts:users")).content.decode()
    assert 'value="confirm"' in page and "ยืนยันการแต่งตั้ง" in page
    response = client.post(reverse("accounts:proposal_decide", args=[proposal.pk]),
                           {"decision": "confirm", "note": "", "next": reverse("accounts:users")})
    assert response.status_code == 302 and response.url == reverse("accounts:users")
    assert is_custodian(clerk)


def test_custodians_decide_on_their_own_page(client, login, admin, keeper, clerk, agency):
    proposal = role_propose(actor=admin, user=clerk, role=Role.IDENTITY_CUSTODIAN, unit=agency, reason=REASON)
    login("keeper")
    page = client.get(reverse("accounts:proposals")).content.decode()
    assert 'value="confirm"' in page and "บัญชีสร้างโดย" in page
    login("clerk")
    page = client.get(reverse("accounts:proposals")).content.decode()
    assert f'id="proposal-{proposal.pk}"' not in page and "ไม่มีข้อเสนอ" in page
    assert client.post(reverse("accounts:proposal_decide", args=[proposal.pk]),
                       {"decision": "confirm"}).status_code == 403
    assert not is_custodian(clerk)


def test_self_grant_on_the_page_keeps_the_form(client, login, admin, agency):
    login("admin")
    response = client.post(reverse("accounts:user_detail", args=[admin.pk]),
                           {"role": Role.AUDITOR, "unit": agency.pk, "reason": ""})
    assert response.status_code == 200 and "ให้ตนเอง" in response.content.decode()
    assert not admin.role_assignments.filter(role=Role.AUDITOR).exists()


def test_demo_accounts_still_include_a_working_custodian(agency, settings, tmp_path):
    from site_shell.demo import load_demo_accounts

    settings.DATA_DIR = tmp_path
    created = {username for username, _, _ in load_demo_accounts(agency)}
    assert {"admin", "custodian"} <= created
    custodian = RoleAssignment.objects.get(user__username="custodian")
    assert custodian.role == Role.IDENTITY_CUSTODIAN and custodian.unit == agency
    assert custodian.granted_by is None


def test_superuser_case_page_offers_no_identity_form(client, agency, confidential_case, make_user, login):
    """The page asks the same guard as the service: a superuser without the role sees no reveal form."""
    from accounts.services import role_assign

    root = make_user("root", "cpd-ict")
    role_assign(actor=None, user=root, role=Role.COMPLAINT_OFFICER, unit=agency)
    root.is_superuser = True
    root.save()
    login("root")
    page = client.get(reverse("complaints:detail", args=[confidential_case.pk]))
    assert page.status_code == 200
    assert reverse("complaints:identity", args=[confidential_case.pk]) not in page.content.decode()
