from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportfile",
            name="content_hash",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
    ]
