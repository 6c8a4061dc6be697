"""Tools for translators, shared by the admin and the management commands.

- ``registry``: which records and fields are translatable (read from modeltranslation's registry),
- ``status``: how complete each language is (the admin report and ``manage.py translation_status``),
- ``exchange``: gettext PO files for outside translators (``export_translations`` /
  ``import_translations``).
"""
