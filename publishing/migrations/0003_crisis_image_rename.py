# The crisis page's hero picture becomes the shared page picture (core.ImageWithAltTextMixin): same
# image, same alternative texts in every language, renamed so that every page type reads `image`.

from django.db import migrations

LANGUAGE_SUFFIXES = ["en", "fr", "es", "ar", "zh_hans", "ru"]


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0002_alter_crisisrelatedpage_page"),
    ]

    operations = [
        migrations.RenameField("crisispage", "hero_image", "image"),
        migrations.RenameField("crisispage", "hero_alt_text", "image_alt_text"),
        *[
            migrations.RenameField("crisispage", f"hero_alt_text_{suffix}", f"image_alt_text_{suffix}")
            for suffix in LANGUAGE_SUFFIXES
        ],
    ]
