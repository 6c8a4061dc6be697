"""Admin look of the member records (the viewsets are in ``viewsets.py``, grouped by ``pages``)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def member_listing_css():
    return format_html('<link rel="stylesheet" href="{}">', static("members/admin.css"))
