"""A translator saves and submits translations of pages with items (a statement's signatories and
attachments, a crisis's level history, developments and related documents, the history's timeline, the
home page's featured items): the items stay exactly as they were, and a forged form that adds, removes,
reorders or changes items changes none of them.

The forms are posted as a browser sends them: without the controls the form renders disabled (every
record field of a translator's form, including each item's id, order and deletion mark)."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.models import Page, WorkflowState, get_page_models

from members.factories import MemberOrganisationFactory
from pages.models import HistoryPage, HomeFeaturedItem, HomePage
from publishing.models import (
    ArticleAttachment,
    ArticlePage,
    ArticleSignatory,
    CrisisDevelopment,
    CrisisIndexPage,
    CrisisLevel,
    CrisisLevelChange,
    CrisisPage,
    CrisisRelatedPage,
    NewsIndexPage,
)
from resources.models import ResourcePage
from translations.translators import translation_columns

from .admin_form_data import edit_form_data

pytestmark = pytest.mark.django_db

REFUSED = "Translators cannot add items."


@pytest.fixture
def members():
    return [MemberOrganisationFactory(name=name) for name in ("Alpha Watch", "Beta Forum", "Gamma Network")]


def item_relations(model):
    """The page type's own item relations (signatories, attachments…), not Wagtail's (comments)."""
    return [
        relation.get_accessor_name()
        for relation in get_all_child_relations(model)
        if not relation.related_model.__module__.startswith("wagtail.")
    ]


def record(page):
    """Each item relation's rows, in order: their ids and every field but the translations (an empty
    text is "", as a form saves it, where code that made the row left None)."""
    return {
        name: [
            (
                row.pk,
                {
                    field.attname: "" if getattr(row, field.attname) is None else getattr(row, field.attname)
                    for field in row._meta.concrete_fields
                    if field.attname not in translation_columns(type(row))
                },
            )
            for row in getattr(page, name).all()
        ]
        for name in item_relations(type(page))
    }


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def a_document():
    document = get_document_model()(title="The joint letter")
    document.file.save("joint-letter.txt", ContentFile(b"The joint letter."), save=False)
    document.save()
    return document


def an_article(members):
    article = ArticlePage(
        title="Joint statement on Testland",
        slug="joint-statement-testland",
        kind=ArticlePage.Kind.STATEMENT,
        date=datetime.date(2024, 3, 5),
        teaser="Members call for protection.",
    )
    article.signatories = [
        ArticleSignatory(member=members[0], sort_order=0),
        ArticleSignatory(member=members[1], sort_order=1),
    ]
    article.attachments = [ArticleAttachment(document=a_document(), title="The letter", sort_order=0)]
    return publish(NewsIndexPage.objects.get(), article)


def a_crisis(members):
    levels = list(CrisisLevel.objects.all()[:2])
    crisis = CrisisPage(title="Testland situation", slug="testland", status="current", summary="Lake summary.")
    crisis.level_changes = [
        CrisisLevelChange(level=level, date=datetime.date(2020 + n, 1, 1), precision="year", reason=f"Reason {n}")
        for n, level in enumerate(levels)
    ]
    crisis.developments = [
        CrisisDevelopment(date=datetime.date(2021, 5, n + 1), title=f"Development {n}", sort_order=n) for n in range(2)
    ]
    crisis.related_pages = [CrisisRelatedPage(page=ResourcePage.objects.first(), sort_order=0)]
    return publish(CrisisIndexPage.objects.get(), crisis)


def the_history(members):
    history = HistoryPage.objects.get()
    assert history.events.count() >= 2
    return history


def the_home_page(members):
    home = HomePage.objects.get()
    home.featured_items = [
        HomeFeaturedItem(page=an_article(members), sort_order=0),
        HomeFeaturedItem(page=CrisisPage.objects.first() or a_crisis(members), sort_order=1),
    ]
    home.save_revision().publish()
    return HomePage.objects.get()


BUILDERS = {ArticlePage: an_article, CrisisPage: a_crisis, HistoryPage: the_history, HomePage: the_home_page}


def latest(page):
    """The page as its latest revision has it (read afresh: the revision a POST made)."""
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def translate(data, page):
    """A French SEO title, and a French translation of each first item's texts (where items have any)."""
    data["seo_title_fr"] = "Titre traduit"
    changed = {}
    for key in list(data):
        match = re.fullmatch(r"(\w+)-0-(\w+_fr)", key)
        if match and match.group(1) in item_relations(type(page)):
            data[key] = changed[match.groups()] = f"Traduit : {match.group(2)}"
    return changed


