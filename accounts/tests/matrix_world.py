"""The matrix's data set: one object of each kind in one unit, and every role held at that unit, a child,
a sibling and the agency root (see test_policy_matrix)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role

D = Decimal
PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

# Where the objects live, and where roles are held relative to it.
OWN, CHILD, SIBLING, ROOT = "cpd-hr", "cpd-hr-discipline", "cpd-prov-13", "cpd"
PLACEMENTS = {"own": OWN, "child": CHILD, "sibling": SIBLING, "root": ROOT}


def build_world(agency):
    from accounts.services import role_assign, user_create
    from complaints import services as complaints
    from complaints.crypto import Identity
    from complaints.files import read_upload
    from complaints.models import Channel, ServiceStandard
    from org.models import Unit
    from plans.models import Activity, Indicator, Measure, Plan
    from plans.models import Policy as PlanPolicy
    from procurement.models import CompanyPerson, ImportRun, LeadTimeRule, Relationship
    from procurement.services import parties, planning, projects, tendering
    from procurement.services.relationships import relationships_refresh
    from reports import services as reports
    from reports.models import Report

    units = {code: Unit.objects.get(code=code) for code in (OWN, CHILD, SIBLING, ROOT, "cpd-psdg")}
    own = units[OWN]

    people = {}
    for placement, code in PLACEMENTS.items():
        for role in Role.values:
            user = user_create(actor=None, username=f"{role}.{placement}", password=None, unit=units[code],
                               first_name=role, email=f"{role}.{placement}@example.test")
            role_assign(actor=None, user=user, role=role, unit=units[code])
            people[(role, placement)] = user
    people[("none", "own")] = user_create(actor=None, username="nobody", password=None, unit=own)
    reporter = people[(Role.REPORTER, "own")]

    plan = Plan.objects.create(agency=agency, title="แผนทดสอบสิทธิ์", period_start=2560, period_end=2575,
                               status=Plan.Status.APPROVED)
    policy_ = PlanPolicy.objects.create(plan=plan, number=1, title="นโยบายด้านความโปร่งใส")
    measure = Measure.objects.create(policy=policy_, number="๑.๑)", code="1.1", sort_key="001.001",
                                     text="มาตรการ")
    activity = Activity.objects.create(measure=measure, key="m-1", sort_order=0, title="ทบทวนกระบวนงาน",
                                       text="ทบทวนกระบวนงาน",
                                       implementing_rule=Activity.ImplementingRule.UNITS)
    activity.host_units.set([units["cpd-psdg"]])
    activity.implementing_units.set([own, units[CHILD], units[SIBLING]])
    indicator = Indicator.objects.create(activity=activity, sort_order=0, text="อย่างน้อย ๑ กระบวนงาน",
                                         kind=Indicator.Kind.COUNT, comparison=">=", value=D(1),
                                         unit_label="กระบวนงาน", scope=Indicator.Scope.PER_UNIT)

    round_ = reports.round_create(actor=None, plan=plan, fiscal_year=2560, name="รอบทดสอบ", kind="progress",
                                  opens_on=datetime.date(2017, 3, 1), due_on=datetime.date(2017, 4, 4))
    round_ = reports.round_open(actor=None, round_=round_)
    report = Report.objects.get(round=round_, unit=own, activity=activity)
    report = reports.report_save_draft(
        actor=reporter, report=report, version=report.version, as_of=datetime.date(2017, 3, 31), problems="",
        suggestions="", indicator_results=None,
        rows=[{"method": "ประชุมชี้แจง", "period_text": "มี.ค. 2560", "result": "ทบทวนแล้ว",
               "evidence_note": "-"}])
    evidence = reports.evidence_add(actor=reporter, report=report, title="หลักฐาน", row=report.rows.get(),
                                    uploaded=SimpleUploadedFile("e.pdf", PDF_BYTES, "application/pdf"))
    sibling_report = Report.objects.get(round=round_, unit=units[SIBLING], activity=activity)
    sib_rep = people[(Role.REPORTER, "sibling")]
    sibling_report = reports.report_save_draft(
        actor=sib_rep, report=sibling_report, version=sibling_report.version,
        as_of=datetime.date(2017, 3, 31), problems="", suggestions="", indicator_results=None,
        rows=[{"method": "จัดทำคู่มือ", "period_text": "มี.ค. 2560", "result": "แล้วเสร็จ", "evidence_note": "-"}])
    reports.report_submit(actor=sib_rep, report=sibling_report)
    reports.round_compile(actor=None, round_=round_)

    project = projects.project_create(actor=None, unit=own, title="จ้างทำความสะอาดอาคาร", fiscal_year=2568,
                                      method="e_bidding", budget=D("2000000"))
    project = projects.project_set_reference(actor=None, project=project, reference_price=D("1900000"),
                                             reference_source="4", reference_method="สืบราคาจากท้องตลาด")
    official = parties.official_create(actor=None, unit=own, name="นายสมชาย ใจดี")
    member = projects.committee_member_add(actor=None, project=project, committee="evaluation",
                                           official=official)
    project = projects.project_announce(actor=None, project=project, announced_on=datetime.date(2024, 11, 1),
                                        submission_deadline=datetime.date(2024, 11, 20), criteria="price",
                                        announcement_no="1/2568")
    supplier = parties.supplier_get_or_create(actor=None, name="บริษัท หนึ่ง จำกัด")
    tendering.document_buyer_add(actor=None, project=project, supplier=supplier)
    bid = tendering.bid_add(actor=None, project=project, supplier=supplier, amount=D("1850000"))
    CompanyPerson.objects.create(supplier=supplier, name="นายสมชัย ใจดี", name_key="สมชัย ใจดี", role="director")
    relationships_refresh(actor=None)
    pplan = planning.plan_create(actor=None, unit=own, fiscal_year=2568)
    item = planning.plan_item_add(actor=None, plan=pplan, title="ซื้อวัสดุ", budget=D("100000"),
                                  method="specific", planned_month=2, category="goods")
    run = ImportRun.objects.create(kind=ImportRun.Kind.EGP_CSV, unit=own, filenames="egp.csv", ok=True)

    complaints.standards_ensure(agency=agency)
    pdf = read_upload(SimpleUploadedFile("c.pdf", PDF_BYTES, "application/pdf"))
    receipt = complaints.case_submit(agency=agency, channel=Channel.SERVICE, subject="บริการล่าช้า",
                                     details="รอการจดทะเบียนนานเกินกำหนด", unit=own, files=[pdf],
                                     identity=Identity(name="นายทดสอบ", phone="0890000000", email="",
                                                       address=""))
    case = receipt.case if hasattr(receipt, "case") else None
    from complaints.models import Case

    case = case or Case.objects.latest("id")
    world = {
        "agency": agency, "unit": own, "user": reporter, "assignment": reporter.role_assignments.get(),
        "plan": plan, "activity": activity, "indicator": indicator, "round": round_, "report": report,
        "revision": evidence.revisions.get(),
        "project": project, "member": member, "bid": bid, "official": official, "supplier": supplier,
        "relationship": Relationship.objects.get(official=official), "pplan": pplan, "item": item, "run": run,
        "rule": LeadTimeRule.objects.order_by("id").first(),
        "case": case, "attachment": case.attachments.first(),
        "standard": ServiceStandard.objects.filter(agency=agency).first(),
        "category": complaints.category_save(actor=None, agency=agency, channel=Channel.SERVICE,
                                             name="ทดสอบ"),
        "stage": complaints.stage_save(actor=None, agency=agency, name="ขั้นทดสอบ"),
        "holiday": complaints.holiday_save(actor=None, agency=agency, date=datetime.date(2030, 1, 2),
                                           name="ทดสอบ"),
        "record": complaints.review_record(actor=None, agency=agency, fiscal_year=2568,
                                           reviewed_on=datetime.date(2025, 1, 10), findings="ทบทวนแล้ว"),
    }
    # procurement 1.2 ๑, ๔–๕: the analysis presented to the executive, a channel the plan went out through
    from procurement.services import disclosure

    review = planning.review_save(actor=None, unit=own, fiscal_year=2567, risks="ความเสี่ยง")
    review = disclosure.review_present(actor=None, review=review, presented_on=datetime.date(2025, 1, 10),
                                       presented_to="อธิบดี",
                                       file=SimpleUploadedFile("m.pdf", PDF_BYTES, "application/pdf"))
    channel = disclosure.channel_add(actor=None, plan=pplan, kind="board",
                                     published_on=datetime.date(2025, 1, 10),
                                     file=SimpleUploadedFile("b.pdf", PDF_BYTES, "application/pdf"))
    world.update({"review": review, "review_file": review.files.get(), "channel": channel,
                  "channel_file": channel.files.get()})
    # complaints 1.4.3: a monthly report recorded as sent, its file frozen
    from complaints.services.issues import report_issue

    issue = report_issue(actor=None, agency=agency, kind="monthly", period={"year": 2568, "month": 1},
                         issued_on=datetime.date(2025, 2, 5), recipient="อธิบดี")
    world.update({"issue": issue, "issue_file": issue.files.get()})
    # hr: a criteria step with its document, a job line, an evaluation round
    from hr import services as hr

    hr_step = hr.criteria_step_save(actor=None, agency=agency, fiscal_year=2568, step=1,
                                    done_on=datetime.date(2024, 10, 5),
                                    file=SimpleUploadedFile("h.pdf", PDF_BYTES, "application/pdf"))
    world.update({"hr_step": hr_step, "hr_step_file": hr_step.files.get(),
                  "job_line": hr.job_line_save(actor=None, agency=agency, name="นักวิชาการสหกรณ์", kind="core"),
                  "hr_round": hr.round_save(actor=None, agency=agency, fiscal_year=2568, number=1,
                                            closes_on=datetime.date(2025, 3, 31))})
    # budget monitoring and surveys
    from budget import services as budget
    from surveys import services as surveys

    meeting = budget.meeting_record(actor=None, agency=agency, fiscal_year=2568, month=1,
                                    held_on=datetime.date(2024, 11, 5), title="ประชุมติดตาม",
                                    files=[SimpleUploadedFile("bm.pdf", PDF_BYTES, "application/pdf")])
    bg_review = budget.review_record(actor=None, agency=agency, reviewed_on=datetime.date(2025, 1, 10),
                                     summary="ทบทวนแล้ว",
                                     files=[SimpleUploadedFile("br.pdf", PDF_BYTES, "application/pdf")])
    survey = surveys.survey_save(actor=None, agency=agency, key="website", title="ความพึงพอใจเว็บไซต์",
                                 audience="public", fiscal_year=2568, opens_on=datetime.date(2024, 10, 1),
                                 closes_on=datetime.date(2099, 9, 30), questions=[("ข้อมูลครบถ้วน", "likert5")])
    bg_line = budget.line_save(actor=None, agency=agency, fiscal_year=2568, code="P1", name="แผนงานพื้นฐาน")
    budget.allocation_save(actor=None, line=bg_line, unit=own, amount=D("500000"))
    world.update({"bg_meeting": meeting, "bg_minutes": meeting.files.get(), "bg_review": bg_review,
                  "bg_review_file": bg_review.files.get(), "survey": survey,
                  "bg_publication": budget.budget_publish(actor=None, agency=agency, fiscal_year=2568,
                                                          kind="plan")})
    # campaigns: a staff pledge with one paper sheet of the own unit
    from campaigns.models import StaffMember
    from campaigns.services import campaign_create, paper_sheet_record

    campaign = campaign_create(actor=None, agency=agency, kind="staff_pledge", title="แสดงเจตจำนง",
                               text="ซื่อตรงต่อหน้าที่", fiscal_year=2568, opens_on=datetime.date(2024, 10, 1),
                               closes_on=datetime.date(2099, 9, 30))
    signer = StaffMember.objects.create(agency=agency, unit=own, code="m-1", first_name="สมชาย",
                                        last_name="ใจดี", active_from=datetime.date(2024, 10, 1))
    sheet_ack = paper_sheet_record(actor=None, campaign=campaign, unit=own, staff_ids=[signer.pk],
                                   uploaded=SimpleUploadedFile("s.pdf", PDF_BYTES, "application/pdf"))[0]
    world.update({"campaign": campaign, "campaign_file": sheet_ack.file})
    # registers (issue 12): a published manual with its review, a compliance report, an internal control
    # round with the own unit's report, an assessment with an award, a publicity entry; each with a file
    from registers.services import icontrol as reg_ic
    from registers.services import manuals as reg_manuals
    from registers.services import publicity as reg_publicity
    from registers.services import workplace as reg_workplace

    def reg_pdf(name):
        return SimpleUploadedFile(name, PDF_BYTES, "application/pdf")

    reg_process = reg_manuals.process_save(actor=None, unit=own, name="การสรรหาบุคลากร")
    reg_version = reg_manuals.version_save(actor=None, process=reg_process, document_type="manual",
                                           number="1",
                                           title="คู่มือการสรรหา", effective_on=datetime.date(2024, 10, 1),
                                           is_published=True, files=[reg_pdf("m.pdf")])
    reg_manuals.review_save(actor=None, process=reg_process, reviewed_on=datetime.date(2025, 1, 5),
                            reviewer="ผอ.กกจ.", version=reg_version)
    reg_compliance = reg_manuals.compliance_save(actor=None, unit=own, reported_on=datetime.date(2025, 3, 1),
                                                 title="รายงานผลตามคู่มือ", summary="ปฏิบัติตามคู่มือ",
                                                 files=[reg_pdf("c.pdf")])
    reg_round = reg_ic.round_save(actor=None, agency=agency, fiscal_year=2568, number=1,
                                  as_of=datetime.date(2025, 3, 31), due_on=datetime.date(2025, 4, 30))
    reg_submission = reg_ic.submission_save(actor=None, round_=reg_round, unit=own,
                                            submitted_on=datetime.date(2025, 4, 20), files=[reg_pdf("i.pdf")])
    reg_assessment = reg_workplace.assessment_save(actor=None, unit=own,
                                                   assessed_on=datetime.date(2025, 6, 1),
                                                   assessor="คณะกรรมการ",
                                                   clean=True, safe=True, environment=True, lively=True,
                                                   files=[reg_pdf("w.pdf")])
    reg_workplace.award_save(actor=None, assessment=reg_assessment, name="รางวัลสถานที่ทำงานน่าอยู่",
                             awarded_on=datetime.date(2025, 8, 1))
    reg_entry = reg_publicity.entry_save(actor=None, unit=own, channel="board",
                                         published_on=datetime.date(2025, 1, 9), title="บอร์ดต่อต้านทุจริต",
                                         files=[reg_pdf("p.pdf")])
    world.update({"reg_process": reg_process, "reg_version": reg_version,
                  "reg_manual_file": reg_version.files.get(), "reg_compliance": reg_compliance,
                  "reg_compliance_file": reg_compliance.files.get(), "reg_round": reg_round,
                  "reg_submission": reg_submission, "reg_ic_file": reg_submission.files.get(),
                  "reg_assessment": reg_assessment, "reg_workplace_file": reg_assessment.files.get(),
                  "reg_entry": reg_entry, "reg_publicity_file": reg_entry.files.get()})
    # integrity (issue 12): one record of each register in the own unit, each with a file; the declarant is
    # nobody of the matrix (the policy alone decides who else reads it); the yearly report of FY 2560
    from integrity.services import campaign as ig_campaign
    from integrity.services import coi as ig_coi
    from integrity.services import discipline as ig_discipline
    from integrity.services import issuances as ig_issuances

    def ig_pdf():
        return [SimpleUploadedFile("ig.pdf", PDF_BYTES, "application/pdf")]

    ig_declarant = user_create(actor=None, username="ig.declarant", password=None, unit=own)
    ig = {
        "ig_event": ig_campaign.event_record(actor=None, unit=own, held_on=datetime.date(2025, 3, 1),
                                             title="รณรงค์", audience="บุคลากร", attendance=10, files=ig_pdf()),
        "ig_reminder": ig_campaign.reminder_record(actor=None, unit=own, meeting="ประชุมผู้บริหาร",
                                                   met_on=datetime.date(2025, 1, 5), agenda_item="1",
                                                   executive="อธิบดี", minutes="กำชับ", files=ig_pdf()),
        "ig_gift": ig_coi.gift_record(actor=None, unit=own, recipient="ผู้รับ",
                                      received_on=datetime.date(2025, 1, 2), giver="ผู้ให้",
                                      giver_kind="general", description="ของขวัญ", value=100,
                                      handling="received", files=ig_pdf()),
        "ig_declaration": ig_coi.declaration_record(actor=None, declarant=ig_declarant, fiscal_year=2568,
                                                    declared_on=datetime.date(2024, 11, 1), occasion="annual",
                                                    has_interest=False, files=ig_pdf()),
        "ig_issuance": ig_issuances.issuance_record(actor=None, unit=own, issuer_name="ผู้บริหาร",
                                                    issuer_position="ผอ.", kind="announcement",
                                                    title="ประกาศ", issued_on=datetime.date(2025, 1, 3),
                                                    files=ig_pdf()),
        "ig_case": ig_discipline.case_record(actor=None, unit=own, number="ทดสอบ-1",
                                             opened_on=datetime.date(2025, 1, 4), subject="เรื่องทดสอบ",
                                             files=ig_pdf()),
    }
    ig.update({f"{key}_file": record.files.get() for key, record in list(ig.items())})
    ig_coi.coi_report_generate(actor=None, agency=agency, fiscal_year=2560)
    world.update(ig)
    # portal: a published page with a file, a news item, and a round's publication made directly (compiling
    # a round is not what the matrix checks)
    from django.utils import timezone

    from portal import services as portal
    from portal.models import ResultPublication

    portal_page = portal.page_create(actor=None, agency=agency, section="duties", slug="matrix-duties",
                                     title="อำนาจหน้าที่")
    portal.page_publish(actor=None, page=portal_page)
    world["portal_page"] = portal_page
    world["portal_page_file"] = portal.page_file_add(
        actor=None, page=portal_page, uploaded=SimpleUploadedFile("law.pdf", PDF_BYTES, "application/pdf"))
    world["portal_news"] = portal.page_create(actor=None, agency=agency, section="news", slug="matrix-news",
                                              title="ข่าว", event_date=datetime.date(2025, 1, 6))
    portal.page_publish(actor=None, page=world["portal_news"])
    world["portal_result"] = ResultPublication.objects.create(
        round=world["round"], agency=agency, title="ผล", published_at=timezone.now())
    # ita: a year with one item, a stored snapshot and a submission
    from django.core.files.base import ContentFile

    from ita import services as ita_services
    from ita.models import LinkSnapshot as ItaSnapshot

    ita_year = ita_services.catalogue_load(actor=None, agency=agency, fiscal_year=2570,
                                           content="items:\n  - {code: O1, text: โครงสร้าง}\n")
    ita_snapshot = ItaSnapshot(agency=agency, url="https://example.org/", checked_at=timezone.now(),
                               status="ok",
                               http_status=200, content_type="text/html", size=5, sha256="0" * 64)
    ita_snapshot.file.save("snapshot", ContentFile(b"<p>x</p>"), save=False)
    ita_snapshot.save()
    world.update({"ita_year": ita_year, "ita_item": ita_year.items.get(), "ita_snapshot": ita_snapshot,
                  "ita_submission": ita_services.submission_save(actor=None, year=ita_year)})
    # approval and documents: the round compiled once, so its documents exist (a version to approve)
    from reports.services import round_compile

    round_compile(actor=None, round_=world["round"])
    return world, people
