"""TOTP secrets and recovery-code seeds written before encryption was turned on are encrypted
in place (members.crypto); encrypted ones are left alone, so the migration can run twice.
Reversed, it decrypts them for the code before it."""

from django.db import migrations

from members import crypto

SECRET_FIELDS = ("secret", "seed")


def _rewrite(apps, *, needs_it, change):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.all():
        data = dict(authenticator.data)
        fields = [f for f in SECRET_FIELDS if isinstance(data.get(f), str) and needs_it(data[f])]
        for field in fields:
            data[field] = change(data[field])
        if fields:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt_secrets(apps, schema_editor):
    _rewrite(apps, needs_it=lambda value: not crypto.is_encrypted(value), change=crypto.encrypt)


def decrypt_secrets(apps, schema_editor):
    """Going back to code that reads secrets in clear."""
    _rewrite(apps, needs_it=crypto.is_encrypted, change=crypto.decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0007_user_sessions"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets)]
