import datetime
import hashlib

from django.db import migrations, models


def backfill(apps, schema_editor):
    """Tokens made before expiry existed run for the default lifetime from when they were made, and keep working
    until their owner's password changes."""
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.select_related("user"):
        token.expires_at = token.created_at + datetime.timedelta(days=90)
        token.password_stamp = hashlib.sha256(f"api-token:{token.user.password}".encode()).hexdigest()
        token.save(update_fields=["expires_at", "password_stamp"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_role_proposal"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="หมดอายุ"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="password_stamp",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="หมดอายุ"),
        ),
    ]
