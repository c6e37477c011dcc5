from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0001_initial'),
        ('plans', '0003_indicator_source'),
    ]

    operations = [
        migrations.AddField(
            model_name='indicator',
            name='unit_group',
            field=models.CharField(blank=True, choices=[('central', 'เฉพาะหน่วยงานส่วนกลาง'), ('regional', 'เฉพาะหน่วยงานส่วนภูมิภาค'), ('listed', 'เฉพาะหน่วยงานที่ระบุ')], max_length=16, verbose_name='หน่วยงานที่ใช้ประเมิน'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='units',
            field=models.ManyToManyField(blank=True, related_name='narrowed_indicators', to='org.unit', verbose_name='หน่วยงานที่ระบุในตัวชี้วัด'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='basis',
            field=models.CharField(blank=True, choices=[('units', 'ร้อยละของหน่วยงานที่ผ่านเกณฑ์')], max_length=16, verbose_name='ฐานการคำนวณ'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='steps',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='จำนวนขั้นของระดับความสำเร็จ'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='year',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='ใช้เฉพาะปีงบประมาณ (พ.ศ.)'),
        ),
    ]
