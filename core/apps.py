from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "ระบบกลาง"

    def ready(self) -> None:
        from audit.labels import register_labels

        register_labels(actions={"system.restore": "กู้คืนข้อมูลจากไฟล์สำรอง"})
