// khumue search user interface: the header's search box (a listbox of results as you type) and
// the search page, both on top of window.khumueSearch (search-engine.js, loaded before it).
(function () {
  'use strict';

  const root = document.documentElement.getAttribute('data-root') || '';
  const khumueSearch = window.khumueSearch;


  // In the header's listbox the link itself is the option (a link inside an option would nest
  // two controls); on the search page results are a plain list of links.
  function resultItem(result, id) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = root + result.url;
    if (id) {
      li.setAttribute('role', 'none');
      a.setAttribute('role', 'option');
      a.setAttribute('tabindex', '-1');
      a.id = id;
    }
    const title = document.createElement('span');
    title.className = 'khumue-search-title';
    title.textContent = result.title;
    a.appendChild(title);
    const where = result.path.concat(result.heading ? [result.heading] : []);
    if (where.length) {
      const path = document.createElement('span');
      path.className = 'khumue-search-path';
      path.textContent = where.join(' › ');
      a.appendChild(path);
    }
    if (result.snippet) {
      const text = document.createElement('span');
      text.className = 'khumue-search-snippet';
      text.innerHTML = result.snippet; // escaped in snippet(); only <mark> is markup
      a.appendChild(text);
    }
    li.appendChild(a);
    return li;
  }

  function renderResults(list, results, query, idPrefix) {
    list.textContent = '';
    if (!results.length) {
      const li = document.createElement('li');
      if (idPrefix) li.setAttribute('role', 'none');
      li.className = 'khumue-search-empty';
      li.textContent = 'ไม่พบ “' + query + '”';
      list.appendChild(li);
      return;
    }
    results.forEach((r, i) => list.appendChild(resultItem(r, idPrefix ? idPrefix + i : '')));
  }

  function attachBox(form, n) {
    const input = form.querySelector('input[type="search"]');
    const list = form.querySelector('.khumue-search-results');
    if (!input || !list) return;
    list.id = list.id || 'khumue-search-results-' + n;
    input.setAttribute('aria-controls', list.id);
    let active = -1;
    let sequence = 0;
    let timer = 0;
    const options = () => Array.from(list.querySelectorAll('[role="option"]'));
    const setActive = (i) => {
      const items = options();
      items.forEach((item, j) => item.classList.toggle('active', j === i));
      active = items.length ? i : -1;
      if (active >= 0) {
        input.setAttribute('aria-activedescendant', items[active].id);
        items[active].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    };
    const close = () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      setActive(-1);
    };
    let busy = false;
    const run = () => {
      const query = input.value;
      const mine = ++sequence;
      if (!query.trim()) return close();
      busy = true;
      const done = () => {
        if (mine === sequence) busy = false;
      };
      khumueSearch(query, { limit: 8 }).finally(done).then(
        (results) => {
          if (mine !== sequence) return;
          renderResults(list, results, query.trim(), list.id + '-');
          list.dataset.query = query; // which query the list shows (tests wait on it)
          list.hidden = false;
          input.setAttribute('aria-expanded', 'true');
          setActive(-1);
        },
        () => close()
      );
    };
    input.addEventListener('input', () => {
      // The first keystroke searches at once; while a search runs, the next waits for a pause.
      clearTimeout(timer);
      if (busy) timer = setTimeout(run, 60);
      else run();
    });
    input.addEventListener('focus', () => {
      if (khumueSearch.prepare) khumueSearch.prepare();
      if (input.value.trim() && list.children.length) list.hidden = false;
    });
    input.addEventListener('keydown', (e) => {
      const items = options();
      if (e.key === 'ArrowDown' && items.length) {
        e.preventDefault();
        list.hidden = false;
        setActive((active + 1) % items.length);
      } else if (e.key === 'ArrowUp' && items.length) {
        e.preventDefault();
        setActive(active <= 0 ? items.length - 1 : active - 1);
      } else if (e.key === 'Enter') {
        const chosen = items[active >= 0 ? active : 0];
        const link = chosen && !list.hidden ? chosen : null;
        if (link) {
          e.preventDefault();
          window.location.href = link.href;
        }
        // Otherwise the form submits to search.html?q=…
      } else if (e.key === 'Escape') {
        // Closes the results; a second Escape clears the box. Focus stays in the box.
        e.preventDefault();
        if (!list.hidden) close();
        else input.value = '';
      }
    });
    form.addEventListener('focusout', (e) => {
      if (!form.contains(e.relatedTarget)) setTimeout(() => !form.contains(document.activeElement) && close(), 150);
    });
  }

  function attachPage(page) {
    const input = page.querySelector('input[type="search"]');
    const list = page.querySelector('.khumue-search-page-results');
    const status = page.querySelector('.khumue-search-status');
    if (!input || !list) return;
    let sequence = 0;
    const run = () => {
      const query = input.value;
      const mine = ++sequence;
      if (!query.trim()) {
        list.textContent = '';
        if (status) status.textContent = '';
        return;
      }
      khumueSearch(query, { limit: 50 }).then(
        (results) => {
          if (mine !== sequence) return;
          renderResults(list, results, query.trim(), '');
          list.dataset.query = query;
          if (status) status.textContent = results.length ? 'พบ ' + results.length + ' รายการ' : '';
        },
        (error) => {
          if (status) status.textContent = 'โหลดดัชนีค้นหาไม่ได้: ' + error.message;
        }
      );
    };
    const params = new URLSearchParams(window.location.search);
    input.value = params.get('q') || '';
    let timer = 0;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(run, 60);
      const url = new URL(window.location.href);
      url.searchParams.set('q', input.value);
      try {
        window.history.replaceState(null, '', url.href);
      } catch (_) {
        // Some browsers refuse replaceState on file:// URLs; the query still runs.
      }
    });
    run();
  }

  function start() {
    document.querySelectorAll('form.khumue-search').forEach(attachBox);
    const page = document.getElementById('khumue-search-page');
    if (page) attachPage(page);
    document.addEventListener('keydown', (e) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const box = document.querySelector('#khumue-search-page input[type="search"], form.khumue-search input[type="search"]');
      if (box) {
        e.preventDefault();
        box.focus();
        box.select();
      }
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
