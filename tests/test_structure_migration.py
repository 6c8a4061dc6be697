"""Models that moved between apps keep their rows and their content type (run on SQLite and PostgreSQL):
the member directory page from ``members`` to ``pages`` (pages/0003, members/0003), the translation
sources from ``core`` to ``translations`` (core/0004, translations/0001)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("pages", "0002_translators_group"), ("members", "0002_sort_key_search_text_directory_indexes")]
AFTER = [("pages", "0003_memberdirectorypage_from_members"), ("members", "0003_memberdirectorypage_moved_to_pages")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_directory_page_keeps_its_row_and_content_type():
    old_apps = migrate(BEFORE)
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    Page = old_apps.get_model("wagtailcore", "Page")
    OldDirectory = old_apps.get_model("members", "MemberDirectoryPage")
    content_type, _created = ContentType.objects.get_or_create(app_label="members", model="memberdirectorypage")
    root = Page.objects.get(depth=1)
    page = OldDirectory.objects.create(
        title="Members (migrated)",
        draft_title="Members (migrated)",
        slug="members-migrated",
        path=root.path + "0099",
        depth=2,
        numchild=0,
        url_path="/members-migrated/",
        content_type=content_type,
        intro="Kept through the move.",
        locale_id=root.locale_id,
    )
    try:
        new_apps = migrate(AFTER)
        NewDirectory = new_apps.get_model("pages", "MemberDirectoryPage")
        moved = NewDirectory.objects.get(pk=page.pk)
        assert moved.intro == "Kept through the move."
        assert moved.title == "Members (migrated)"
        content_type = new_apps.get_model("contenttypes", "ContentType").objects.get(pk=content_type.pk)
        assert (content_type.app_label, content_type.model) == ("pages", "memberdirectorypage")
        assert NewDirectory._meta.db_table == "pages_memberdirectorypage"
        assert "pages_memberdirectorypage" in connection.introspection.table_names()
        assert "members_memberdirectorypage" not in connection.introspection.table_names()
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


CORE_BEFORE = ("core", "0003_merge_20261129_2235")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_translation_sources_keep_their_rows_and_content_type():
    executor = MigrationExecutor(connection)
    executor.migrate([("translations", None), CORE_BEFORE])  # None: unapply every migration of the app
    old_apps = executor.loader.project_state([CORE_BEFORE]).apps
    assert "core_translationsource" in connection.introspection.table_names()
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="translations", model="translationsource").delete()
    own_type, _created = ContentType.objects.get_or_create(app_label="core", model="translationsource")
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    OldSource = old_apps.get_model("core", "TranslationSource")
    record = OldSource.objects.create(
        content_type=page_type, object_id=3, field="intro", language="fr", source="Kept.", translation_digest="d"
    )
    try:
        new_apps = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        NewSource = new_apps.get_model("translations", "TranslationSource")
        moved = NewSource.objects.get(pk=record.pk)
        assert (moved.content_type_id, moved.object_id, moved.field, moved.language, moved.source) == (
            page_type.pk,
            3,
            "intro",
            "fr",
            "Kept.",
        )
        own_type = new_apps.get_model("contenttypes", "ContentType").objects.get(pk=own_type.pk)
        assert (own_type.app_label, own_type.model) == ("translations", "translationsource")
        assert NewSource._meta.db_table == "translations_translationsource"
        assert "translations_translationsource" in connection.introspection.table_names()
        assert "core_translationsource" not in connection.introspection.table_names()
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