def errors(response):
    return response.content.decode()[:3000] if response.status_code != 302 else ""


def test_every_page_type_with_items_is_covered():
    assert {model for model in get_page_models() if model is not Page and item_relations(model)} == set(BUILDERS)


@pytest.mark.parametrize("model", BUILDERS, ids=lambda model: model.__name__)
def test_a_translator_saves_a_translation_of_a_page_with_items(client, translator, members, model):
    page = BUILDERS[model](members)
    before = record(page)
    assert all(before.values()), before  # every relation has items
    client.force_login(translator)
    data = edit_form_data(client, page, browser=True)
    items = "|".join(item_relations(model))
    assert not [key for key in data if re.fullmatch(rf"({items})-\d+-(id|ORDER|DELETE)", key)]  # as a browser sends
    changed = translate(data, page)

    response = client.post(edit_url(page), data)  # "Save draft"
    assert response.status_code == 302, errors(response)
    draft = latest(page)
    assert draft.seo_title_fr == "Titre traduit"
    assert record(draft) == before
    for (relation, column), value in changed.items():
        assert getattr(getattr(draft, relation).all()[0], column) == value
    assert record(type(page).objects.get(pk=page.pk)) == before  # the live rows are untouched


def test_a_translators_statement_keeps_its_signatories_and_attachment_through_moderation(
    client, translator, moderator, members
):
    article = an_article(members)
    before = record(article)
    client.force_login(translator)
    data = edit_form_data(client, article, browser=True)
    data["teaser_fr"] = "Les membres appellent à la protection."
    data["attachments-0-title_fr"] = "La lettre"

    response = client.post(edit_url(article), {**data.dict(), "action-submit": "1"})
    assert response.status_code == 302, errors(response)
    state = WorkflowState.objects.get(object_id=str(article.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    draft = latest(article)
    assert [s.member for s in draft.signatories.all()] == members[:2]
    assert record(draft) == before

    client.force_login(moderator)
    approve = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", state.current_task_state.pk])
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.teaser_fr == "Les membres appellent à la protection."
    assert article.attachments.get().title_fr == "La lettre"
    assert [s.member for s in article.signatories.all()] == members[:2]
    assert record(article) == before
    html = client.get(article.get_url()).content.decode()
    assert "Alpha Watch" in html and "Beta Forum" in html and "Gamma Network" not in html


def forged(data, article, members):
    """A translator's form with the disabled item controls put back in and changed."""
    signatories = list(article.signatories.all())
    data.update({f"signatories-{n}-id": str(s.pk) for n, s in enumerate(signatories)})
    data.update({f"signatories-{n}-member": str(s.member_id) for n, s in enumerate(signatories)})
    data.update({f"signatories-{n}-ORDER": str(n + 1) for n in range(len(signatories))})
    return data


def swap_ids(data, article, members):
    first, second = article.signatories.all()
    data.update({"signatories-0-id": str(second.pk), "signatories-1-id": str(first.pk)})


def unknown_ids(data, article, members):
    data.update({"signatories-0-id": "999999", "signatories-1-id": "not-a-number"})


def delete_one(data, article, members):
    data.update({"signatories-1-DELETE": "on", "attachments-0-DELETE": "on"})


def reorder(data, article, members):
    data.update({"signatories-0-ORDER": "2", "signatories-1-ORDER": "1"})


def change_the_member(data, article, members):
    data.update({"signatories-0-member": str(members[2].pk)})


def fewer_items(data, article, members):
    data.update({"signatories-TOTAL_FORMS": "1", "signatories-INITIAL_FORMS": "1", "attachments-TOTAL_FORMS": "0"})
    data.update({"attachments-INITIAL_FORMS": "0"})


def more_initial_items(data, article, members):
    data.update({"signatories-TOTAL_FORMS": "3", "signatories-INITIAL_FORMS": "3"})
    data.update({"signatories-2-id": "", "signatories-2-member": str(members[2].pk)})


def add_a_signatory(data, article, members):
    data.update({"signatories-TOTAL_FORMS": "3", "signatories-2-id": "", "signatories-2-member": str(members[2].pk)})
    data.update({"signatories-2-ORDER": "3"})


@pytest.mark.parametrize(
    "forge",
    [swap_ids, unknown_ids, delete_one, reorder, change_the_member, fewer_items, more_initial_items, add_a_signatory],
)
def test_a_translators_forged_item_changes_are_ignored(client, translator, members, forge):
    article = an_article(members)
    before = record(article)
    client.force_login(translator)
    data = forged(edit_form_data(client, article, browser=True), article, members)
    data["teaser_fr"] = "Les membres appellent à la protection."
    forge(data, article, members)

    response = client.post(edit_url(article), {**data.dict(), "action-submit": "1"})
    assert response.status_code == 302, errors(response)
    draft = latest(article)
    assert draft.teaser_fr == "Les membres appellent à la protection."  # the translation is kept
    assert record(draft) == before  # and nothing else
    assert [s.member for s in draft.signatories.all()] == members[:2]


def test_a_translators_forged_new_item_with_text_is_refused(client, translator, members):
    article = an_article(members)
    revisions = article.revisions.count()
    client.force_login(translator)
    data = edit_form_data(client, article, browser=True)
    data.update({"attachments-TOTAL_FORMS": "2", "attachments-1-document": str(a_document().pk)})
    data.update({"attachments-1-title_en": "A forged attachment", "attachments-1-title_fr": "Une pièce jointe"})
    data["teaser_fr"] = "Les membres appellent à la protection."

    response = client.post(edit_url(article), {**data.dict(), "action-submit": "1"})
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert article.revisions.count() == revisions  # nothing saved
    assert ArticleAttachment.objects.filter(article=article).count() == 1


def test_a_translation_keeps_the_items_an_editor_added_in_a_draft(client, superuser, translator, members):
    article = an_article(members)
    client.force_login(superuser)
    data = edit_form_data(client, article)
    data.update({"signatories-TOTAL_FORMS": "3", "signatories-2-id": "", "signatories-2-ORDER": "3"})
    data.update({"signatories-2-member": str(members[2].pk), "signatories-2-DELETE": ""})
    response = client.post(edit_url(article), data)  # the editor saves a draft with a third signatory
    assert response.status_code == 302, errors(response)
    draft = latest(article)
    assert [s.member for s in draft.signatories.all()] == members
    assert draft.signatories.all()[2].pk is None  # a draft's new item has no row yet

    client.force_login(translator)
    data = edit_form_data(client, draft, browser=True)
    data["teaser_fr"] = "Les membres appellent à la protection."
    response = client.post(edit_url(article), data)
    assert response.status_code == 302, errors(response)
    translated = latest(article)
    assert translated.teaser_fr == "Les membres appellent à la protection."
    assert [s.member for s in translated.signatories.all()] == members
    assert record(translated) == record(draft)


@pytest.mark.parametrize("model", BUILDERS, ids=lambda model: model.__name__)
def test_a_translator_sees_no_add_move_or_delete_buttons_on_items(client, superuser, translator, members, model):
    """A translator translates the items (signatories, attachments, developments…) but may not add,
    reorder or delete any: the form shows no such buttons (the forged-form tests above show that the
    view refuses them too); an editor's form keeps them."""
    page = BUILDERS[model](members)
    relations = item_relations(model)
    client.force_login(superuser)
    html = client.get(edit_url(page)).content.decode()
    for relation in relations:
        assert f'id="id_{relation}-ADD"' in html, relation
    assert "data-inline-panel-child-move-up" in html and 'title="Delete"' in html

    client.force_login(translator)
    html = client.get(edit_url(page)).content.decode()
    for relation in relations:
        assert f'id="id_{relation}-ADD"' not in html, relation
        assert f'id="id_{relation}-FORMS"' in html, relation  # the items are there, to translate
    for control in ("data-inline-panel-child-move-up", "data-inline-panel-child-drag", 'title="Delete"'):
        assert control not in html, control
