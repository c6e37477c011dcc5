import django.core.serializers.json
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_report_row_period_text_long"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatorresult",
            name="override_reason",
            field=models.TextField(blank=True, verbose_name="เหตุผลที่แก้ไขค่าที่คำนวณจากระบบ"),
        ),
        migrations.AddField(
            model_name="indicatorresult",
            name="computed_value",
            field=models.CharField(blank=True, max_length=255, verbose_name="ค่าที่ระบบคำนวณได้เมื่อแก้ไข"),
        ),
        migrations.AddField(
            model_name="compiledsummary",
            name="indicator_values",
            field=models.JSONField(
                blank=True, default=list, encoder=django.core.serializers.json.DjangoJSONEncoder
            ),
        ),
        migrations.AddField(
            model_name="compiledsummary",
            name="values_as_of",
            field=models.DateTimeField(blank=True, null=True, verbose_name="ค่าตัวชี้วัด ณ เวลา"),
        ),
    ]
