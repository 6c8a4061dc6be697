"""Content corrections in every language (applied to existing databases only where the text is still
the shipped one), dates as precise as their sources, sample rows, local-run fixes, the translation view
and the translator's dashboard panel."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import WorkflowState

from core.streams import stream_texts
from members.models import MemberOrganisation
from pages.models import RtoPExplainerPage, StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("forget_cached_site_roots")]

CONTENT = Path(__file__).resolve().parents[1] / "pages" / "initial_content"
LANGUAGES = ("en", "fr", "es", "ar", "zh_hans", "ru")
# What paragraph 139 says, in each language's own words (UN terminology).
PEACEFUL_MEANS = {
    "en": "Chapters VI and VIII",
    "fr": "Chapitres VI et VIII",
    "es": "Capítulos VI y VIII",
    "ar": "للفصلين السادس والثامن",
    "zh_hans": "第六章和第八章",
    "ru": "главами VI и VIII",
}
CASE_BY_CASE = {
    "en": "case-by-case",
    "fr": "au cas par cas",
    "es": "en cada caso concreto",
    "ar": "كل حالة على حدة",
    "zh_hans": "逐案",
    "ru": "на индивидуальной основе",
}


def pillar_three(page, language):
    texts = stream_texts(page, f"pillars_{language}")
    return texts["2:pillar/text"]


def test_pillar_three_names_peaceful_means_first_in_every_language(client):
    explainer = RtoPExplainerPage.objects.get()
    for language in LANGUAGES:
        text = pillar_three(explainer, language)
        assert PEACEFUL_MEANS[language] in text, language
        assert CASE_BY_CASE[language] in text, language
    html = client.get(explainer.get_url()).content.decode()
    assert "Chapters VI and VIII" in html


def test_an_existing_database_gets_the_correction_only_where_the_text_is_still_the_shipped_one():
    corrections = json.loads((CONTENT / "corrections.json").read_text(encoding="utf-8"))
    text = next(c for c in corrections["page_stream_texts"] if c["path"] == "2:pillar/text")
    explainer = RtoPExplainerPage.objects.get()
    # An old database: French and English still have the shipped text, Spanish was edited by an editor.
    raw = {}
    for language, column_language in (("en", "en"), ("fr", "fr"), ("es", "es")):
        column = f"pillars_{column_language}"
        value = explainer._meta.get_field(column).stream_block.get_prep_value(getattr(explainer, column))
        value[2]["value"]["text"] = (
            text["values"][language]["old"] if language != "es" else "<p>Texto revisado por un editor.</p>"
        )
        raw[column] = value
        setattr(explainer, column, json.dumps(value))
    explainer.save_revision().publish()

    call_command("load_initial_content", stdout=io.StringIO())
    explainer = RtoPExplainerPage.objects.get()
    assert pillar_three(explainer, "en") == shipped_after(
        corrections, "2:pillar/text", "en", text["values"]["en"]["old"]
    )
    assert pillar_three(explainer, "fr") == shipped_after(
        corrections, "2:pillar/text", "fr", text["values"]["fr"]["old"]
    )
    assert pillar_three(explainer, "fr") != text["values"]["fr"]["old"]
    assert pillar_three(explainer, "es") == "<p>Texto revisado por un editor.</p>"  # never overwritten


def shipped_after(corrections, path, language, value):
    """Where the chain of corrections of ``path`` leads a ``language`` text that was ``value`` (a later
    correction can take up where an earlier one left off)."""
    for correction in corrections["page_stream_texts"]:
        change = correction["values"].get(language)
        if correction["path"] == path and change and change["old"] == value:
            value = change["new"]
    return value


def test_the_stanley_center_and_child_soldiers_international():
    stanley = MemberOrganisation.objects.get(slug="the-stanley-foundation")
    assert stanley.name == "Stanley Center for Peace and Security"
    assert "11 November 2019" in stanley.source
    closed = MemberOrganisation.objects.get(slug="child-soldiers-international")
    assert closed.status == "former"
    assert closed.left_on.isoformat() == "2019-06-07"


def test_an_editors_rename_is_kept():
    stanley = MemberOrganisation.objects.get(slug="the-stanley-foundation")
    stanley.name = "Stanley Center (edited)"
    stanley.save()
    call_command("load_initial_content", stdout=io.StringIO())
    assert MemberOrganisation.objects.get(pk=stanley.pk).name == "Stanley Center (edited)"


def test_the_steering_committee_page_says_since_not_current(client):
    html = client.get("/en/about/steering-committee/").content.decode()
    assert "Current members" not in html
    assert "Since" in html


def test_russian_since_uses_the_genitive_month(client):
    member = MemberOrganisation.objects.filter(steering_committee_since__month=1).first()
    assert member is not None
    html = client.get("/ru/").content.decode()  # activates the language's URLs
    with translation.override("ru"):
        from core.templatetags.core_dates import since_month

        assert since_month(member.steering_committee_since).startswith("января")
    assert "С Январь" not in client.get(StandardPage.objects.get(slug_en="about").get_url()).content.decode()
    assert html


@pytest.mark.parametrize(
    "language, term",
    [("fr", "ONG de soutien"), ("es", "ONG de apoyo"), ("ar", "مؤيدة"), ("ru", "НПО-сторонник")],
)
def test_one_term_for_ngo_supporter(language, term):
    with translation.override(language):
        assert term in str(MemberOrganisation.MembershipType.SUPPORTER.label)
    words = (CONTENT / f"{language}.json").read_text(encoding="utf-8")
    assert term in words


def test_chinese_interface_uses_the_un_term():
    catalogue = (Path(__file__).resolve().parents[1] / "locale/zh_Hans/LC_MESSAGES/django.po").read_text()
    assert "保护的责任" not in catalogue


def test_a_period_given_in_months_never_shows_a_day(client):
    html = client.get("/en/about/history/").content.decode()
    assert "Aug. 31, 2008" not in html
    assert 'datetime="2008-08"' in html
    assert "August 2008" in html


def test_sample_members_are_refused_under_production_settings_and_never_counted_on_home(client):
    with override_settings(SETTINGS_MODULE="icrtop.settings.production", ALLOWED_HOSTS=["www.icrtop.org"]):
        with pytest.raises(CommandError, match="production"):
            call_command("make_sample_members", "3", stdout=io.StringIO())
    summary = MemberOrganisation.objects.directory_summary()
    call_command("make_sample_members", "3", stdout=io.StringIO())
    assert MemberOrganisation.objects.directory_summary() == summary


def test_the_translated_address_redirect_works_with_debug_on(client):
    with override_settings(DEBUG=True):
        response = client.get("/fr/about/history/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/a-propos/histoire/"


def test_ensure_admin_prints_the_real_port(monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    monkeypatch.setenv("ICRTOP_ADMIN_USERNAME", "local-admin")
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "http://127.0.0.1:8123/admin/" in out.getvalue()
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "changepassword local-admin" in out.getvalue()


def test_ensure_admin_says_when_the_local_account_skips_two_factor(monkeypatch, settings):
    """make run's admin signs in without a second step (settings.dev): the output says so, as the
    enrolment pages tell every other account that it needs one (the staff walk)."""
    monkeypatch.setenv("ICRTOP_ADMIN_USERNAME", "local-admin")
    settings.TWO_FACTOR_EXEMPT_USERNAMES = ["local-admin"]
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "two-factor: not asked of this local development account" in out.getvalue()
    settings.TWO_FACTOR_EXEMPT_USERNAMES = []
    monkeypatch.setenv("ICRTOP_ADMIN_USERNAME", "other-admin")
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "two-factor" not in out.getvalue()


def test_the_translation_view_shows_english_beside_the_language_and_submits_for_moderation(client, translator):
    explainer = RtoPExplainerPage.objects.get()
    url = reverse("translate", args=["page", explainer.pk, "fr"])
    client.force_login(translator)
    html = client.get(url).content.decode()
    english = pillar_three(explainer, "en")
    assert "Chapters VI and VIII" in html  # the English beside…
    context = f"page:{explainer.pk}:pillars:2:pillar/text"
    assert f'name="t:{context}"' in html  # …each StreamField text block's own field
    assert 'lang="fr"' in html

    new_french = "<p>Texte français revu.</p>"
    response = client.post(url, {f"t:{context}": new_french})
    assert response.status_code == 302
    explainer.refresh_from_db()
    assert pillar_three(explainer, "fr") != new_french  # not public
    assert pillar_three(explainer.get_latest_revision_as_object(), "fr") == new_french
    state = WorkflowState.objects.get(object_id=str(explainer.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.requested_by == translator
    assert english


def test_the_translation_view_for_a_record_waits_for_review(client, translator):
    member = MemberOrganisation.objects.filter(published=True, steering_committee_role_en__gt="").first()
    client.force_login(translator)
    url = reverse("translate", args=["member", member.pk, "ar"])
    html = client.get(url).content.decode()
    assert member.steering_committee_role_en in html
    context = f"member:{member.pk}:steering_committee_role"
    response = client.post(url, {f"t:{context}": "عضو مؤسس (مراجَع)"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.steering_committee_role_ar != "عضو مؤسس (مراجَع)"
    assert member.get_latest_revision_as_object().steering_committee_role_ar == "عضو مؤسس (مراجَع)"
    assert member.workflow_in_progress


def test_the_translation_view_refuses_unknown_languages_and_records(client, translator):
    client.force_login(translator)
    for args in (["page", 1, "en"], ["member", 999999, "fr"], ["nothing", 1, "fr"]):
        assert client.get(reverse("translate", args=args), follow=True).status_code == 404


def test_the_dashboard_shows_a_translator_what_is_missing_or_out_of_date(client, translator):
    about = StandardPage.objects.get(slug_en="about")
    about.intro_en += " A new sentence."
    about.save_revision().publish()
    client.force_login(translator)
    html = client.get("/admin/").content.decode()
    assert "Translations to do" in html
    assert "Out of date" in html
    assert reverse("translation_status") + "?language=fr" in html


def test_the_member_import_page_explains_itself_and_reports_every_error_in_one_pass(admin_client):
    html = admin_client.get("/admin/member_import/").content.decode()
    assert "<title>Import members" in html
    assert "<code>steering_committee_since</code>" in html
    assert "?template=csv" in html
    template = admin_client.get("/admin/member_import/?template=csv")
    assert template["Content-Type"].startswith("text/csv")
    assert template.content.decode("utf-8-sig").splitlines()[0].startswith("slug,name,acronym,country")

    from django.core.files.uploadedfile import SimpleUploadedFile

    text = "slug,name,country,region,website,joined_on\nbad-one,Bad One,Atlantis,nowhere,not a url,2019-13\n"
    upload = SimpleUploadedFile("members.csv", text.encode(), content_type="text/csv")
    result = admin_client.post("/admin/member_import/", {"file": upload}).content.decode()
    assert "1 error; nothing was imported." in result
    for problem in ("Atlantis", "nowhere", "website", "2019-13"):
        assert problem in result, problem


def test_the_member_list_shows_yes_no_as_icons_and_keeps_names_whole(admin_client):
    html = admin_client.get("/admin/snippets/members/memberorganisation/").content.decode()
    assert "members/admin.css" in html
    assert "#icon-check" in html and "#icon-cross" in html
