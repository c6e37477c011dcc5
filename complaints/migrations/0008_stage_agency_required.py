import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0007_stage_agency_seed'),
    ]

    operations = [
        migrations.AlterField(
            model_name='progressstage',
            name='agency',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='complaint_stages', to='org.unit', verbose_name='ส่วนราชการ'),
        ),
        migrations.AddConstraint(
            model_name='progressstage',
            constraint=models.UniqueConstraint(fields=('agency', 'name'), name='complaint_stage_unique'),
        ),
    ]
