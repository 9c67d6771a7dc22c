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

  // The element after a heading that holds what the heading introduces (a list or a table).
  function following(heading, selector) {
    for (var el = heading.nextElementSibling; el && !/^H[1-6]$/.test(el.tagName); el = el.nextElementSibling) {
      if (el.matches(selector)) return el;
      var inner = el.querySelector && el.querySelector(selector);
      if (inner) return inner;
    }
    return null;
  }

  // Numbers as the page prints them (Thai or Arabic digits, grouped by commas): ๑,๒๐๐ → 1200.
  function figure(text) {
    var arabic = (text || "").replace(/[\u0E50-\u0E59]/g, function (d) {
      return String(d.charCodeAt(0) - 0x0E50);
    }).replace(/,/g, "");
    var m = arabic.match(/-?\d+(\.\d+)?/);
    return m ? parseFloat(m[0]) : null;
  }

  var SVG = "http://www.w3.org/2000/svg";
  function svgEl(name, attrs, text) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // Headings of class `chart`: the table below them (rows = categories, columns = series, the
  // last column a total, a last row of totals) drawn as stacked bars. The table stays.
  function stackedChart(heading, table) {
    var head = Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return c.textContent.trim(); });
    var series = head.slice(1, head.length - 1);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).filter(function (r) {
      return !r.querySelector("strong");
    });
    var data = rows.map(function (r) {
      return { label: r.cells[0].textContent.trim(), values: series.map(function (_, i) { return figure(r.cells[i + 1].textContent) || 0; }) };
    });
    var max = Math.max.apply(null, data.map(function (d) { return d.values.reduce(function (a, b) { return a + b; }, 0); }).concat([1]));
    var width = 640, left = 40, top = 10, plot = 180, bar = (width - left - 10) / Math.max(data.length, 1);
    var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + (plot + 70), role: "img", "aria-label": heading.textContent.replace("#", "").trim() });
    data.forEach(function (d, i) {
      var y = top + plot;
      d.values.forEach(function (v, s) {
        var h = v / max * plot;
        y -= h;
        var rect = svgEl("rect", { x: left + i * bar + bar * 0.15, y: y, width: bar * 0.7, height: h, class: "series-" + (s + 1) });
        rect.appendChild(svgEl("title", {}, d.label + " " + series[s] + ": " + v.toLocaleString("th-TH-u-nu-" + (numerals === "thai" ? "thai" : "latn"))));
        svg.appendChild(rect);
      });
      svg.appendChild(svgEl("text", { x: left + i * bar + bar / 2, y: top + plot + 16, "text-anchor": "middle" }, d.label.split(" ")[0]));
    });
    svg.appendChild(svgEl("line", { x1: left, x2: width - 10, y1: top + plot, y2: top + plot, class: "axis" }));
    series.forEach(function (name, s) {
      var x = left + s * 150;
      svg.appendChild(svgEl("rect", { x: x, y: top + plot + 32, width: 12, height: 12, class: "series-" + (s + 1) }));
      svg.appendChild(svgEl("text", { x: x + 18, y: top + plot + 43 }, name));
    });
    return svg;
  }

  // Headings of class `chart-progress`: each row's result (column 3) against its target
  // (column 2), as a bar with the target marked; rows without a result are left out.
  function progressChart(heading, table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).map(function (r) {
      return { label: r.cells[0].textContent.trim(), target: figure(r.cells[1].textContent), actual: figure(r.cells[2].textContent), text: r.cells[2].textContent.trim() + " / " + r.cells[1].textContent.trim(), met: r.cells[3].textContent.trim() === "บรรลุ" };
    }).filter(function (r) { return r.actual !== null && r.target; });
    if (!rows.length) return null;
    var width = 640, label = 260, plot = width - label - 120;
    var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + (rows.length * 28 + 8), role: "img", "aria-label": heading.textContent.replace("#", "").trim() });
    rows.forEach(function (r, i) {
      var y = 4 + i * 28, share = Math.min(r.actual / r.target, 1.2) / 1.2;
      svg.appendChild(svgEl("text", { x: label - 8, y: y + 14, "text-anchor": "end" }, r.label.length > 40 ? r.label.slice(0, 39) + "…" : r.label));
      svg.appendChild(svgEl("rect", { x: label, y: y, width: plot, height: 18, class: "track" }));
      svg.appendChild(svgEl("rect", { x: label, y: y, width: plot * share, height: 18, class: r.met ? "met" : "not-met" }));
      svg.appendChild(svgEl("line", { x1: label + plot / 1.2, x2: label + plot / 1.2, y1: y - 2, y2: y + 20, class: "target" }));
      svg.appendChild(svgEl("text", { x: label + plot + 6, y: y + 14 }, r.text));
    });
    return svg;
  }

  function setupCharts() {
    document.querySelectorAll("h2.chart, h3.chart, h2.chart-progress, h3.chart-progress").forEach(function (heading) {
      var table = following(heading, "table");
      if (!table || !table.tHead || !table.tBodies.length) return;
      var svg = heading.classList.contains("chart") ? stackedChart(heading, table) : progressChart(heading, table);
      if (!svg) return;
      var figureEl = document.createElement("figure");
      figureEl.className = "chart";
      // A region the keyboard can reach and scroll, where the chart is wider than the screen.
      figureEl.setAttribute("role", "region");
      figureEl.setAttribute("tabindex", "0");
      figureEl.setAttribute("aria-label", "แผนภูมิ: " + svg.getAttribute("aria-label"));
      figureEl.appendChild(svg);
      var anchor = table.closest(".table-wrap") || table;
      anchor.parentNode.insertBefore(figureEl, anchor);
    });
  }

  // Headings of class `filter-by-N`: a choice of the values in column N of the table below
  // (comma-separated), showing only the rows that hold the chosen value.
  function setupFilters() {
    document.querySelectorAll("[class*='filter-by-']").forEach(function (heading) {
      var m = heading.className.match(/filter-by-(\d+)/);
      var table = following(heading, "table");
      if (!m || !table || !table.tBodies.length) return;
      var column = parseInt(m[1], 10) - 1;
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      var values = [];
      rows.forEach(function (r) {
        (r.cells[column] ? r.cells[column].textContent.split(",") : []).forEach(function (v) {
          v = v.trim();
          if (v && values.indexOf(v) < 0) values.push(v);
        });
      });
      var box = document.createElement("p");
      box.className = "table-filter";
      var label = document.createElement("label");
      label.textContent = (table.tHead ? table.tHead.rows[0].cells[column].textContent.trim() : "") + " ";
      var select = document.createElement("select");
      [""].concat(values).forEach(function (v) {
        var option = document.createElement("option");
        option.value = v;
        option.textContent = v || "ทั้งหมด";
        select.appendChild(option);
      });
      var count = document.createElement("output");
      label.appendChild(select);
      box.appendChild(label);
      box.appendChild(document.createTextNode(" "));
      box.appendChild(count);
      select.addEventListener("change", function () {
        var shown = 0;
        rows.forEach(function (r) {
          var cell = r.cells[column] ? r.cells[column].textContent.split(",").map(function (v) { return v.trim(); }) : [];
          var match = select.value === "" || cell.indexOf(select.value) >= 0;
          r.hidden = !match;
          if (match) shown += 1;
        });
        count.textContent = select.value === "" ? "" : localNumber(shown) + " รายการ";
      });
      var anchor = table.closest(".table-wrap") || table;
      anchor.parentNode.insertBefore(box, anchor);
    });
  }

  var numerals = doc.getAttribute("data-numerals") || "thai";
  function localNumber(n) {
    var text = String(n);
    return numerals === "thai" ? text.replace(/\d/g, function (d) { return String.fromCharCode(0x0E50 + Number(d)); }) : text;
  }

  // Headings of class `checklist`: the list below becomes a checklist whose ticks this
  // browser keeps (localStorage works under file://). Each list counts its own items under
  // its heading, so a count agrees with the page's own ("รวม ๒๕ หน้า" → "… จาก ๒๕ รายการ").
  function setupChecklists() {
    var lists = [];
    document.querySelectorAll("h2.checklist, h3.checklist").forEach(function (heading) {
      var list = following(heading, "ol, ul");
      if (list) lists.push({ heading: heading, list: list });
    });
    if (!lists.length) return;
    var path = current || location.pathname;
    function key(item) { return "khumue-path:" + path + ":" + item; }
    lists.forEach(function (entry, l) {
      var list = entry.list;
      var progress = document.createElement("p");
      progress.className = "path-progress";
      progress.setAttribute("aria-live", "polite");
      progress.innerHTML = "อ่านแล้ว <span data-done>0</span> จาก <span data-total>0</span> รายการ (เครื่องนี้จำไว้ให้)";
      entry.heading.parentNode.insertBefore(progress, entry.heading.nextSibling);
      function refresh() {
        var boxes = list.querySelectorAll("input[data-item]");
        var done = 0;
        boxes.forEach(function (b) { if (b.checked) done += 1; });
        progress.querySelector("[data-done]").textContent = localNumber(done);
        progress.querySelector("[data-total]").textContent = localNumber(boxes.length);
      }
      list.classList.add("path-list");
      list.setAttribute("data-path", path);
      Array.prototype.forEach.call(list.children, function (li, i) {
        var link = li.querySelector("a[href]");
        var item = link ? link.getAttribute("href") : "list" + l + ":" + li.textContent.trim();
        var box = document.createElement("input");
        box.type = "checkbox";
        box.id = "item-" + l + "-" + i;
        box.setAttribute("data-item", item);
        try { box.checked = localStorage.getItem(key(item)) === "1"; } catch (e) {}
        box.addEventListener("change", function () {
          try {
            if (box.checked) localStorage.setItem(key(item), "1");
            else localStorage.removeItem(key(item));
          } catch (e) {}
          refresh();
        });
        var label = document.createElement("label");
        label.htmlFor = box.id;
        while (li.firstChild) label.appendChild(li.firstChild);
        li.appendChild(box);
        li.appendChild(label);
      });
      refresh();
    });
  }

  function start() {
    buildNav();
    measureHeader();
    window.addEventListener("resize", measureHeader);
    setupToggles();
    setupChecklists();
    setupCharts();
    setupFilters();
    setupTips();
    setupOffline();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
