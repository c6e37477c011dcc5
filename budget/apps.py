from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = "การติดตามการเบิกจ่ายงบประมาณ"

    def ready(self) -> None:
        from accounts import policy
        from audit.labels import register_labels

        # A unit's rows are covered through the unit; the agency's records only by a role held at the agency.
        policy.register_model("budget.Disbursement", {"unit": "unit"})
        policy.register_model("budget.Allocation", {"unit": "unit"})
        for label in ("budget.BudgetLine", "budget.QuarterTarget", "budget.FollowUpMeeting",
                      "budget.MonitoringReview"):
            policy.register_model(label, {"unit": "agency"})
        policy.register_model("budget.BudgetPublication", {"unit": "agency", "agency": "agency"})
        policy.register_model("budget.MeetingMinutes", {"unit": "meeting__agency"})
        policy.register_model("budget.ReviewFile", {"unit": "review__agency"})
        register_labels(
            actions={
                "budget.line_save": "บันทึกรายการงบประมาณ",
                "budget.allocation_save": "บันทึกงบประมาณที่ได้รับจัดสรร",
                "budget.import": "นำเข้าผลการเบิกจ่ายรายเดือน",
                "budget.target_save": "บันทึกเป้าหมายการเบิกจ่ายรายไตรมาส",
                "budget.meeting_record": "บันทึกการประชุมติดตามการเบิกจ่าย",
                "budget.review_record": "บันทึกการทบทวนระบบติดตามการเบิกจ่าย",
                "budget.file_download": "ดาวน์โหลดไฟล์การติดตามงบประมาณ",
                "budget.publish": "เผยแพร่แผน/ผลการใช้จ่ายงบประมาณ",
                "budget.withdraw": "ยกเลิกการเผยแพร่แผน/ผลการใช้จ่ายงบประมาณ",
            },
            fields={
                "code": "รหัสงบ", "name": "ชื่อรายการ", "amount": "จำนวนเงิน", "month": "เดือน",
                "quarter": "ไตรมาส", "cumulative_percent": "เป้าหมายสะสม (ร้อยละ)", "held_on": "วันที่ประชุม",
                "title": "ชื่อการประชุม", "summary": "สรุปผล", "reviewed_on": "วันที่ทบทวน",
                "rows": "จำนวนแถว", "months": "เดือนที่นำเข้า", "replaced": "แถวเดิมที่แทนที่",
                "source_note": "ที่มาของเป้าหมาย", "report": "แผน/รายงาน",
                "allocated": "งบประมาณที่ได้รับจัดสรร", "disbursed": "เบิกจ่ายสะสม",
                "percent": "ร้อยละการเบิกจ่าย", "as_of": "ข้อมูล ณ วันที่", "withdraw_reason": "เหตุผลที่ยกเลิก",
            },
        )
