"""Admin hooks of the shared app: the audit trail's actions, autosave's new pages (``core.autosave``)
and the dashboard's scheduler panel."""

import html

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.templatetags.static import static
from django.utils.html import format_html, strip_tags
from django.utils.timezone import get_current_timezone
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import scheduler
from .audit import register_actions
from .autosave import is_autosave, mark_autosave_started
from .go_live import format_go_live, scheduled_go_live
from .paths import redirect_without_empty_parameters
from .staff_roles import WORKFLOWS, group_label, workflow_label

hooks.register("register_log_actions", register_actions)
hooks.register("after_create_page", mark_autosave_started)


@hooks.register("before_serve_page")
def clean_address(page, request, serve_args, serve_kwargs):
    """A page asked for with empty parameters (a listing's filter form submitted with "All" chosen:
    ``?level=&region=``) redirects to the same query without them (``core.paths``)."""
    return redirect_without_empty_parameters(request)


@hooks.register("insert_editor_js")
def preview_mode_script():
    """A preview mode (language) chosen while the preview panel is still loading is not dropped."""
    return format_html('<script src="{}"></script>', static("core/admin/preview_mode.js"))


class SchedulerPanel(Component):
    """When the scheduled jobs (scheduled publishing and expiry, the outbox, data retention) last ran,
    and a warning when the scheduler has not run for ``SCHEDULER_STALE_AFTER`` seconds: scheduled
    pages then never go live."""

    name = "scheduler"
    order = 20
    template_name = "core/admin/scheduler_panel.html"

    def get_context_data(self, parent_context):
        return {
            "last_run": scheduler.last_run(),
            "stale": scheduler.is_stale(),
            "stale_minutes": settings.SCHEDULER_STALE_AFTER // 60,
        }


@hooks.register("construct_homepage_panels")
def add_scheduler_panel(request, panels):
    panels.append(SchedulerPanel())


class PublishingHelpPanel(Component):
    """For staff who may change pages but not publish them (Editors, Translators): their changes are
    submitted to the workflow ("Submit to Moderators approval") and a reviewer of its groups
    publishes them. Names the workflow and the groups as the site has them."""

    name = "publishing_help"
    order = 15
    template_name = "core/admin/publishing_help_panel.html"

    def __init__(self, may_add=True):
        self.may_add = may_add

    def get_context_data(self, parent_context):
        return {**moderation_summary(), "may_add": self.may_add}


def moderation_summary():
    """The workflow that governs the page tree and the names of the groups that review in it."""
    from wagtail.models import GroupApprovalTask, Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    workflow = site.root_page.get_workflow() if site else None
    groups = []
    if workflow is not None:
        tasks = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow, active=True).prefetch_related(
            "groups"
        )
        groups = sorted({str(group_label(group.name)) for task in tasks for group in task.groups.all()})
    return {
        "workflow": workflow,
        "workflow_name": workflow_label(workflow.name) if workflow else "",
        "reviewer_groups": groups,
    }


@hooks.register("construct_homepage_panels")
def add_publishing_help_panel(request, panels):
    from wagtail.permission_policies.pages import PagePermissionPolicy

    policy = PagePermissionPolicy()
    if policy.user_has_any_permission(request.user, ["add", "change"]) and not policy.user_has_permission(
        request.user, "publish"
    ):
        panels.append(PublishingHelpPanel(may_add=policy.user_has_permission(request.user, "add")))


def with_translated_workflow_names(item):
    """``item`` labelled "Submit to <workflow>" / "Resubmit to <task>" with the name in the staff member's
    language (``core.staff_roles``), as the dashboard's publishing help quotes it. Wagtail keeps one
    instance of its page menu items for every request, so an item is wrapped once."""
    base = type(item)
    if getattr(base, "translates_workflow_names", False):
        return item

    class Translated(base):
        translates_workflow_names = True

        def get_context_data(self, parent_context):
            context = super().get_context_data(parent_context)
            label = str(context.get("label", ""))
            for stored in WORKFLOWS:
                label = label.replace(stored, str(workflow_label(stored)))
            context["label"] = label
            return context

    Translated.__name__ = base.__name__
    item.__class__ = Translated
    return item


@hooks.register("construct_page_action_menu")
@hooks.register("construct_snippet_action_menu")
def translate_workflow_names_in_action_menu(menu_items, request, context):
    from wagtail.admin.action_menu import SubmitForModerationMenuItem
    from wagtail.snippets.action_menu import SubmitForModerationMenuItem as SnippetSubmitMenuItem

    for item in menu_items:
        if isinstance(item, SubmitForModerationMenuItem | SnippetSubmitMenuItem):
            with_translated_workflow_names(item)


@hooks.register("after_edit_page")
def say_when_an_approved_page_goes_live(request, page):
    """A moderator who approves a version with a go-live date in the future reads "scheduled to go live on
    <date, time and zone>", not Wagtail's "has been updated" (nothing visitors see has changed yet)."""
    if "action-workflow-action" not in request.POST or page.workflow_in_progress:
        return
    when = scheduled_go_live(page)
    stored = type(page).objects.filter(pk=page.pk).values("live", "has_unpublished_changes").first() or {}
    if when is None and not (stored.get("live") and not stored.get("has_unpublished_changes")):
        return  # rejected, or sent back for changes: Wagtail's own message stands
    title = page.get_admin_display_title()
    updated = gettext("Page '%(page_title)s' has been updated.") % {"page_title": title}
    storage = messages.get_messages(request)
    # Reading the messages marks them as read: the others are added again. Wagtail's are HTML-escaped.
    kept = [message for message in storage if html.unescape(strip_tags(str(message.message))).strip() != updated]
    for message in kept:
        messages.add_message(request, message.level, message.message, extra_tags=message.extra_tags)
    if when is None:  # approved by the workflow's last step: published now (the staff walk)
        messages.success(request, gettext("Page '%(page_title)s' is approved and published.") % {"page_title": title})
        return
    scheduled = gettext("Page '%(page_title)s' is approved and scheduled to go live on %(when)s.")
    messages.success(request, scheduled % {"page_title": title, "when": format_go_live(when, get_current_timezone())})


@hooks.register("before_edit_page")
def locked_pages_are_not_autosaved(request, page):
    """Autosave of a page that is locked for this editor (in moderation, or locked by a colleague) answers
    409 Conflict with the reason, instead of Wagtail's bare 400: the editor's open tab keeps sending
    background saves after they submitted the page, and nothing can be saved until the review ends.
    Wagtail's autosave shows the message in its indicator ("locked" is one of its known errors)."""
    if not is_autosave(request):
        return None
    lock = page.get_lock()
    if lock is None or not lock.for_user(request.user):
        return None
    reason = html.unescape(strip_tags(str(lock.get_message(request.user) or ""))).strip()
    message = gettext("Not autosaved: the page is locked.") + (f" {reason}" if reason else "")
    return JsonResponse({"success": False, "error_code": "locked", "error_message": message}, status=409)
