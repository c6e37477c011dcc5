from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "integrity"
    verbose_name = "ผลประโยชน์ทับซ้อน ของขวัญ และวินัย"

    def ready(self) -> None:
        from accounts import policy
        from audit.labels import register_labels

        for label in (
            "CampaignEvent",
            "ExecutiveReminder",
            "Declaration",
            "GiftRecord",
            "Issuance",
            "DisciplineCase",
        ):
            policy.register_model(f"integrity.{label}", {"unit": "unit"})
        for label in ("NoGiftPolicy", "CoiYearReport", "GiftLimit"):
            policy.register_model(f"integrity.{label}", {"unit": "agency", "agency": "agency"})
        register_labels(
            actions={
                "integrity.event_record": "บันทึกกิจกรรมรณรงค์ผลประโยชน์ทับซ้อน",
                "integrity.event_import": "นำเข้ากิจกรรมรณรงค์จากไฟล์",
                "integrity.reminder_record": "บันทึกการกำชับในที่ประชุมผู้บริหาร",
                "integrity.reminder_import": "นำเข้าการกำชับในที่ประชุมผู้บริหารจากไฟล์",
                "integrity.declaration_record": "บันทึกการแจ้งส่วนได้เสีย",
                "integrity.declaration_decide": "บันทึกผลการพิจารณาการแจ้งส่วนได้เสีย",
                "integrity.declaration_import": "นำเข้าการแจ้งส่วนได้เสียจากไฟล์",
                "integrity.declaration_read": "เปิดดูการแจ้งส่วนได้เสีย",
                "integrity.gift_record": "บันทึกทะเบียนการรับของขวัญ",
                "integrity.gift_import": "นำเข้าทะเบียนการรับของขวัญจากไฟล์",
                "integrity.gift_limit": "กำหนดเกณฑ์มูลค่าของขวัญ",
                "integrity.no_gift_policy": "บันทึกประกาศนโยบายไม่รับของขวัญ",
                "integrity.coi_report_generate": "จัดทำรายงานสรุปผลตามระเบียบผลประโยชน์ทับซ้อน",
                "integrity.coi_report_present": "บันทึกการเสนอรายงานต่อผู้บริหาร",
                "integrity.issuance_record": "บันทึกการออกกฎ ประกาศ นโยบาย หรือโครงการของผู้บริหาร",
                "integrity.issuance_import": "นำเข้าการออกกฎของผู้บริหารจากไฟล์",
                "integrity.issuance_review": "ตรวจการออกกฎของผู้บริหาร",
                "integrity.issuance_escalate": "ส่งเรื่องการออกกฎที่พบประเด็นถึงผู้บริหารสูงสุดและผู้ตรวจสอบภายใน",
                "integrity.case_record": "บันทึกเรื่องวินัยและการสอบสวน",
                "integrity.case_update": "ปรับขั้นตอนเรื่องวินัย",
                "integrity.case_from_complaint": "รับเรื่องร้องเรียนการทุจริตเป็นเรื่องวินัย",
                "integrity.case_import": "นำเข้าเรื่องวินัยจากไฟล์",
                "integrity.case_read": "เปิดดูเรื่องวินัย",
                "integrity.file_add": "แนบไฟล์ในทะเบียน",
                "integrity.file_download": "ดาวน์โหลดไฟล์ในทะเบียน",
            },
            fields={
                "held_on": "วันที่จัด",
                "audience": "กลุ่มเป้าหมาย",
                "attendance": "จำนวนผู้เข้าร่วม",
                "material": "สื่อที่ใช้",
                "meeting": "การประชุม",
                "met_on": "วันที่ประชุม",
                "agenda_item": "วาระ",
                "executive": "ผู้บริหารที่กำชับ",
                "minutes": "สาระในรายงานการประชุม",
                "declared_on": "วันที่แจ้ง",
                "has_interest": "มีส่วนได้เสีย",
                "decision": "ผลการพิจารณา",
                "received_on": "วันที่ได้รับ",
                "giver": "ผู้ให้",
                "value": "มูลค่า",
                "handling": "การดำเนินการ",
                "within_limit": "อยู่ในเกณฑ์",
                "issuer_name": "ผู้บริหารที่ออก",
                "issued_on": "วันที่ออก",
                "verdict": "ผลการตรวจ",
                "opened_on": "วันที่เริ่ม",
                "legal_basis": "ฐานความผิด",
                "completed_on": "วันที่แล้วเสร็จ",
                "presented_on": "วันที่เสนอผู้บริหาร",
                "rows": "จำนวนแถว",
            },
        )
