from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "รายงานผลการดำเนินงาน"

    def ready(self) -> None:
        from accounts import policy
        from audit.labels import register_labels

        report_units = {"unit": "unit", "host": "activity__host_units", "agency": "round__plan__agency"}
        policy.register_model("reports.Round", {"agency": "plan__agency"})
        policy.register_model("reports.Report", report_units)
        policy.register_model("reports.CompiledSummary", {"agency": "round__plan__agency"})
        policy.register_model("reports.CompiledVersion", {"agency": "round__plan__agency"})
        policy.register_model("reports.PaccDispatch", {"agency": "round__plan__agency"})
        policy.register_model("reports.Evidence", {k: f"report__{v}" for k, v in report_units.items()})
        policy.register_model(
            "reports.EvidenceRevision", {k: f"evidence__report__{v}" for k, v in report_units.items()}
        )
        register_labels(
            actions={
                "round.create": "สร้างรอบการรายงาน",
                "round.update": "แก้ไขรอบการรายงาน",
                "round.open": "เปิดรอบการรายงาน",
                "round.close": "ปิดรอบการรายงาน",
                "round.compile": "รวบรวมผลรอบการรายงาน",
                "round.summary": "แก้ไขบทสรุปผู้บริหาร",
                "round.version": "บันทึกฉบับของผลการรวบรวม",
                "round.approve": "ผู้บริหารให้ความเห็นชอบผลการรวบรวม",
                "round.letter": "จัดทำหนังสือถึงสำนักงาน ป.ป.ท.",
                "round.send": "บันทึกการส่งหนังสือถึงสำนักงาน ป.ป.ท.",
                "report.save": "บันทึกร่างรายงาน",
                "report.submit": "ส่งรายงาน",
                "report.endorse": "หัวหน้าหน่วยงานรับรองรายงาน",
                "report.return": "ส่งรายงานกลับแก้ไข",
                "report.accept": "รับรายงาน (ผ่านการตรวจ)",
                "report.lock": "ปิดรายงาน",
                "report.reopen": "เปิดรายงานให้แก้ไขอีกครั้ง",
                "report.indicator_override": "แก้ไขค่าตัวชี้วัดที่คำนวณจากระบบ",
                "report.relevance_claim": "แจ้งว่ากิจกรรมไม่เกี่ยวข้องกับหน่วยงาน",
                "report.relevance_decide": "พิจารณาการแจ้งว่ากิจกรรมไม่เกี่ยวข้องกับหน่วยงาน",
                "evidence.upload": "แนบไฟล์หลักฐาน",
                "evidence.revise": "แนบไฟล์หลักฐานฉบับใหม่",
                "evidence.remove": "นำไฟล์หลักฐานออก",
                "evidence.link": "เพิ่มลิงก์หลักฐาน",
                "evidence.unlink": "นำลิงก์หลักฐานออก",
            },
            fields={
                "as_of": "ข้อมูล ณ วันที่",
                "problems": "ปัญหาอุปสรรค",
                "suggestions": "ข้อเสนอแนะ",
                "rows": "แถวรายงาน",
                "indicators": "ผลตามตัวชี้วัด",
                "version": "ฉบับแก้ไข",
                "opens_on": "เปิดรับรายงานวันที่",
                "due_on": "กำหนดส่ง",
                "closes_on": "ปิดรับรายงานวันที่",
                "fiscal_year": "ปีงบประมาณ",
                "requires_endorsement": "ต้องผ่านหัวหน้าหน่วยงาน",
                "comments": "ความเห็น",
                "file": "ไฟล์",
                "sha256": "SHA-256",
                "url": "ลิงก์",
                "override_reason": "เหตุผลที่แก้ไขค่าที่คำนวณจากระบบ",
                "computed_value": "ค่าที่ระบบคำนวณได้",
                "reason": "เหตุผล",
                "computed": "ค่าที่ระบบคำนวณได้",
                "position": "ตำแหน่ง",
                "approved_on": "วันที่ให้ความเห็นชอบ",
                "comment": "ความเห็น",
                "reference": "อ้างถึง",
                "ref_no": "เลขที่หนังสือ",
                "letter_date": "ลงวันที่",
                "sent_on": "วันที่ส่ง",
            },
        )
