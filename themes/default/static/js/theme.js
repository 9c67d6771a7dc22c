// Sidebar navigation (built from nav.js, so each page does not carry the whole tree),
// the dark-mode toggle and the phone menu. Plain JS; works under file://.
(function () {
  "use strict";
  var doc = document.documentElement;
  var root = doc.getAttribute("data-root") || "";
  var current = doc.getAttribute("data-page") || "";

  function buildList(items) {
    var ul = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + item.url;
      a.textContent = item.title;
      var active = item.url === current;
      if (active) a.setAttribute("aria-current", "page");
      if (item.children && item.children.length) {
        var details = document.createElement("details");
        var summary = document.createElement("summary");
        summary.appendChild(a);
        details.appendChild(summary);
        var sub = buildList(item.children);
        details.appendChild(sub.list);
        if (active || sub.holdsCurrent) details.open = true;
        li.appendChild(details);
        if (sub.holdsCurrent) active = true;
      } else {
        li.appendChild(a);
      }
      ul.appendChild(li);
      if (active) ul.holdsCurrent = true;
    });
    return { list: ul, holdsCurrent: !!ul.holdsCurrent };
  }

  function buildNav() {
    var nav = document.getElementById("sidebar");
    if (!nav || !window.khumueNav) return;
    var home = document.createElement("a");
    home.href = root + "index.html";
    home.textContent = window.khumueNav.home || "หน้าแรก";
    if (current === "index.html") home.setAttribute("aria-current", "page");
    nav.appendChild(home);
    nav.appendChild(buildList(window.khumueNav.items).list);
    var active = nav.querySelector('[aria-current="page"]');
    // Scroll only the sidebar, never the page, to show where the reader is.
    if (active) nav.scrollTop = active.offsetTop - nav.clientHeight / 2;
  }

  function setupToggles() {
    var themeButton = document.querySelector(".theme-toggle");
    if (themeButton) {
      themeButton.addEventListener("click", function () {
        var dark = doc.getAttribute("data-theme")
          ? doc.getAttribute("data-theme") === "dark"
          : window.matchMedia("(prefers-color-scheme: dark)").matches;
        var next = dark ? "light" : "dark";
        doc.setAttribute("data-theme", next);
        try { localStorage.setItem("khumue-theme", next); } catch (e) {}
      });
    }
    var menu = document.querySelector(".menu-toggle");
    if (menu) {
      menu.addEventListener("click", function () {
        var open = document.body.classList.toggle("nav-open");
        menu.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }
  }

  // Reading-path checklists: ticks are kept in this browser (localStorage works under file://).
  function setupChecklists() {
    var lists = document.querySelectorAll(".path-list[data-path]");
    if (!lists.length) return;
    function key(path, item) { return "khumue-path:" + path + ":" + item; }
    function refresh(path) {
      var boxes = document.querySelectorAll('.path-list[data-path="' + path + '"] input[data-item]');
      var done = 0;
      boxes.forEach(function (b) { if (b.checked) done += 1; });
      document.querySelectorAll('.path-progress[data-path="' + path + '"]').forEach(function (p) {
        p.querySelector("[data-done]").textContent = done;
        p.querySelector("[data-total]").textContent = boxes.length;
      });
    }
    lists.forEach(function (list) {
      var path = list.getAttribute("data-path");
      list.querySelectorAll("input[data-item]").forEach(function (box) {
        var k = key(path, box.getAttribute("data-item"));
        try { box.checked = localStorage.getItem(k) === "1"; } catch (e) {}
        box.addEventListener("change", function () {
          try {
            if (box.checked) localStorage.setItem(k, "1");
            else localStorage.removeItem(k);
          } catch (e) {}
          refresh(path);
        });
      });
      refresh(path);
    });
  }

  function start() {
    buildNav();
    setupToggles();
    setupChecklists();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
