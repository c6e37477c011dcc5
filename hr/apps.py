from django.apps import AppConfig


class HrConfig(AppConfig):
    name = "hr"
    verbose_name = "การบริหารงานบุคคล"

    def ready(self) -> None:
        from accounts import policy
        from audit.labels import register_labels

        policy.register_model("hr.CriteriaStep", {"agency": "agency"})
        policy.register_model("hr.CriteriaStepFile", {"agency": "step__agency"})
        policy.register_model("hr.JobLine", {"agency": "agency"})
        policy.register_model("hr.JobLineKpi", {"agency": "job_line__agency"})
        policy.register_model("hr.EvaluationRound", {"agency": "agency"})
        policy.register_model("hr.UnitCompletion", {"agency": "round__agency", "unit": "unit"})
        register_labels(
            actions={
                "hr.criteria_step": "บันทึกขั้นตอนการปรับปรุงหลักเกณฑ์การประเมินผล",
                "hr.job_line": "บันทึกสายงาน",
                "hr.job_line_kpi": "บันทึกตัวชี้วัดกลางของสายงาน",
                "hr.round_save": "บันทึกรอบการประเมินผลการปฏิบัติราชการ",
                "hr.round_complete": "ปิดรอบการประเมินผลการปฏิบัติราชการ",
                "hr.unit_complete": "บันทึกว่าหน่วยงานประเมินผลครบ",
                "hr.import": "นำเข้าข้อมูลการบริหารงานบุคคลจากแฟ้ม Excel",
            },
            fields={"fiscal_year": "ปีงบประมาณ", "step": "ขั้นที่", "done_on": "วันที่ดำเนินการ",
                    "reference": "อ้างอิง", "note": "หมายเหตุ", "name": "ชื่อสายงาน", "kind": "ประเภท",
                    "kpis": "ตัวชี้วัดกลาง", "set_on": "วันที่กำหนด", "number": "รอบ", "opens_on": "เริ่ม",
                    "closes_on": "กำหนดเสร็จ", "completed_on": "วันที่เสร็จ", "staff_count": "จำนวนบุคลากร",
                    "evaluated_count": "จำนวนที่ประเมินแล้ว", "file": "ไฟล์", "unit": "หน่วยงาน"},
        )
