from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "registers"
    verbose_name = "ทะเบียนคู่มือ ควบคุมภายใน การสื่อสาร และสถานที่ทำงานน่าอยู่"

    def ready(self) -> None:
        from accounts import policy
        from audit.labels import register_labels

        for label, fields in {
            "registers.Process": {"unit": "unit"},
            "registers.ManualVersion": {"unit": "process__unit"},
            "registers.ManualReview": {"unit": "process__unit"},
            "registers.ComplianceReport": {"unit": "unit"},
            # A round belongs to the department: its unit is the agency root (department-wide power only).
            "registers.IcRound": {"agency": "agency", "unit": "agency"},
            "registers.IcSubmission": {"unit": "unit"},
            "registers.WorkplaceAssessment": {"unit": "unit"},
            "registers.WorkplaceAward": {"unit": "assessment__unit"},
            "registers.PublicityEntry": {"unit": "unit"},
        }.items():
            policy.register_model(label, fields)
        register_labels(
            actions={
                "registers.process_save": "บันทึกกระบวนงาน",
                "registers.version_save": "บันทึกฉบับของคู่มือ/มาตรฐาน",
                "registers.version_publish": "เผยแพร่คู่มือ/มาตรฐานต่อสาธารณะ",
                "registers.review_save": "บันทึกการทบทวนคู่มือ/มาตรฐาน",
                "registers.compliance_save": "บันทึกรายงานผลการปฏิบัติงานตามคู่มือ",
                "registers.icround_save": "บันทึกรอบรายงานการควบคุมภายใน",
                "registers.icsubmission_save": "บันทึกการส่งรายงานการควบคุมภายใน",
                "registers.workplace_save": "บันทึกผลการประเมินสถานที่ทำงานน่าอยู่",
                "registers.award_save": "บันทึกรางวัลสถานที่ทำงานน่าอยู่",
                "registers.publicity_save": "บันทึกการเผยแพร่ประชาสัมพันธ์",
                "registers.file_add": "แนบไฟล์ในทะเบียน",
                "registers.import": "นำเข้าทะเบียนจากแฟ้ม Excel",
            },
            fields={
                "name": "ชื่อ", "kind": "ประเภท", "facilitation_act": "ตาม พ.ร.บ.อำนวยความสะดวก",
                "document_type": "ประเภทเอกสาร", "version": "ฉบับที่", "title": "ชื่อเรื่อง",
                "effective_on": "วันที่ประกาศใช้", "is_published": "เผยแพร่", "reviewed_on": "วันที่ทบทวน",
                "reviewer": "ผู้ทบทวน", "reviewer_position": "ตำแหน่งผู้ทบทวน", "outcome": "ผลการทบทวน",
                "findings": "สรุปผลการทบทวน", "reported_on": "วันที่รายงาน", "summary": "สรุปผล",
                "as_of": "ข้อมูล ณ วันที่", "due_on": "กำหนดส่ง", "submitted_on": "วันที่ส่ง",
                "document_no": "เลขที่หนังสือ", "assessed_on": "วันที่ประเมิน", "clean": "สะอาด",
                "safe": "ปลอดภัย", "environment": "สิ่งแวดล้อมดี", "lively": "มีชีวิตชีวา",
                "assessor": "ผู้ประเมิน", "level": "ระดับ", "awarded_by": "ผู้มอบ", "awarded_on": "วันที่ได้รับ",
                "channel": "ช่องทาง", "channel_other": "ช่องทางอื่น", "published_on": "วันที่เผยแพร่",
                "link": "ลิงก์", "file": "ไฟล์", "rows": "จำนวนแถว",
            },
        )
