"""TOTP secrets and recovery-code seeds written before encryption was turned on are encrypted
in place (members.crypto); encrypted ones are left alone, so the migration can run twice."""

from django.db import migrations

from members import crypto

SECRET_FIELDS = ("secret", "seed")


def encrypt_secrets(apps, schema_editor):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.all():
        data = dict(authenticator.data)
        changed = False
        for field in SECRET_FIELDS:
            value = data.get(field)
            if isinstance(value, str) and not crypto.is_encrypted(value):
                data[field] = crypto.encrypt(value)
                changed = True
        if changed:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0007_user_sessions"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, migrations.RunPython.noop)]
