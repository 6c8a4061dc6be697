"""Translation tooling: everything that helps people translate the site's content.

- ``registry``: the records translators work on (pages, members, regions, sectors, offices, topics),
- ``status``: how complete each language is (the admin report and ``manage.py translation_status``),
- ``exchange``: gettext PO files for outside translators (``export_translations`` /
  ``import_translations``),
- ``staleness``: out-of-date translations (``TranslationSource``, kept up to date by signals),
- ``translators``: what a translator-only user may change in the admin forms,
- ``admin_views`` and ``wagtail_hooks``: the status report, the side-by-side view, the dashboard
  panel and the admin rules for translators.

``core`` and the other apps never import this app: it plugs into their admin forms through
``core.admin_forms`` and into the admin through Wagtail hooks (``apps.TranslationsConfig.ready``).
"""
