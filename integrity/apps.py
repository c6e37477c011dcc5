from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "integrity"
    verbose_name = "ผลประโยชน์ทับซ้อน ของขวัญ และวินัย"
