from django.apps import AppConfig


class SiteShellConfig(AppConfig):
    """The site around the domain apps: the home page and menu, the demo loader, whole-site backup and
    restore, and the audit trail viewer. It may import every domain app; `core` (the kernel) may not, which
    is why these live here (see the contracts in .importlinter)."""

    name = "site_shell"
    verbose_name = "โครงเว็บไซต์"

    def ready(self) -> None:
        from audit.labels import register_labels

        register_labels(actions={"system.restore": "กู้คืนข้อมูลจากไฟล์สำรอง"})
