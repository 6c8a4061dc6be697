// The preview panel shows the language chosen in "Preview mode", even when it is chosen while the
// panel is still loading the previous one.
//
// Wagtail's preview controller (w-preview) re-renders on a mode change through setPreviewData(),
// which returns the update already under way, if any: a mode chosen once that update had started
// loading its page (the first load, or a refresh after an edit) was dropped, and the panel kept
// showing the old language. Here, after a mode change, once no update is under way, the preview is
// updated again if the page it shows is not in the chosen mode.
(function () {
  "use strict";

  function shownMode(preview) {
    try {
      return new URL(preview.iframeTarget.src, window.location.href).searchParams.get("mode") || "";
    } catch (error) {
      return null; // unknown: leave it to Wagtail
    }
  }

  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select || select.name !== "preview_mode") return;
    var element = select.closest("[data-controller~='w-preview']");
    var app = window.wagtail && window.wagtail.app;
    if (!element || !app || !app.getControllerForElementAndIdentifier) return;
    var preview = app.getControllerForElementAndIdentifier(element, "w-preview");
    if (!preview || typeof preview.setPreviewData !== "function") return;
    var wanted = select.value;
    var waited = 0;
    (function check() {
      if (preview.updatePromise && waited < 30000) {
        waited += 100;
        window.setTimeout(check, 100);
        return;
      }
      var shown = shownMode(preview);
      if (select.value === wanted && shown !== null && shown !== wanted) preview.setPreviewData();
    })();
  });
})();
