"""Text of translated fields, StreamFields included: one helper for the site chrome, the search index,
the initial content and the translation tools (status report, PO exchange, side-by-side view and
out-of-date marks)."""

import copy

from wagtail import blocks

TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock)


def is_blank(value):
    """None, blank text, or an empty StreamField / list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    source = getattr(value, "source", None)  # RichText
    if isinstance(source, str):
        return not source.strip()
    try:
        return len(value) == 0
    except TypeError:
        return False


def stream_raw(obj, column):
    """The stream in ``column`` as plain JSON-ready data (list of {type, value, id})."""
    model_field = obj._meta.get_field(column)
    value = getattr(obj, column)
    if value is None:
        return []
    return copy.deepcopy(model_field.stream_block.get_prep_value(value))


def _walk(block, raw, path, out, holder=None, key=None):
    """Collect ``(path, holder, key, text, is_html)`` for every text leaf of ``raw``."""
    if isinstance(block, blocks.StreamBlock):
        for index, item in enumerate(raw or []):
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                _walk(child, item.get("value"), path + [f"{index}:{item['type']}"], out, item, "value")
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(raw or []):
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                _walk(block.child_block, item["value"], path + [str(index)], out, item, "value")
            else:
                _walk(block.child_block, item, path + [str(index)], out, raw, index)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            if isinstance(raw, dict) and name in raw:
                _walk(child, raw[name], path + [name], out, raw, name)
    elif isinstance(block, blocks.RichTextBlock):
        if isinstance(raw, str) and holder is not None:
            out.append(("/".join(path), holder, key, raw, True))
    elif isinstance(block, TEXT_BLOCKS):
        if isinstance(raw, str) and holder is not None:
            out.append(("/".join(path), holder, key, raw, False))


def stream_leaves(stream_block, raw):
    """[(path, holder, key, text, is_html)] for the text leaves of a raw stream. ``path`` reads
    ``<index>:<block type>/<child name>/…``; ``holder[key] = text`` changes the leaf in ``raw``."""
    out = []
    _walk(stream_block, raw, [], out)
    return out


def stream_texts(obj, column):
    """{path: text} of the text leaves of the StreamField in ``column``."""
    stream_block = obj._meta.get_field(column).stream_block
    return {path: text for path, _h, _k, text, _html in stream_leaves(stream_block, stream_raw(obj, column))}
