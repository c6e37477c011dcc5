from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = "การจัดซื้อจัดจ้าง"

    def ready(self):
        from accounts import policy
        from audit.labels import register_labels

        for label, fields in {
            "procurement.Project": {"unit": "unit"},
            "procurement.Bid": {"unit": "project__unit"},
            "procurement.DocumentBuyer": {"unit": "project__unit"},
            "procurement.CommitteeMember": {"unit": "project__unit"},
            "procurement.Release": {"unit": "project__unit"},
            "procurement.Official": {"unit": "unit"},
            "procurement.Relationship": {"unit": "official__unit"},
            "procurement.ProcurementPlan": {"unit": "unit"},
            "procurement.PlanItem": {"unit": "plan__unit"},
            "procurement.YearReview": {"unit": "unit"},
            "procurement.YearReviewFile": {"unit": "review__unit"},
            "procurement.PublicationChannel": {"unit": "plan__unit"},
            "procurement.PublicationChannelFile": {"unit": "channel__plan__unit"},
            "procurement.ImportRun": {"unit": "unit"},
        }.items():
            policy.register_model(label, fields)
        register_labels(actions=ACTION_LABELS, fields=FIELD_LABELS)


ACTION_LABELS = {
    "procurement.create": "บันทึกโครงการจัดซื้อจัดจ้าง", "procurement.update": "แก้ไขข้อมูลโครงการ",
    "procurement.reference": "กำหนดราคากลาง", "procurement.committee_add": "แต่งตั้งกรรมการ",
    "procurement.committee_remove": "ถอนกรรมการ", "procurement.announce": "ประกาศเชิญชวน",
    "procurement.document_buyer": "บันทึกผู้ซื้อหรือรับเอกสาร", "procurement.bid_add": "บันทึกข้อเสนอ",
    "procurement.bid_evaluate": "พิจารณาคุณสมบัติผู้ยื่นข้อเสนอ",
    "procurement.qualified": "ประกาศรายชื่อผู้มีคุณสมบัติ", "procurement.award": "ประกาศผลผู้ได้รับการคัดเลือก",
    "procurement.contract": "บันทึกการลงนามสัญญา", "procurement.complete": "บันทึกการส่งมอบงาน",
    "procurement.cancel": "ยกเลิกโครงการ", "procurement.supplier_create": "เพิ่มผู้ประกอบการ",
    "procurement.supplier_update": "แก้ไขผู้ประกอบการ", "procurement.official_create": "เพิ่มเจ้าหน้าที่ที่เกี่ยวข้อง",
    "procurement.official_update": "แก้ไขเจ้าหน้าที่ที่เกี่ยวข้อง",
    "procurement.official_declare": "บันทึกข้อมูลญาติและนายจ้างเดิม",
    "procurement.relationships_refresh": "ตรวจหาความสัมพันธ์กับผู้เสนองาน",
    "procurement.relationship_decide": "พิจารณาความสัมพันธ์ที่ชื่อใกล้เคียง",
    "procurement.plan_create": "สร้างแผนการจัดซื้อจัดจ้าง", "procurement.plan_item_add": "เพิ่มรายการในแผนจัดซื้อจัดจ้าง",
    "procurement.plan_item_update": "แก้ไขรายการในแผนจัดซื้อจัดจ้าง",
    "procurement.plan_item_delete": "ลบรายการในแผนจัดซื้อจัดจ้าง",
    "procurement.plan_publish": "เผยแพร่แผนจัดซื้อจัดจ้าง",
    "procurement.review_save": "บันทึกการวิเคราะห์ผลการจัดซื้อจัดจ้าง",
    "procurement.review_present": "บันทึกการเสนอผลการวิเคราะห์ต่อผู้บริหาร",
    "procurement.channel_add": "บันทึกช่องทางเผยแพร่ข้อมูลจัดซื้อจัดจ้าง",
    "procurement.channel_delete": "ลบช่องทางเผยแพร่ข้อมูลจัดซื้อจัดจ้าง",
    "procurement.leadtime_rule": "บันทึกเกณฑ์ระยะเวลาประกาศ", "procurement.ocds_import": "นำเข้าข้อมูล OCDS",
    "procurement.ocds_import_failed": "นำเข้าข้อมูล OCDS ไม่สำเร็จ",
    "procurement.egp_import": "นำเข้าโครงการจากไฟล์ e-GP",
    "procurement.egp_import_failed": "นำเข้าโครงการจากไฟล์ e-GP ไม่สำเร็จ",
    "procurement.registry_import": "นำเข้าข้อมูลนิติบุคคล",
    "procurement.registry_import_failed": "นำเข้าข้อมูลนิติบุคคลไม่สำเร็จ",
}

