// khumue serve: reloads the page when a rebuild finishes, keeping the scroll position, and
// shows build errors over the page until the next good build.
(function () {
  "use strict";
  var key = "khumue-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = parseInt(saved, 10);
    if (!isNaN(y)) {
      var restore = function () { window.scrollTo(0, y); };
      if (document.readyState === "complete") restore();
      else window.addEventListener("load", restore);
    }
  }

  var overlay = null;
  function showError(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "khumue-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:1.5rem;" +
        "background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 monospace";
      var title = document.createElement("strong");
      title.textContent = "khumue: the build failed; this is the last good version of the page.";
      var close = document.createElement("button");
      close.textContent = "×";
      close.setAttribute("aria-label", "close");
      close.style.cssText = "float:right;font-size:1.5rem;background:none;color:#fff;border:0;cursor:pointer";
      close.onclick = function () { overlay.style.display = "none"; };
      var pre = document.createElement("pre");
      pre.style.whiteSpace = "pre-wrap";
      overlay.appendChild(close);
      overlay.appendChild(title);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    // textContent, never innerHTML: diagnostics quote the user's text.
    overlay.querySelector("pre").textContent = text;
    overlay.style.display = "block";
  }

  var events = new EventSource("/__khumue/events");
  events.addEventListener("reload", function () {
    sessionStorage.setItem(key, String(Math.round(window.scrollY)));
    location.reload();
  });
  events.addEventListener("error", function (event) {
    // The same name is used by EventSource for a lost connection: that one has no data.
    if (typeof event.data === "string") showError(event.data);
  });
})();
