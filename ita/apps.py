from django.apps import AppConfig


class ItaConfig(AppConfig):
    name = "ita"
    verbose_name = "การประเมินคุณธรรมและความโปร่งใส (ITA)"

    def ready(self) -> None:
        from accounts import policy
        from audit.labels import register_labels

        policy.register_model("ita.ItaYear", {"agency": "agency", "root": "agency"})
        policy.register_model("ita.ItaItem", {"agency": "year__agency", "root": "year__agency"})
        policy.register_model("ita.ItemLink", {"agency": "item__year__agency", "root": "item__year__agency"})
        policy.register_model("ita.LinkSnapshot", {"agency": "agency", "root": "agency"})
        policy.register_model("ita.EvidenceTag", {"agency": "item__year__agency",
                                                  "root": "item__year__agency"})
        policy.register_model("ita.Submission", {"agency": "year__agency", "root": "year__agency"})
        register_labels(
            actions={
                "ita.catalogue_load": "นำเข้ารายการตรวจประเมิน ITA",
                "ita.item_save": "บันทึกรายการตรวจประเมิน ITA",
                "ita.calendar_save": "บันทึกปฏิทินการประเมิน ITA",
                "ita.evidence_tag": "ผูกหลักฐานกับรายการประเมิน",
                "ita.submission_save": "บันทึกบันทึกข้อความเสนอแบบ OIT",
                "ita.submission_approve": "ผู้บริหารให้ความเห็นชอบแบบ OIT",
            },
            fields={"fiscal_year": "ปีงบประมาณ", "code": "ข้อ", "text": "รายการ", "evidence": "หลักฐาน",
                    "owner": "ผู้รับผิดชอบ", "due_on": "กำหนดเสร็จ", "links": "ลิงก์",
                    "registration_on": "ลงทะเบียน", "oit_opens_on": "เริ่มตอบ OIT",
                    "oit_closes_on": "ปิดตอบ OIT", "clarification_on": "ชี้แจง", "results_on": "ประกาศผล",
                    "items": "จำนวนรายการ", "approved_by": "ผู้ให้ความเห็นชอบ", "approved_on": "วันที่เห็นชอบ",
                    "status": "สถานะ", "url": "ลิงก์", "subject": "เรื่อง"},
        )
