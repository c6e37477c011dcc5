import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Progress stages become each agency's own: the column comes first (nullable), the rows are given to
    their agencies in 0007, and 0008 makes it required."""

    dependencies = [
        ('complaints', '0005_category_per_agency'),
        ('org', '0004_agency_memo_and_ocid'),
    ]

    operations = [
        migrations.AddField(
            model_name='progressstage',
            name='agency',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='complaint_stages', to='org.unit', verbose_name='ส่วนราชการ'),
        ),
        migrations.AlterField(
            model_name='progressstage',
            name='name',
            field=models.CharField(max_length=200, verbose_name='ขั้นตอนย่อย'),
        ),
    ]
