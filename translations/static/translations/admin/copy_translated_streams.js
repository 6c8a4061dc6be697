/* "Copy content from" buttons of the admin's edit forms (rendered by the server under each translated
   text field: translations/copying.py). A plain text field takes the other language's text here; a
   StreamField or a rich text field is rebuilt by translations' copy view from the other language's
   inputs (translations/wagtail_hooks.py), and Wagtail's scripts start the new editor by themselves.
   One listener on the document, so buttons in panels added later work too. */
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

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-translation-copy]");
    if (!button || !button.form) return;
    if (button.dataset.translationCopy === "text") copyText(button.form, button.dataset.origin, button.dataset.target);
    else copyBlocks(button.form, button);
  });
})();