FIELD_LABELS = {
    "description": "รายละเอียด", "fiscal_year": "ปีงบประมาณ", "category": "ประเภท", "method": "วิธีจัดซื้อจัดจ้าง",
    "method_rationale": "เหตุผลที่ใช้วิธีนี้", "budget": "วงเงินงบประมาณ", "budget_source": "แหล่งเงิน",
    "reference_price": "ราคากลาง", "reference_source": "ที่มาของราคากลาง",
    "reference_method": "วิธีการคำนวณราคากลาง", "reference_date": "วันที่กำหนดราคากลาง",
    "criteria": "หลักเกณฑ์การพิจารณา", "criteria_detail": "รายละเอียดหลักเกณฑ์",
    "announcement_no": "เลขที่ประกาศ", "announced_on": "วันที่ประกาศเชิญชวน",
    "submission_deadline": "วันสุดท้ายของการยื่นข้อเสนอ", "qualified_on": "วันที่ประกาศรายชื่อผู้มีคุณสมบัติ",
    "awarded_on": "วันที่ประกาศผล", "award_amount": "ราคาที่ตกลงซื้อหรือจ้าง", "award_reason": "เหตุผลที่คัดเลือก",
    "winner": "ผู้ได้รับการคัดเลือก", "contract_no": "เลขที่สัญญา", "contract_signed_on": "วันที่ลงนามสัญญา",
    "contract_amount": "มูลค่าสัญญา", "completed_on": "วันที่ส่งมอบงาน", "cancel_reason": "เหตุผลที่ยกเลิก",
    "plan_item": "รายการในแผน", "published_at": "เผยแพร่เมื่อ", "supplier": "ผู้ประกอบการ", "amount": "จำนวนเงิน",
    "submitted_on": "วันที่ยื่นข้อเสนอ", "status_reason": "เหตุผล", "juristic_id": "เลขทะเบียนนิติบุคคล",
    "address": "ที่อยู่", "phone": "โทรศัพท์", "declared_on": "วันที่แจ้งข้อมูล", "relatives": "ญาติ",
    "employers": "นายจ้างเดิม", "decision_note": "หมายเหตุการพิจารณา", "risks": "การวิเคราะห์ความเสี่ยง",
    "obstacles": "ปัญหาอุปสรรค", "savings": "การประหยัดงบประมาณ", "recommendations": "ข้อเสนอแนะ",
    "planned_month": "เดือนที่คาดว่าจะประกาศ", "min_amount": "วงเงินเกินกว่า", "max_amount": "วงเงินไม่เกิน",
    "min_days": "ระยะเวลาขั้นต่ำ", "day_kind": "นับเป็น", "legal_basis": "อ้างอิงกฎหมาย", "effective_from": "ใช้ตั้งแต่",
    "effective_to": "ใช้ถึง", "committee": "คณะกรรมการ", "official": "เจ้าหน้าที่", "created": "สร้างใหม่",
    "updated": "ปรับปรุง", "errors": "ข้อผิดพลาด", "presented_on": "วันที่เสนอผู้บริหาร",
    "presented_to": "เสนอต่อ", "kind": "ช่องทาง", "name": "ชื่อช่องทาง", "url": "ลิงก์", "published_on": "วันที่เผยแพร่",
    "file": "ไฟล์",
}
