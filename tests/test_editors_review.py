"""Translators translate and nothing else; their record changes wait for a moderator; previews work in
every language inside the admin's preview panel."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from core.models import Topic
from members.models import MemberOrganisation, Region
from offices.models import Office
from pages.models import HistoryPage, StandardPage

pytestmark = pytest.mark.django_db

OTHER = ("fr", "es", "ar", "zh_hans", "ru")


def edit_url(obj):
    return reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk])


def approve(client, obj, moderator):
    state = WorkflowState.objects.get(object_id=str(obj.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    client.force_login(moderator)
    url = reverse(
        obj.snippet_viewset.get_url_name("workflow_action"), args=[obj.pk, "approve", state.current_task_state.pk]
    )
    response = client.post(url, {"comment": ""})
    assert response.status_code in (200, 302)


def test_a_translators_forged_member_post_changes_no_flag_and_no_english(client, translator, moderator):
    member = MemberOrganisation.objects.filter(on_steering_committee=False, published=True).first()
    before = {f: getattr(member, f) for f in ("name", "on_steering_committee", "published", "status", "website")}
    client.force_login(translator)
    client.get("/admin/")
    form = client.get(edit_url(member)).content.decode()
    assert 'name="description_fr"' in form
    # The English-only and non-translated fields are shown, but disabled.
    assert "disabled" in form.split('name="on_steering_committee"')[1].split(">")[0]
    assert "disabled" not in form.split('name="description_fr"')[1].split(">")[0]

    response = client.post(
        edit_url(member),
        {
            "name": "Forged name",
            "description_en": "Forged English.",
            "on_steering_committee": "on",
            "published": "",
            "status": "former",
            "website": "https://forged.example.org/",
            "description_fr": "Une organisation qui défend la prévention.",
            "action-submit": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()
    # Nothing is public yet: the row visitors read is unchanged.
    assert {f: getattr(member, f) for f in before} == before
    assert member.description_fr != "Une organisation qui défend la prévention."
    assert member.has_unpublished_changes
    draft = member.get_latest_revision_as_object()
    assert draft.description_fr == "Une organisation qui défend la prévention."
    assert {f: getattr(draft, f) for f in before} == before  # the forged fields were ignored
    assert (draft.description_en or "") == (member.description_en or "")

    approve(client, member, moderator)
    member.refresh_from_db()
    assert member.description_fr == "Une organisation qui défend la prévention."
    assert {f: getattr(member, f) for f in before} == before
    assert not member.has_unpublished_changes


@pytest.mark.parametrize("model", [Region, Topic, Office])
def test_every_record_form_restricts_translators(client, translator, model):
    obj = model.objects.first() or model.objects.create(name="Prevention", slug="prevention")
    client.force_login(translator)
    client.get("/admin/")
    html = client.get(edit_url(obj)).content.decode()
    assert 'name="name_fr"' in html
    assert "disabled" in html.split('name="name_en"')[1].split(">")[0]
    assert "disabled" not in html.split('name="name_fr"')[1].split(">")[0]


def test_a_translators_forged_page_post_keeps_the_english(client, translator):
    about = StandardPage.objects.get(slug_en="about")
    shipped = {
        f"{field}_{code}": getattr(about, f"{field}_{code}") or ""
        for field in ("title", "slug", "intro")
        for code in ("es", "ar", "zh_hans", "ru")
    }
    data = nested_form_data(
        {
            **shipped,
            "title_en": "Forged English title",
            "slug_en": "forged",
            "intro_en": "Forged English intro.",
            "title_fr": "À propos de la Coalition",
            "slug_fr": "a-propos",
            "intro_fr": "Qui nous sommes.",
            "show_in_menus": "",
            "body_en": streamfield([("paragraph", rich_text("<p>Forged body.</p>"))]),
            **{f"body_{code}": streamfield([]) for code in OTHER},
            "action-submit": "1",
        }
    )
    client.force_login(translator)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[about.pk]), data)
    assert response.status_code == 302
    about.refresh_from_db()
    draft = about.get_latest_revision_as_object()
    assert draft.intro_fr == "Qui nous sommes."
    assert draft.title_en == about.title_en != "Forged English title"
    assert draft.slug_en == "about"
    assert draft.intro_en == about.intro_en
    assert draft.show_in_menus == about.show_in_menus
    assert "Forged body" not in str(draft.body_en)


def test_a_translator_cannot_add_timeline_events(client, translator):
    history = HistoryPage.objects.get()
    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[history.pk])).content.decode()
    assert 'name="events-0-title_fr"' in html
    tag = html.split('name="events-0-date"')[1].split(">")[0]
    assert "disabled" in tag
    tag = html.split('name="events-0-title_fr"')[1].split(">")[0]
    assert "disabled" not in tag


def test_editors_keep_every_field(admin_client):
    member = MemberOrganisation.objects.first()
    admin_client.get(reverse("wagtailadmin_home"))
    html = admin_client.get(edit_url(member)).content.decode()
    assert "disabled" not in html.split('name="on_steering_committee"')[1].split(">")[0]


def preview(page, mode):
    request = RequestFactory().get("/admin/")
    return page.make_preview_request(request, mode)


@pytest.mark.parametrize("mode", ["en", "ar", "fr"])
def test_the_preview_is_frameable_by_the_admin_in_each_language(mode):
    about = StandardPage.objects.get(slug_en="about")
    response = preview(about, mode)
    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert f'lang="{mode}"' in html
    heading = getattr(about, f"title_{mode}")
    assert heading and f">{heading}</h1>" in html.replace("&#x27;", "'")


def test_public_pages_keep_frame_ancestors_none(client):
    response = client.get("/en/")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_every_page_type_offers_a_preview_in_each_language():
    from django.apps import apps

    page_models = [m for m in apps.get_models() if issubclass(m, Page) and m is not Page]
    assert page_models
    for model in page_models:
        modes = [code for code, _name in model().preview_modes]
        assert modes == ["en", "fr", "es", "ar", "zh-hans", "ru"], model


def test_an_editor_is_told_that_a_moderator_publishes(client, django_user_model):
    """Editors may not publish: the dashboard explains that they submit to the workflow and who reviews."""
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("dash-editor", "e@example.org", "a-long-test-password")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "How your changes are published" in html
    assert "Submit to Moderators approval" in html and "group: Moderators" in html


def test_who_publishes_is_not_told_to_submit(admin_client, client, moderator):
    assert "How your changes are published" not in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(moderator)
    assert "How your changes are published" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_translator_is_not_told_that_they_can_create_pages(client, translator):
    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "How your changes are published" in html
    assert "You can create and change pages" not in html
    assert "You can change pages (translate them, for example)" in html


def test_a_translator_is_offered_no_move_or_copy_and_the_views_refuse(client, admin_client, translator):
    """Move and Copy are neither shown to translators (page listing menu, page header) nor allowed."""
    import datetime

    from publishing.models import ArticlePage, NewsIndexPage

    news = NewsIndexPage.objects.get()
    # A page never published: Wagtail lets whoever may change it move it (and delete it, refused too).
    page = news.add_child(
        instance=ArticlePage(title="Draft", slug="draft-statement", date=datetime.date(2026, 3, 2), live=False)
    )
    # an administrator has both (admin_client is the same client, logged in as a superuser until now)
    listing = admin_client.get(reverse("wagtailadmin_explore", args=[news.pk])).content.decode()
    assert reverse("wagtailadmin_pages:copy", args=[page.pk]) in listing
    assert reverse("wagtailadmin_pages:move", args=[page.pk]) in listing
    client.force_login(translator)
    listing = client.get(reverse("wagtailadmin_explore", args=[news.pk])).content.decode()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    for html in (listing, edit):
        assert reverse("wagtailadmin_pages:move", args=[page.pk]) not in html
        assert reverse("wagtailadmin_pages:copy", args=[page.pk]) not in html
    # the move's confirmation (Wagtail's first step, choosing where, changes nothing)
    destination = news.get_parent()
    assert client.get(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])).status_code == 403
    assert client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])).status_code == 403
    assert page.get_parent().pk == news.pk
    assert client.get(reverse("wagtailadmin_pages:copy", args=[page.pk])).status_code == 403
