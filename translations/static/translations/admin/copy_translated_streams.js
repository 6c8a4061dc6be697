/* "Copy content from" buttons of the admin's edit forms (rendered by the server under each translated
   text field: translations/copying.py). A plain text field takes the other language's text here; a
   StreamField or a rich text field is rebuilt by translations' copy view from the other language's
   inputs (translations/wagtail_hooks.py), and Wagtail's scripts start the new editor by themselves.
   One listener on the document, so buttons in panels added later work too. A button is shown only
   while the language it copies from has content (the server renders one per other language; an empty
   field has nothing to copy), and a field none of whose other languages has content shows no group. */
(function () {
  "use strict";
  var config = document.getElementById("icrtop-copy-streams");
  if (!config) return;
  config = JSON.parse(config.textContent);

  function changed(element) {
    element.dispatchEvent(new Event("input", { bubbles: true }));
    element.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function copyText(form, origin, target) {
    var from = form.elements.namedItem(origin);
    var to = form.elements.namedItem(target);
    if (!from || !to) return;
    to.value = from.value;
    changed(to);
  }

  function copyBlocks(form, button) {
    var origin = button.dataset.origin;
    var target = button.dataset.target;
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && (name === origin || name.indexOf(origin + "-") === 0)) {
        fields.push({ name: name, value: value });
      }
    });
    var body = new URLSearchParams();
    body.append("content_type", button.dataset.model);
    body.append("origin_field_name", origin);
    body.append("target_field_name", target);
    body.append("serializedOriginField", JSON.stringify(fields));
    button.disabled = true;
    fetch(config.url, {
      method: "POST",
      headers: {
        "X-Requested-With": "XMLHttpRequest",
        "X-CSRFToken": (form.querySelector("[name=csrfmiddlewaretoken]") || {}).value || "",
      },
      body: body,
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (html) {
        /* The buttons follow their field (templates/translations/admin/copy_buttons.html); the field's
           own element ids change once Wagtail's script has started its editor. */
        var field = button.closest(".icrtop-copy-translation").previousElementSibling;
        var input = field && field.querySelector(".w-field__input");
        if (!input) throw new Error("no field");
        input.innerHTML = html;
        var control = form.elements.namedItem(target);
        if (control && control.dispatchEvent) changed(control);
      })
      .catch(function () { window.alert(config.failed); })
      .finally(function () { button.disabled = false; });
  }

  /* The text of a Draftail value (rich text, a StreamField's paragraph), or the value itself. */
  function textOf(value) {
    if (value.charAt(0) !== "{") return value;
    try {
      var parsed = JSON.parse(value);
      if (parsed && Array.isArray(parsed.blocks)) {
        return parsed.blocks.map(function (block) { return block.text || ""; }).join("")
          + (parsed.entityMap && Object.keys(parsed.entityMap).length ? "entity" : "");
      }
    } catch (error) { /* not JSON: plain text */ }
    return value;
  }

  /* Whether the form holds content for the field ``origin``: its own value, or its blocks' values
     (``origin-0-value…``), not the bookkeeping inputs of a StreamField. */
  function hasContent(data, origin) {
    var found = false;
    data.forEach(function (value, name) {
      if (found || typeof value !== "string") return;
      if (name !== origin && name.indexOf(origin + "-") !== 0) return;
      if (/-(count|deleted|order|id|type)$/.test(name)) return;
      if (textOf(value).trim()) found = true;
    });
    return found;
  }

  function showSources() {
    document.querySelectorAll(".icrtop-copy-translation").forEach(function (group) {
      var buttons = group.querySelectorAll("button[data-translation-copy]");
      if (!buttons.length || !buttons[0].form) return;
      var data = new FormData(buttons[0].form);
      var shown = 0;
      buttons.forEach(function (button) {
        button.hidden = !hasContent(data, button.dataset.origin);
        if (!button.hidden) shown += 1;
      });
      group.hidden = shown === 0;
    });
  }

  var pending = null;
  function showSourcesSoon() {
    if (pending) clearTimeout(pending);
    pending = setTimeout(function () { pending = null; showSources(); }, 300);
  }
  document.addEventListener("input", showSourcesSoon);
  document.addEventListener("change", showSourcesSoon);
  document.addEventListener("w-autosave:success", showSourcesSoon);
  /* Once at load, and again once Wagtail's scripts have built the StreamFields' inputs. */
  function showSourcesAtLoad() { setTimeout(showSources, 300); setTimeout(showSources, 2000); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", showSourcesAtLoad);
  else showSourcesAtLoad();

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-translation-copy]");
    if (!button || !button.form) return;
    if (button.dataset.translationCopy === "text") copyText(button.form, button.dataset.origin, button.dataset.target);
    else copyBlocks(button.form, button);
  });
})();
