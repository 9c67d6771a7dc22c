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
        // A disclosure button beside the link (a link inside <summary> would nest two
        // controls in one, which screen readers announce badly).
        var row = document.createElement("div");
        row.className = "nav-row";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "nav-expand";
        button.setAttribute("aria-label", "หัวข้อย่อยของ " + item.title);
        row.appendChild(button);
        row.appendChild(a);
        li.appendChild(row);
        var sub = buildList(item.children);
        var open = active || sub.holdsCurrent;
        button.setAttribute("aria-expanded", open ? "true" : "false");
        sub.list.hidden = !open;
        button.addEventListener("click", function () {
          var now = button.getAttribute("aria-expanded") !== "true";
          button.setAttribute("aria-expanded", now ? "true" : "false");
          sub.list.hidden = !now;
        });
        li.appendChild(sub.list);
        if (sub.holdsCurrent) active = true;
      } else {
        a.className = "nav-leaf";
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
    var nav = document.getElementById("sidebar");
    if (menu && nav) {
      var setMenu = function (open, focusBack) {
        document.body.classList.toggle("nav-open", open);
        menu.setAttribute("aria-expanded", open ? "true" : "false");
        if (open) {
          var target = nav.querySelector('[aria-current="page"]') || nav.querySelector("a, button");
          if (target) target.focus();
        } else if (focusBack) {
          menu.focus();
        }
      };
      menu.addEventListener("click", function () {
        setMenu(!document.body.classList.contains("nav-open"), false);
      });
      document.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && document.body.classList.contains("nav-open")) {
          e.preventDefault();
          setMenu(false, true);
        }
      });
      // A link followed inside the page (the same page's heading) closes the menu too.
      nav.addEventListener("click", function (e) {
        if (e.target.closest && e.target.closest("a")) setMenu(false, false);
      });
    }
  }

  // Glossary tooltips: shown on hover or keyboard focus, placed inside the viewport (fixed, so
  // a table that scrolls sideways does not clip them), closed by Escape with focus kept.
  function setupTips() {
    var terms = document.querySelectorAll(".glossary-term");
    if (!terms.length) return;
    doc.classList.add("js-tips");
    var openTerm = null;
    function place(term) {
      var tip = term.querySelector(".term-tip");
      if (!tip) return;
      var margin = 8;
      var vw = document.documentElement.clientWidth;
      var vh = window.innerHeight;
      tip.style.left = "0px";
      tip.style.top = "0px";
      tip.style.maxWidth = vw - 2 * margin + "px";
      var r = term.getBoundingClientRect();
      var t = tip.getBoundingClientRect();
      var left = Math.min(Math.max(margin, r.left), vw - t.width - margin);
      var top = r.bottom + 4;
      if (top + t.height > vh - margin && r.top - 4 - t.height >= margin) top = r.top - 4 - t.height;
      tip.style.left = Math.max(margin, left) + "px";
      tip.style.top = top + "px";
    }
    function show(term) {
      if (openTerm && openTerm !== term) hide(openTerm);
      openTerm = term;
      term.classList.add("tip-open");
      place(term);
    }
    function hide(term) {
      term.classList.remove("tip-open");
      if (openTerm === term) openTerm = null;
    }
    terms.forEach(function (term) {
      term.addEventListener("mouseenter", function () { show(term); });
      term.addEventListener("mouseleave", function () { if (document.activeElement !== term) hide(term); });
      term.addEventListener("focus", function () { show(term); });
      term.addEventListener("blur", function () { hide(term); });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && openTerm) {
        hide(openTerm);
        e.preventDefault();
        e.stopPropagation();
      }
    }, true);
    window.addEventListener("scroll", function () { if (openTerm) place(openTerm); }, true);
    window.addEventListener("resize", function () { if (openTerm) place(openTerm); });
  }

  // The header's real height, for the phone menu and search box placed under it.
  function measureHeader() {
    var header = document.querySelector(".site-header");
    if (header) doc.style.setProperty("--header-height", header.getBoundingClientRect().height + "px");
  }

  // Offline on phones: over http(s) the service worker (sw.js, written by the build with
  // every file of the site) keeps a copy of the whole site. Never under file:// (browsers
  // refuse it there) nor in the preview server, whose pages change on every save.
  function setupOffline() {
    if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    try { localStorage.setItem("khumue-root", new URL(root || "./", location.href).href); } catch (e) {}
    if (document.querySelector('script[src^="/__khumue/"]')) {
      navigator.serviceWorker.getRegistrations().then(function (all) {
        all.forEach(function (r) { r.unregister(); });
      }, function () {});
      return;
    }
    navigator.serviceWorker.register(root + "sw.js").catch(function () {});
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
    measureHeader();
    window.addEventListener("resize", measureHeader);
    setupToggles();
    setupChecklists();
    setupTips();
    setupOffline();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
