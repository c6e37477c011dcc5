"""Give every existing agency the progress stages the deployment had.

The rows already there go to the first agency (the one the deployment was built for, whose cases use them);
every other agency gets a copy of each, and its cases and messages that named a stage are moved to its copy.
A deployment that never opened the complaints pages has no stages yet: each agency then gets the defaults
(the same list complaints.services.config.DEFAULT_STAGES seeds; written out here so that a later change
to that list does not rewrite history).
"""

from django.db import migrations

DEFAULT_STAGES = [
    ("รวบรวมข้อเท็จจริง", "หน่วยงานรับผิดชอบตรวจสอบข้อมูลและเอกสาร"),
    ("ตรวจสอบ/แสวงหาข้อเท็จจริง", "แต่งตั้งผู้ตรวจสอบหรือคณะกรรมการตามระเบียบ"),
    ("รอข้อมูลจากหน่วยงานอื่น", "ขอข้อมูลหรือความเห็นจากหน่วยงานภายนอก"),
    ("เสนอผู้บริหารพิจารณา", "สรุปผลเสนอผู้มีอำนาจสั่งการ"),
]


def seed(apps, schema_editor):
    Unit = apps.get_model("org", "Unit")
    ProgressStage = apps.get_model("complaints", "ProgressStage")
    Case = apps.get_model("complaints", "Case")
    Message = apps.get_model("complaints", "Message")
    agencies = list(Unit.objects.filter(parent__isnull=True).order_by("id"))
    current = list(ProgressStage.objects.filter(agency__isnull=True).order_by("sort_order", "id"))
    if not agencies:
        ProgressStage.objects.filter(agency__isnull=True).delete()  # no agency, so no case uses them
        return
    if not current:
        for agency in agencies:
            for order, (name, description) in enumerate(DEFAULT_STAGES):
                ProgressStage.objects.create(agency=agency, name=name, description=description, sort_order=order)
        return
    first, others = agencies[0], agencies[1:]
    ProgressStage.objects.filter(pk__in=[s.pk for s in current]).update(agency=first)
    for agency in others:
        for stage in current:
            copy = ProgressStage.objects.create(agency=agency, name=stage.name, description=stage.description,
                                                sort_order=stage.sort_order, is_active=stage.is_active)
            Case.objects.filter(agency=agency, stage_id=stage.pk).update(stage=copy)
            Message.objects.filter(case__agency=agency, stage_id=stage.pk).update(stage=copy)


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0006_stage_agency'),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
