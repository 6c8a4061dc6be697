"""The translation status report in the Wagtail admin (Reports → Translation status) and the
side-by-side translation view of one record (``/admin/translate/<kind>/<id>/<language>/``)."""

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.translatable import DEFAULT_LANGUAGE, other_languages
from pages.templatetags.site_tags import language_name

from .exchange import ExchangeError, import_po, load_target, texts_of
from .registry import KINDS_BY_KEY, edit_url, object_label
from .status import translation_status


def can_see_translation_status(user):
    """Editors, moderators and translators: whoever may edit pages."""
    return user.is_active and PagePermissionPolicy(Page).user_has_any_permission(user, ["add", "change", "publish"])


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translations/admin/translation_status.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_translation_status(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = translation_status(user=self.request.user)
        selected_code = self.request.GET.get("language")
        if selected_code not in other_languages():
            selected_code = None
        context["statuses"] = statuses
        context["selected"] = selected = next((s for s in statuses if s.code == selected_code), None)
        if selected is not None:
            for obj in selected.objects:
                if obj.edit_url:
                    obj.translate_url = reverse("translate", args=[obj.kind, obj.pk, selected.code])
        return context


class TranslateView(WagtailAdminTemplateMixin, TemplateView):
    """One record's translation into one language, side by side: the English of each translatable
    field (StreamField text blocks one by one) beside the language's text. Saving records a revision
    and submits it for moderation, as any translator's edit."""

    template_name = "translations/admin/translate.html"
    header_icon = "globe"

    def dispatch(self, request, kind, pk, language, *args, **kwargs):
        self.kind_key, self.language = kind, language
        if language not in other_languages() or kind not in KINDS_BY_KEY:
            raise Http404
        obj = KINDS_BY_KEY[kind].get(pk)
        if obj is None:
            raise Http404
        if edit_url(obj, request.user) is None:
            raise PermissionDenied
        self.obj = obj
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Translate into %(language)s") % {"language": language_name(self.language)}

    def get_page_subtitle(self):
        return object_label(self.obj)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("translation_status") + f"?language={self.language}", "label": _("Translation status")},
            {"url": "", "label": self.get_page_title()},
        ]

    def rows(self, posted=None):
        target = load_target(self.kind_key, self.obj.pk, drafts=True)
        rows = []
        with translation.override(DEFAULT_LANGUAGE):
            for text in texts_of(target, self.language):
                label = text.comment.split("\n")[0].split(" — ", 1)[-1]
                rows.append(
                    {
                        "context": text.context,
                        "label": label,
                        "english": text.source,
                        "value": posted.get(text.context, text.translation) if posted is not None else text.translation,
                        "is_html": text.is_html,
                        "previous": text.previous,
                        "multiline": text.is_html or "\n" in text.source or len(text.source) > 80,
                    }
                )
        return rows

    def get_context_data(self, rows=None, problems=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "rows": rows if rows is not None else self.rows(),
                "problems": problems or [],
                "language": self.language,
                "language_name": language_name(self.language),
                "direction": "rtl" if translation.get_language_info(self.language)["bidi"] else "ltr",
                "edit_url": edit_url(self.obj, self.request.user),
                "object_label": object_label(self.obj),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        posted = {key[len("t:") :]: value for key, value in request.POST.items() if key.startswith("t:")}
        rows = self.rows(posted)
        po = polib.POFile(wrapwidth=0)
        po.metadata = {"Language": self.language}
        for row in rows:
            if row["value"].strip():
                po.append(polib.POEntry(msgctxt=row["context"], msgid=row["english"], msgstr=row["value"]))
        try:
            report = import_po(po, self.language, submit_user=request.user)
        except ExchangeError as exc:
            return self.render_to_response(self.get_context_data(rows=rows, problems=exc.problems))
        if report.records:
            messages.success(
                request,
                _("“%(name)s”: translation saved and submitted for moderation.") % {"name": object_label(self.obj)},
            )
        else:
            messages.info(request, _("Nothing changed."))
        return redirect(request.get_full_path())
