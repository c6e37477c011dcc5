from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "เว็บไซต์สาธารณะ"

    def ready(self) -> None:
        from accounts import policy
        from audit.labels import register_labels

        policy.register_model("portal.Page", {"unit": "agency"})
        policy.register_model("portal.PageFile", {"unit": "page__agency"})
        policy.register_model("portal.ResultPublication", {"unit": "agency"})
        register_labels(
            actions={
                "portal.page_create": "สร้างหน้าเว็บไซต์สาธารณะ",
                "portal.page_edit": "แก้ไขหน้าเว็บไซต์สาธารณะ",
                "portal.publish": "เผยแพร่หน้าเว็บไซต์สาธารณะ",
                "portal.unpublish": "ยกเลิกการเผยแพร่หน้าเว็บไซต์สาธารณะ",
                "portal.file_add": "แนบไฟล์ในหน้าเว็บไซต์สาธารณะ",
                "portal.file_remove": "นำไฟล์ออกจากหน้าเว็บไซต์สาธารณะ",
                "portal.results_publish": "เผยแพร่ผลการดำเนินงานตามแผน",
                "portal.results_unpublish": "ยกเลิกการเผยแพร่ผลการดำเนินงานตามแผน",
            },
            fields={
                "section": "หมวด", "title": "ชื่อเรื่อง", "body": "เนื้อหา", "event_date": "วันที่ของข่าว",
                "slug": "ที่อยู่เว็บ", "sort_order": "ลำดับ", "published_at": "เผยแพร่เมื่อ",
                "unpublished_at": "ยกเลิกการเผยแพร่เมื่อ", "unpublish_reason": "เหตุผลที่ยกเลิกการเผยแพร่",
                "state": "สถานะ", "version": "ฉบับที่",
            },
        )
