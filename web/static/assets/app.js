// Entry point: routes in the browser with the History API, keeps query and
// filters in the URL, moves focus to the new page's heading after a
// navigation, and announces the page to screen readers.
import { getJSON } from './api.js';
import { clear, h } from './dom.js';
import { renderSearch } from './views/search.js';
import { renderDocument, renderDocuments } from './views/document.js';
import { renderCommitments, renderCommitment } from './views/commitments.js';
import { renderTiltakList, renderTiltak } from './views/tiltak.js';
import { renderUpload } from './views/upload.js';
import { emptyGuide, health } from './views/empty.js';

const site = 'Strategispor';

const routes = [
  [/^\/$/, 'search', renderStart],
  [/^\/dokumenter\/?$/, 'documents', renderDocuments],
  [/^\/dokument\/([^/]+)\/?$/, 'documents', renderDocument],
  [/^\/forpliktelser\/?$/, 'commitments', renderCommitments],
  [/^\/forpliktelser\/([^/]+)\/?$/, 'commitments', renderCommitment],
  [/^\/tiltak\/?$/, 'tiltak', renderTiltakList],
  [/^\/tiltak\/([^/]+)\/?$/, 'tiltak', renderTiltak],
  [/^\/last-opp\/?$/, 'upload', renderUpload],
];

const state = {
  controller: null,
  rendered: '', // pathname + search of the page on screen
  health: null,
};

function setTitle(parts) {
  const list = (Array.isArray(parts) ? parts : [parts]).filter(Boolean);
  document.title = [...list, site].join(' – ');
}

function announce(text) {
  const a = document.getElementById('announcer');
  if (!a) return;
  a.textContent = '';
  // A fresh text node after clearing makes screen readers speak it again.
  setTimeout(() => { a.textContent = text; }, 50);
}

function markNav(name) {
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function focusTarget(main) {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  if (target) {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
    return true;
  }
  return false;
}

async function render(opts = {}) {
  const main = document.getElementById('main');
  if (state.controller) state.controller.abort();
  const controller = new AbortController();
  state.controller = controller;
  state.rendered = location.pathname + location.search;

  let match = null;
  let name = '';
  let view = renderNotFound;
  for (const [re, n, fn] of routes) {
    const m = re.exec(location.pathname);
    if (m) {
      match = m.slice(1).map(decodeURIComponent);
      name = n;
      view = fn;
      break;
    }
  }
  markNav(name);
  const ctx = {
    main,
    params: match || [],
    url: new URL(location.href),
    signal: controller.signal,
    setTitle,
    announce,
    navigate,
    health: () => state.health,
  };
  clear(main);
  main.append(h('p', { class: 'loading', role: 'status' }, 'Laster …'));
  try {
    await view(ctx);
  } catch (err) {
    if (err && err.name === 'AbortError') return;
    clear(main);
    main.append(h('h1', { tabindex: '-1' }, 'Noe gikk galt'), h('p', null, String(err && err.message ? err.message : err)),
      h('p', null, 'Last siden på nytt, eller gå til ', h('a', { href: '/' }, 'forsiden'), '.'));
    setTitle('Feil');
  }
  if (controller.signal.aborted) return;
  // A filter or facet change keeps focus on the control (or the results) it
  // names, so keyboard users stay where they were.
  const keep = opts.focus ? document.getElementById(opts.focus) : null;
  if (keep) {
    keep.focus();
    return;
  }
  if (focusTarget(main)) return;
  if (!opts.initial) {
    window.scrollTo(0, 0);
    const h1 = main.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus();
    } else {
      main.focus();
    }
  }
}

// renderStart is the search page; on an empty collection it first says how
// to fill it.
async function renderStart(ctx) {
  const [hl] = await Promise.all([health(ctx.signal), renderSearch(ctx)]);
  if (!hl || hl.documents !== 0 || ctx.signal.aborted) return;
  const h1 = ctx.main.querySelector('h1');
  const guide = emptyGuide(hl, 'Det er ingenting å søke i ennå.');
  if (h1) h1.after(guide);
  else ctx.main.prepend(guide);
}

function renderNotFound(ctx) {
  ctx.setTitle('Fant ikke siden');
  clear(ctx.main);
  ctx.main.append(
    h('h1', null, 'Fant ikke siden'),
    h('p', null, 'Adressen finnes ikke i Strategispor. Sjekk adressen, eller gå videre herfra:'),
    h('ul', null,
      h('li', null, h('a', { href: '/' }, 'Søk i dokumentene')),
      h('li', null, h('a', { href: '/forpliktelser' }, 'Se alle forpliktelser og status')),
      h('li', null, h('a', { href: '/tiltak' }, 'Se alle tiltak'))));
}

// navigate goes to an internal URL. replace keeps the history entry (used
// while typing a query); otherwise a new entry is pushed. focus names the
// element id to focus once the page is drawn, instead of its heading.
export function navigate(url, { replace = false, render: doRender = true, focus = '' } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  if (doRender) render({ focus });
  else state.rendered = location.pathname + location.search;
}

function internalLink(e) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/assets/')) return;
  // Jumps inside the page on screen are left to the browser; popstate
  // then only moves focus.
  if (url.pathname + url.search === state.rendered && url.hash) return;
  e.preventDefault();
  navigate(url.pathname + url.search + url.hash, { focus: a.dataset.focus || '' });
}

async function loadHealth() {
  try {
    state.health = await getJSON('/api/health');
  } catch {
    state.health = null;
    return;
  }
  const item = document.getElementById('nav-upload');
  if (item) item.hidden = state.health.writes_enabled !== true;
}

function start() {
  document.addEventListener('click', internalLink);
  window.addEventListener('popstate', () => {
    if (location.pathname + location.search === state.rendered) {
      focusTarget(document.getElementById('main'));
      return;
    }
    render();
  });
  loadHealth();
  render({ initial: true });
}

start();
