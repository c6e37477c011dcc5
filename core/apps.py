from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "ระบบกลาง"

    def ready(self) -> None:
        from audit.labels import register_labels

        register_labels(actions={"system.restore": "กู้คืนข้อมูลจากไฟล์สำรอง"})

        # Uploads spooled by a worker that died mid-request would otherwise stay on disk for good.
        from core.request_limits import clean_upload_spool

        clean_upload_spool()
