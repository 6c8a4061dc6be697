"""Translators see only what they translate: a member's staff-only contact e-mail and source are not
in their edit form, their revision comparisons or their export, and a translation they save keeps
them; the applications, messages and subscribers are closed to them. Editors still see everything."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import querydict_from_html

from members.models import MemberOrganisation

pytestmark = pytest.mark.django_db

SECRET_EMAIL = "awa.diop@private.example.org"
SOURCE = "Letter from the director, 12 May 2010"


@pytest.fixture
def member():
    member = MemberOrganisation.objects.filter(published=True).first()
    member.contact_email, member.show_contact_email, member.source = SECRET_EMAIL, False, SOURCE
    member.save()
    member.save_revision().publish()
    member.description_en = "A network of defenders."
    member.save_revision()
    return member


def user_in(django_user_model, group):
    user = django_user_model.objects.create_user(group.lower(), "", "a-long-test-password")
    user.groups.add(Group.objects.get(name=group))
    return user


def url(member, name, *args):
    get_snippet_models()
    with translation.override("en"):
        return reverse(member.snippet_viewset.get_url_name(name), args=[member.pk, *args])


def admin_pages(client, member):
    client.get("/admin/")  # the admin's URLs register the snippet viewsets
    revisions = list(member.revisions.order_by("created_at").values_list("pk", flat=True))
    export = client.get("/admin/snippets/members/memberorganisation/?export=csv")
    export.content_bytes = b"".join(export.streaming_content) if export.streaming else export.content
    return {
        "edit": client.get(url(member, "edit")),
        "compare": client.get(url(member, "revisions_compare", revisions[0], revisions[-1])),
        "export": export,
        "search": client.get("/admin/snippets/members/memberorganisation/", {"q": "awa.diop"}),
    }


def test_a_translator_never_sees_a_members_private_contact(client, django_user_model, member):
    client.force_login(user_in(django_user_model, "Translators"))
    pages = admin_pages(client, member)
    for name, response in pages.items():
        assert response.status_code == 200, name
        html = getattr(response, "content_bytes", None) or response.content
        html = html.decode()
        assert SECRET_EMAIL not in html and SOURCE not in html, name
    assert 'name="description_fr"' in pages["edit"].content.decode()
    assert b"contact_email" not in pages["export"].content_bytes and b"source" not in pages["export"].content_bytes
    assert member.name.encode() in pages["export"].content_bytes


def test_a_translators_save_keeps_the_private_contact(client, django_user_model, member):
    client.force_login(user_in(django_user_model, "Translators"))
    client.get("/admin/")
    form = client.get(url(member, "edit")).content.decode()
    data = querydict_from_html(form, form_id="w-editor-form")
    data["description_fr"] = "Un réseau de défenseurs."
    response = client.post(url(member, "edit"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = member.revisions.order_by("-created_at").first().as_object()
    assert latest.description_fr == "Un réseau de défenseurs."
    assert latest.contact_email == SECRET_EMAIL and latest.source == SOURCE


def test_staff_who_publish_members_still_see_the_private_contact(client, django_user_model, member):
    group = Group.objects.filter(permissions__codename="publish_memberorganisation").exclude(name="Translators")
    client.force_login(user_in(django_user_model, group.order_by("name").first().name))
    pages = admin_pages(client, member)
    assert SECRET_EMAIL in pages["edit"].content.decode() and SOURCE in pages["edit"].content.decode()
    assert SECRET_EMAIL.encode() in pages["export"].content_bytes


@pytest.mark.parametrize(
    "path",
    [
        "/admin/snippets/engagement/membershipapplication/",
        "/admin/snippets/engagement/contactmessage/",
        "/admin/snippets/engagement/subscriber/",
        "/admin/snippets/engagement/subscriber/?export=csv",
    ],
)
def test_applications_messages_and_subscribers_are_closed_to_translators(client, django_user_model, path):
    client.force_login(user_in(django_user_model, "Translators"))
    client.get("/admin/")
    response = client.get(path)
    assert response.status_code in (302, 403), response.status_code
