from django.apps import AppConfig


class InfocentreConfig(AppConfig):
    name = "infocentre"
    verbose_name = "ศูนย์ข้อมูลข่าวสารและการมีส่วนร่วม"

    def ready(self) -> None:
        from accounts import policy
        from audit.labels import register_labels

        policy.register_model("infocentre.Document",
                              {"unit": "unit", "root": "agency", "agency": "agency"})
        policy.register_model("infocentre.DocumentFile",
                              {"unit": "document__unit", "root": "document__agency",
                               "agency": "document__agency"})
        policy.register_model("infocentre.InfoRequest", {"unit": "unit", "agency": "agency"})
        policy.register_model("infocentre.LinkBack", {"unit": "unit"})
        policy.register_model("infocentre.DisclosureAnalysis", {"unit": "unit"})
        policy.register_model("infocentre.Consultation", {"unit": "unit"})
        policy.register_model("infocentre.Comment", {"unit": "consultation__unit"})
        register_labels(
            actions={
                "info.document_submit": "ส่งข้อมูลข่าวสารให้ ศสท.",
                "info.document_publish": "เผยแพร่ข้อมูลข่าวสาร",
                "info.document_return": "ส่งข้อมูลข่าวสารกลับให้แก้ไข",
                "info.linkback_save": "บันทึกลิงก์เชื่อมโยงของหน่วยงาน",
                "info.linkback_check": "ตรวจลิงก์เชื่อมโยงของหน่วยงาน",
                "info.analysis_save": "บันทึกผลวิเคราะห์ข้อมูลที่ต้องเปิดเผย",
                "inforequest.receive": "รับคำขอข้อมูลข่าวสาร",
                "inforequest.extend": "ขยายระยะเวลาตอบคำขอข้อมูลข่าวสาร",
                "inforequest.reply": "ตอบคำขอข้อมูลข่าวสาร",
                "inforequest.refuse": "ปฏิเสธการเปิดเผยข้อมูลข่าวสาร",
                "consultation.save": "บันทึกการรับฟังความคิดเห็น",
                "consultation.comment": "ประชาชนแสดงความคิดเห็น",
                "consultation.moderate": "ตรวจความคิดเห็น",
                "consultation.respond": "เผยแพร่คำชี้แจงต่อความคิดเห็น",
            },
            fields={"title": "ชื่อเรื่อง", "category": "หมวด", "status": "สถานะ", "url": "ที่อยู่",
                    "check_status": "ผลตรวจ", "due_on": "กำหนดตอบ", "refusal_ground": "เหตุที่ไม่เปิดเผย",
                    "state": "สถานะ", "moderation_reason": "เหตุผล", "theme": "ประเด็น",
                    "return_reason": "เหตุที่ส่งกลับ", "fiscal_year": "ปีงบประมาณ"},
        )
