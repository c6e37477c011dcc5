from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "เรื่องร้องเรียน"

    def ready(self) -> None:
        from accounts import policy
        from audit.labels import register_labels
        from complaints.selectors import holiday_overrides
        from core import workdays

        # The working-day calendar lives in the kernel (procurement counts days too); the table is ours.
        workdays.register_override_source(holiday_overrides)
        policy.register_model("complaints.Case", {"unit": "unit", "assigned": "assigned_units"})
        policy.register_model("complaints.ReviewRecord", {"unit": "agency"})
        policy.register_model("complaints.ReportIssue", {"unit": "agency"})
        policy.register_model("complaints.ReportIssueFile", {"unit": "issue__agency"})
        register_labels(
            actions={
                "complaint.receive": "รับเรื่องร้องเรียน",
                "complaint.acknowledge": "ตอบรับเรื่องร้องเรียน",
                "complaint.assign": "มอบหมายหน่วยงานรับผิดชอบ",
                "complaint.forward": "ส่งต่อเรื่องร้องเรียนไปหน่วยงานอื่น",
                "complaint.dismiss": "ยุติเรื่องโดยไม่รับพิจารณา",
                "complaint.progress": "บันทึกความคืบหน้าเรื่องร้องเรียน",
                "complaint.note": "บันทึกภายในเรื่องร้องเรียน",
                "complaint.answer": "แจ้งผลเรื่องร้องเรียน",
                "complaint.rate": "ประเมินความพึงพอใจ",
                "complaint.close": "ปิดเรื่องร้องเรียน",
                "complaint.reopen": "เปิดเรื่องร้องเรียนอีกครั้ง",
                "complaint.citizen_info": "ผู้ร้องส่งข้อมูลเพิ่มเติม",
                "complaint.identity_view": "เปิดดูข้อมูลผู้ร้อง",
                "complaint.file_download": "ดาวน์โหลดไฟล์หลักฐาน",
                "complaint.remind": "เตือนกำหนดเวลาเรื่องร้องเรียน",
                "complaint.escalate": "ยกระดับเรื่องเกินกำหนด",
                "complaint.config": "ตั้งค่าระบบร้องเรียน",
                "complaint.review": "บันทึกการทบทวนระบบร้องเรียน",
                "complaint.report_export": "ส่งออกรายงานเรื่องร้องเรียน",
                "complaint.report_issue": "บันทึกการเสนอรายงานเรื่องร้องเรียน",
                "complaint.keys_rotate": "เปลี่ยนกุญแจเข้ารหัสข้อมูลผู้ร้องและ SECRET_KEY",
            },
            fields={
                "number": "เลขที่เรื่อง", "channel": "ช่องทาง", "source": "ช่องทางที่รับ", "category": "ประเภท",
                "subject": "เรื่อง", "stage": "ขั้นตอนย่อย", "assigned_units": "หน่วยงานที่รับผิดชอบ",
                "acknowledge_due": "กำหนดตอบรับ", "answer_due": "กำหนดแจ้งผล", "outcome_reason": "เหตุผล",
                "forwarded_to": "ส่งต่อถึง", "duplicate_of": "ซ้ำกับเรื่อง", "has_identity": "มีข้อมูลผู้ร้อง",
                "score": "ระดับความพึงพอใจ", "receiving_unit": "หน่วยงานรับเรื่อง",
                "acknowledge_days": "ตอบรับภายใน (วันทำการ)", "answer_days": "แจ้งผลภายใน",
                "answer_day_kind": "นับเป็น", "remind_before_days": "เตือนก่อนครบกำหนด",
                "close_after_days": "ปิดเรื่องอัตโนมัติหลังแจ้งผล (วัน)", "effective_from": "ใช้ตั้งแต่",
                "effective_to": "ใช้ถึง", "is_day_off": "เป็นวันหยุด", "date": "วันที่", "sort_order": "ลำดับ",
                "fiscal_year": "ปีงบประมาณ", "reviewed_on": "วันที่ทบทวน", "reference": "อ้างอิง",
                "findings": "ผลการทบทวน", "changes": "การปรับปรุง", "legal_basis": "ฐานทางกฎหมาย",
                "verified": "ตรวจสอบแล้ว", "description": "คำอธิบาย", "kind": "ประเภท", "period_label": "งวด",
                "issued_on": "วันที่เสนอ", "recipient": "เสนอต่อ", "file": "ไฟล์",
            },
        )
