from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "การแสดงเจตจำนงและการรับทราบ"

    def ready(self) -> None:
        from accounts import policy
        from audit.labels import register_labels

        policy.register_model("campaigns.Campaign", {"agency": "agency"})
        policy.register_model("campaigns.StaffMember", {"unit": "unit", "agency": "agency"})
        policy.register_model("campaigns.Acknowledgement", {"unit": "unit", "agency": "campaign__agency"})
        policy.register_model("campaigns.CampaignFile", {"unit": "unit", "agency": "campaign__agency"})
        register_labels(
            actions={
                "campaign.create": "เปิดการรณรงค์แสดงเจตจำนงหรือรับทราบ",
                "campaign.acknowledge": "แสดงเจตจำนงหรือรับทราบผ่านลิงก์ส่วนตัว",
                "campaign.paper_sheet": "บันทึกแบบลงนามกระดาษ",
                "campaign.unit_acknowledge": "หน่วยงานบันทึกการรับทราบหรือการติดประกาศ",
                "campaign.remind": "ส่งอีเมลเตือนผู้ที่ยังไม่แสดงเจตจำนง",
                "campaign.file_download": "ดาวน์โหลดไฟล์ของการรณรงค์",
                "roster.import": "นำเข้าบัญชีรายชื่อบุคลากร",
            },
            fields={
                # Generic names (title, kind, file…) are labelled by the apps that own them already.
                "campaign": "การรณรงค์", "staff": "รายชื่อ", "how": "วิธี", "round": "รอบการเตือน",
                "effective": "มีผลตั้งแต่", "left": "พ้นจากบัญชี", "names_left": "ผู้พ้นจากบัญชี",
                "already": "บันทึกไว้ก่อนแล้ว",
            },
        )
