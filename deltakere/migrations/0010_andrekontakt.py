"""`sekundaerkontakt` becomes `andrekontakt`, the word the screens have always used (issue 12: names that drift)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("deltakere", "0009_sok_trigram"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("deltaker", "sekundaerkontakt", "andrekontakt"),
        migrations.RenameField("historicaldeltaker", "sekundaerkontakt", "andrekontakt"),
        migrations.RenameField("kontaktpersonendring", "sekundaerkontakt", "andrekontakt"),
        migrations.RenameField("historicalkontaktpersonendring", "sekundaerkontakt", "andrekontakt"),
        migrations.AlterField(
            model_name="deltaker",
            name="andrekontakt",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="andrekontakt_for",
                to=settings.AUTH_USER_MODEL,
                verbose_name="andre kontakt",
            ),
        ),
    ]
