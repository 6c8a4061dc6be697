"""Every page type has a factory; staff edit and publish pages in the Wagtail admin."""

import pytest
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from engagement import factories as engagement_factories
from events.factories import EventIndexPageFactory, EventPageFactory
from pages import factories
from pages.factories import MemberDirectoryPageFactory
from pages.models import StandardPage
from publishing.factories import (
    ArticlePageFactory,
    CrisisIndexPageFactory,
    CrisisPageFactory,
    NewsIndexPageFactory,
)
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

FACTORIES = {
    factories.HomePageFactory,
    factories.StandardPageFactory,
    factories.RtoPExplainerPageFactory,
    factories.HistoryPageFactory,
    factories.SteeringCommitteePageFactory,
    factories.ContactPageFactory,
    MemberDirectoryPageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    engagement_factories.MembershipApplicationPageFactory,
    engagement_factories.ContactFormPageFactory,
    engagement_factories.NewsletterPageFactory,
    engagement_factories.PrivacyNoticePageFactory,
    CrisisIndexPageFactory,
    CrisisPageFactory,
    NewsIndexPageFactory,
    ArticlePageFactory,
}


def test_every_page_type_has_a_factory():
    ours = {
        m
        for m in get_page_models()
        if m._meta.app_label in {"pages", "members", "offices", "resources", "events", "publishing", "engagement"}
    }
    assert ours == {f._meta.model for f in FACTORIES}


def test_factories_build_pages():
    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root, slug="factory-home")
    page = factories.StandardPageFactory(parent=home)
    assert page.get_parent().specific == home


def test_admin_can_edit_and_publish_the_mission_page(admin_client, client):
    about = StandardPage.objects.get(slug="about")
    edit_url = f"/admin/pages/{about.pk}/edit/"
    assert admin_client.get(edit_url).status_code == 200
    data = nested_form_data(
        {
            "title_en": "About the Coalition",
            "slug_en": "about",
            "intro_en": "A new introduction written in the admin.",
            "body_en": streamfield([("paragraph", rich_text("<p>Edited in the admin.</p>"))]),
            "action-publish": "publish",
            # Every language's copy of the body is in the form (wagtail-modeltranslation).
            **{f"body_{code}": streamfield([]) for code in ("fr", "es", "ar", "zh_hans", "ru")},
        }
    )
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, response.content[:2000]
    page = client.get("/en/about/")
    assert b"A new introduction written in the admin." in page.content
    assert b"Edited in the admin." in page.content
