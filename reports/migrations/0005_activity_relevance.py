import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0004_indicator_override"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatorresult",
            name="event_dates",
            field=models.JSONField(
                blank=True,
                default=list,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="วันที่ดำเนินการแต่ละครั้ง",
            ),
        ),
        migrations.CreateModel(
            name="ActivityRelevance",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("reason", models.TextField(verbose_name="เหตุผลที่ไม่เกี่ยวข้องกับหน่วยงาน")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "รอหน่วยงานเจ้าภาพพิจารณา"),
                            ("accepted", "หน่วยงานเจ้าภาพรับว่าไม่เกี่ยวข้อง"),
                            ("refused", "หน่วยงานเจ้าภาพไม่รับ ต้องรายงานผล"),
                        ],
                        default="pending",
                        max_length=16,
                        verbose_name="สถานะ",
                    ),
                ),
                ("claimed_at", models.DateTimeField()),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("decision_note", models.TextField(blank=True, verbose_name="ความเห็นของหน่วยงานเจ้าภาพ")),
                (
                    "claimed_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "report",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="relevance",
                        to="reports.report",
                        verbose_name="รายงาน",
                    ),
                ),
            ],
            options={"verbose_name": "การแจ้งว่ากิจกรรมไม่เกี่ยวข้องกับหน่วยงาน"},
        ),
    ]
