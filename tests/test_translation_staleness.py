"""Out-of-date translations: the English changes after a translation was made; the report, the JSON,
the edit form and the PO export say so; an import that confirms or updates the translation clears it."""

import io
import json

import polib
import pytest
from django.core.management import call_command
from django.urls import reverse

from members.models import Region
from pages.models import StandardPage
from translations.exchange import export_po, import_po
from translations.status import translation_status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("forget_cached_site_roots")]

ADDED = " It also works with regional organisations."


def change_english_intro():
    """An editor adds a sentence to the English intro of the mission page and publishes it."""
    about = StandardPage.objects.get(slug_en="about")
    assert about.intro_fr  # translated when the content was loaded
    about.intro_en = about.intro_en + ADDED
    about.save_revision().publish()
    return StandardPage.objects.get(pk=about.pk)


def french(statuses=None):
    return (statuses or translation_status(["fr"]))[0]


def about_status(language_status, about):
    return next(o for o in language_status.objects if o.kind == "page" and o.pk == about.pk)


def test_a_new_english_sentence_marks_the_translation_out_of_date_in_the_report():
    about = StandardPage.objects.get(slug_en="about")
    assert about_status(french(), about).out_of_date == []
    about = change_english_intro()
    status = about_status(french(), about)
    assert [str(label) for label in status.out_of_date] == ["introduction"]
    assert status.filled == status.total  # still translated, only out of date
    assert status in french().incomplete()
    # Other languages are out of date too, and the translation view of Region is untouched.
    assert [str(label) for label in about_status(translation_status(["ar"])[0], about).out_of_date] == ["introduction"]


def test_the_admin_report_shows_out_of_date_with_a_link(admin_client):
    about = change_english_intro()
    response = admin_client.get(reverse("translation_status") + "?language=fr")
    html = response.content.decode()
    assert "Out of date" in html
    row = html.split("About the Coalition")[-1] if "About the Coalition" in html else ""
    assert "introduction" in html
    assert reverse("wagtailadmin_pages:edit", args=[about.pk]) in html
    assert row


def test_translation_status_json_reports_it():
    about = change_english_intro()
    out = io.StringIO()
    call_command("translation_status", "--json", "--language", "fr", stdout=out)
    data = json.loads(out.getvalue())
    language = data["languages"][0]
    assert language["out_of_date"] >= 1
    page = next(o for o in language["objects"] if o["kind"] == "page" and o["id"] == about.pk)
    assert page["out_of_date"] == ["introduction"]


def test_the_edit_form_marks_the_field(admin_client):
    about = change_english_intro()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[about.pk])).content.decode()
    assert html.count("Out of date: the English text changed after this translation was made.") == 5  # 5 languages
    assert "The English was:" in html


def test_export_marks_it_fuzzy_with_the_previous_english_and_import_clears_it():
    previous_english = StandardPage.objects.get(slug_en="about").intro_en
    about = change_english_intro()
    po = export_po("fr")
    entry = next(e for e in po if e.msgctxt == f"page:{about.pk}:intro")
    assert entry.fuzzy
    assert entry.previous_msgid == previous_english
    assert entry.msgid == previous_english + ADDED
    assert f"#| msgid {json.dumps(previous_english, ensure_ascii=False)}" in str(po)
    # An up-to-date entry is not fuzzy.
    assert not next(e for e in po if e.msgctxt == f"page:{about.pk}:title").fuzzy

    # Left fuzzy, the import leaves it alone and the mark stays.
    import_po(polib.pofile(str(po)), "fr")
    assert about_status(french(), about).out_of_date

    # The translator updates it and removes the flag: applied, and no longer out of date.
    entry.msgstr = entry.msgstr + " Elle travaille aussi avec les organisations régionales."
    entry.flags.remove("fuzzy")
    entry.previous_msgid = None
    report = import_po(polib.pofile(str(po)), "fr")
    assert report.applied >= 1
    assert about_status(french(), StandardPage.objects.get(pk=about.pk)).out_of_date == []


def test_an_import_confirming_the_translation_as_it_is_clears_the_mark():
    about = change_english_intro()
    po = export_po("fr")
    entry = next(e for e in po if e.msgctxt == f"page:{about.pk}:intro")
    entry.flags.remove("fuzzy")
    import_po(polib.pofile(str(po)), "fr")
    assert about_status(french(), about).out_of_date == []


def test_a_record_edit_marks_the_translation_out_of_date_and_a_new_translation_clears_it():
    region = Region.objects.get(slug_en="africa")
    region.name_en = "Africa (continent)"
    region.save()
    status = french()
    region_status = next(o for o in status.objects if o.kind == "region" and o.pk == region.pk)
    assert [str(label) for label in region_status.out_of_date] == ["name"]
    region.name_fr = "Afrique (continent)"
    region.save()
    region_status = next(o for o in french().objects if o.kind == "region" and o.pk == region.pk)
    assert region_status.out_of_date == []


def test_arabic_slugs_kept_in_english_by_design_are_not_missing():
    arabic = translation_status(["ar"])[0]
    assert not any("slug" in str(label) for o in arabic.objects for label in o.missing)
    russian = translation_status(["ru"])[0]
    assert all(o.total >= 1 for o in russian.objects if o.kind == "region")
