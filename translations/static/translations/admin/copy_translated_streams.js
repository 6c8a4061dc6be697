/* "Copy content from" buttons on the translated StreamFields of the page editor (body_en, body_fr, …,
   body_zh_hans): each copies another language's blocks into this field, through
   translations' copy-stream view (translations/wagtail_hooks.py). Replaces that library's script, which put
   buttons on every nested panel (inline panels such as Signatories and Attachments too) and split
   "body_zh_hans" into "body_zh" + "hans" (targets like "body_zh_fr"). */
(function () {
  "use strict";
  var config = document.getElementById("icrtop-copy-streams");
  if (!config) return;
  config = JSON.parse(config.textContent);
  var codes = config.languages.map(function (code) { return code.replace(/-/g, "_"); });

  /* "body_zh_hans" -> ["body", "zh_hans"]; null unless the name ends in a site language's code. */
  function fieldAndLanguage(name) {
    var match = null;
    codes.forEach(function (code) {
      var suffix = "_" + code;
      if (name.length > suffix.length && name.slice(-suffix.length) === suffix && (!match || code.length > match[1].length)) {
        match = [name.slice(0, -suffix.length), code];
      }
    });
    return match;
  }

  function isStreamField(section, name) {
    var root = section.querySelector("#" + CSS.escape(name));
    return Boolean(root && root.matches("[data-block], [data-controller~='w-block']"));
  }

  function copy(origin, target, button) {
    var form = document.getElementById("page-edit-form");
    var data = new FormData(form);
    var fields = [];
    data.forEach(function (value, name) {
      if (typeof value === "string" && (name === origin || name.indexOf(origin + "-") === 0)) {
        fields.push({ name: name, value: value });
      }
    });
    var body = new URLSearchParams();
    var editing = window.location.pathname.match(/\/pages\/(\d+)\/edit\//);
    var adding = window.location.pathname.match(/\/pages\/add\/([\w]+)\/([\w]+)\//);
    if (editing) body.append("page", editing[1]);
    else if (adding) body.append("content_type", adding[1] + "." + adding[2]);
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
        var root = document.getElementById(target);
        var wrapper = root && root.closest(".w-field__input");
        if (wrapper) wrapper.innerHTML = html;  /* Stimulus starts the new StreamField by itself */
      })
      .catch(function () { window.alert(config.failed); })
      .finally(function () { button.disabled = false; });
  }

  document.querySelectorAll("section.w-panel--nested[id^='panel-child-content-']").forEach(function (section) {
    var name = section.id.replace(/^panel-child-content-/, "").replace(/-section$/, "");
    var parts = fieldAndLanguage(name);
    if (!parts || !isStreamField(section, name)) return;
    var header = section.querySelector(":scope > .w-panel__header");
    if (!header) return;
    var wrapper = document.createElement("div");
    wrapper.className = "translation-field-copy-wrapper";
    wrapper.textContent = config.label + " ";
    config.languages.forEach(function (language) {
      var code = language.replace(/-/g, "_");
      var other = parts[0] + "_" + code;
      if (code === parts[1] || !document.getElementById("panel-child-content-" + other + "-section")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-small button-secondary translation-field-copy";
      button.dataset.origin = other;
      button.dataset.target = name;
      button.lang = language;
      button.textContent = language.toUpperCase();
      button.addEventListener("click", function () { copy(other, name, button); });
      wrapper.appendChild(button);
    });
    header.appendChild(wrapper);
  });
})();
