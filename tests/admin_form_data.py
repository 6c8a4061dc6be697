"""The data an editor's browser sends with a page's edit form, read from the form the admin renders.

``wagtail.test.utils.form_data.querydict_from_html`` reads the plain inputs; a StreamField's inputs are
built in the browser by Wagtail's JavaScript from the block's *form state*, so they are rebuilt here
from the same state (``block.get_form_state``), as that script names them. ``browser=True`` leaves out
what a browser never sends: the controls the form renders disabled (a translator's record fields)."""

from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail import blocks
from wagtail.blocks.field_block import BooleanBlock, ChooserBlock
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html


def block_data(block, state, prefix, data):
    if isinstance(block, blocks.BaseStreamBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            data.update({f"{prefix}-{index}-type": child["type"], f"{prefix}-{index}-deleted": ""})
            data.update({f"{prefix}-{index}-order": str(index), f"{prefix}-{index}-id": child.get("id") or ""})
            block_data(block.child_blocks[child["type"]], child["value"], f"{prefix}-{index}-value", data)
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            data.update({f"{prefix}-{index}-deleted": "", f"{prefix}-{index}-order": str(index)})
            data[f"{prefix}-{index}-id"] = child.get("id") or ""
            block_data(block.child_block, child["value"], f"{prefix}-{index}-value", data)
    elif isinstance(block, blocks.BaseStructBlock):
        for name, child in block.child_blocks.items():
            block_data(child, state.get(name), f"{prefix}-{name}", data)
    elif isinstance(block, ChooserBlock):
        data[prefix] = str(state["id"]) if state else ""
    elif isinstance(block, BooleanBlock):
        if state:
            data[prefix] = "on"
    elif not isinstance(block, blocks.StaticBlock):
        data[prefix] = "" if state is None else state


def disabled_names(html, form_id):
    """The names of the controls of the form ``form_id`` that are disabled (browsers do not send them)."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    controls = form.find_all(["input", "select", "textarea"], attrs={"name": True, "disabled": True})
    return {control["name"] for control in controls}


def page_form_data(client, url, page, browser=False):
    """The form at ``url`` (the edit or add view) with ``page``'s StreamField values in it."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField):
            stream = field.stream_block
            block_data(stream, stream.get_form_state(getattr(page, field.attname)), field.attname, data)
    if browser:
        for name in disabled_names(html, "page-edit-form"):
            data.pop(name, None)
    return data


def edit_form_data(client, page, browser=False):
    return page_form_data(client, reverse("wagtailadmin_pages:edit", args=[page.pk]), page, browser=browser)
