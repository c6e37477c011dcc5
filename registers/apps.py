from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "registers"
    verbose_name = "ทะเบียนคู่มือ ควบคุมภายใน การสื่อสาร และสถานที่ทำงานน่าอยู่"
