// quire serve: reloads the page after each successful rebuild, and shows the
// build's errors over the last good page until they are fixed. Served only by
// `quire serve`; never part of a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var status = script.src.replace(/reload\.js(\?.*)?$/, "status");
  var seen = null;
  var overlay = null;

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function show(errors) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "quire-build-errors";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("lang", "en");
    overlay.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;" +
      "padding:1.5rem;background:rgba(20,20,20,.94);color:#fff;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
    var title = document.createElement("p");
    title.style.cssText = "margin:0 0 1rem;font-weight:bold;color:#ff8a80";
    title.textContent =
      "The site was not rebuilt: fix " +
      (errors.length === 1 ? "this problem" : "these " + errors.length + " problems") +
      " and save; this page reloads by itself.";
    overlay.appendChild(title);
    errors.forEach(function (text) {
      var pre = document.createElement("pre");
      pre.style.cssText = "margin:0 0 1rem;white-space:pre-wrap;overflow-wrap:anywhere";
      pre.textContent = text;
      overlay.appendChild(pre);
    });
    document.body.appendChild(overlay);
  }

  function poll() {
    var url = status + "?since=" + (seen === null ? 0 : seen);
    fetch(url, { cache: "no-store" })
      .then(function (response) {
        return response.json();
      })
      .then(function (state) {
        var changed = seen !== null && state.generation !== seen;
        seen = state.generation;
        if (state.errors.length > 0) {
          show(state.errors);
        } else if (changed) {
          location.reload();
          return;
        } else {
          hide();
        }
        poll();
      })
      .catch(function () {
        // The server restarts or is gone: try again shortly.
        setTimeout(poll, 1000);
      });
  }

  poll();
})();
