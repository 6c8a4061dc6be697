"""Page tree rules: every page type can be created where allowed, and nowhere else."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from engagement.models import ContactFormPage, MembershipApplicationPage, NewsletterPage, PrivacyNoticePage
from events.models import EventIndexPage
from pages.models import (
    ContactPage,
    HistoryPage,
    HomePage,
    MemberDirectoryPage,
    RtoPExplainerPage,
    StandardPage,
    SteeringCommitteePage,
)
from publishing.models import CrisisIndexPage, NewsIndexPage
from resources.models import ResourceIndexPage
from untexts.models import UNTextIndexPage

ALL_TYPES = {
    HomePage,
    StandardPage,
    RtoPExplainerPage,
    HistoryPage,
    SteeringCommitteePage,
    ContactPage,
    MemberDirectoryPage,
    MembershipApplicationPage,
    ContactFormPage,
    NewsletterPage,
    PrivacyNoticePage,
}


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                RtoPExplainerPage,
                ContactPage,
                MemberDirectoryPage,
                ResourceIndexPage,
                EventIndexPage,
                MembershipApplicationPage,
                NewsletterPage,
                PrivacyNoticePage,
                CrisisIndexPage,
                NewsIndexPage,
                UNTextIndexPage,
            },
        )

    def test_standard_page(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage, HistoryPage, SteeringCommitteePage})

    def test_leaf_pages_have_no_children(self):
        for page_type in (HistoryPage, SteeringCommitteePage, MemberDirectoryPage, ContactFormPage, NewsletterPage):
            self.assertAllowedSubpageTypes(page_type, set())

    def test_the_contact_form_has_its_own_page_under_the_contact_page(self):
        self.assertAllowedSubpageTypes(ContactPage, {ContactFormPage})
        self.assertAllowedParentPageTypes(ContactFormPage, {ContactPage})

    def test_sections_sit_where_the_navigation_expects_them(self):
        self.assertAllowedParentPageTypes(RtoPExplainerPage, {HomePage})
        self.assertAllowedParentPageTypes(ContactPage, {HomePage})
        self.assertAllowedParentPageTypes(MemberDirectoryPage, {HomePage})
        self.assertAllowedParentPageTypes(HistoryPage, {StandardPage})
        self.assertAllowedParentPageTypes(SteeringCommitteePage, {StandardPage})

    def test_cannot_create_under_a_leaf(self):
        for leaf in (HistoryPage, ContactFormPage):
            for page_type in ALL_TYPES:
                self.assertCanNotCreateAt(leaf, page_type)

    def test_standard_page_can_be_created_under_home_in_the_admin(self):
        self.login()
        home = HomePage(title="Home", slug="home-test", hero_heading="Hello")
        Page.get_first_root_node().add_child(instance=home)
        data = nested_form_data(
            {
                "title_en": "Our work",
                "slug_en": "our-work",
                "intro_en": "What we do.",
                **{f"body_{code}": streamfield([]) for code in ("en", "fr", "es", "ar", "zh_hans", "ru")},
            }
        )
        self.assertCanCreate(home, StandardPage, data)
        self.assertEqual(StandardPage.objects.child_of(home).get().intro, "What we do.")
