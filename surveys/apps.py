from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "แบบสำรวจความพึงพอใจ"

    def ready(self) -> None:
        from accounts import policy
        from audit.labels import register_labels

        policy.register_model("surveys.Survey", {"unit": "agency"})
        policy.register_model("surveys.Question", {"unit": "survey__agency"})
        register_labels(
            actions={
                "survey.save": "บันทึกแบบสำรวจ",
                "survey.question_save": "บันทึกคำถามแบบสำรวจ",
                "survey.invite": "ออกรหัสเชิญตอบแบบสำรวจ",
                "survey.export": "ส่งออกผลแบบสำรวจ",
                "survey.import": "นำเข้าคำตอบแบบสำรวจ",
            },
            fields={"key": "รหัสแบบสำรวจ", "title": "ชื่อแบบสำรวจ", "audience": "ผู้ตอบ",
                    "opens_on": "เปิดรับตั้งแต่", "closes_on": "ปิดรับเมื่อ", "text": "คำถาม", "kind": "ชนิด",
                    "order": "ลำดับ", "count": "จำนวน", "file": "แฟ้ม"},
        )
