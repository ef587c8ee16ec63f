// Tiltak: the list with status filters, and one tiltak with its status
// evidence and the commitments it follows up.
import { getAll, getJSON, withParams } from '../api.js';
import { downloads, h, clear, badge, statusLabel, statusOrder, errorBox, plural, docURL, formatDate, formatScore, tiltakLabel, tiltakTitle } from '../dom.js';
import { reasonList, short } from './commitments.js';
import { emptyGuide, health } from './empty.js';
import { sourceLink } from '../dom.js';

const sorts = { document: 'Dokumentets rekkefølge', status: 'Status', status_date: 'Statusdato, nyeste først' };

function readFilters(url) {
  const sp = url.searchParams;
  const sort = sp.get('sortering') || '';
  return { q: sp.get('q') || '', status: sp.get('status') || '', dokument: sp.get('dokument') || '', sortering: sorts[sort] ? sort : '' };
}

function listURL(f) {
  return withParams('/tiltak', f);
}

// exportURL asks the API for the selection on the page as a file.
function exportURL(f, ext, extra) {
  return withParams('/api/tiltak' + ext, { q: f.q, status: f.status, document: f.dokument, sort: f.sortering, ...extra });
}

function countStatuses(list) {
  const counts = new Map();
  for (const t of list) {
    const st = t.status || 'ukjent';
    counts.set(st, (counts.get(st) || 0) + 1);
  }
  return counts;
}

// statusClass is the badge colour class of a status.
function statusClass(st) {
  const cls = badge(st).className.split(' ').find((c) => c.startsWith('badge-') && c !== 'badge');
  return cls || 'badge-unknown';
}

// statusBar shows counts as a stacked bar (decoration) and as text (the
// content). Each segment's share is a class g1…g20 (twentieths, at least
// one), so that no inline style is needed under the style-src policy.
function statusBar(counts, label) {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const present = statusOrder.filter((s) => counts.has(s));
  return h('div', { class: 'status-summary' },
    h('div', { class: 'status-bar', 'aria-hidden': 'true' },
      present.map((s) => h('span', { class: statusClass(s) + ' g' + Math.max(1, Math.round(20 * counts.get(s) / total)) }))),
    h('p', { class: 'status-counts' }, h('span', { class: 'visually-hidden' }, label + ': '),
      plural(total, 'tiltak', 'tiltak') + ' – ' + present.map((s) => counts.get(s) + ' ' + statusLabel(s).toLowerCase()).join(', ')));
}

function statusDate(t) {
  return t.status_date ? formatDate(t.status_date) : t.document_date ? 'Dokumentet er datert ' + formatDate(t.document_date) : 'Udatert';
}

// A table lists tiltak with their document (when sorted across plans) or
// their innsatsområde (when the plan has none as headings above).
function tiltakRow(t, withDoc, withArea) {
  return h('tr', null,
    h('td', null, h('a', { href: '/tiltak/' + encodeURIComponent(t.id) }, tiltakTitle(t)),
      t.commitments && t.commitments.length ? h('div', { class: 'note' }, 'Følger opp ' + plural(t.commitments.length, 'forpliktelse', 'forpliktelser')) : null),
    withDoc ? h('td', null, t.document_title || t.document_id) : null,
    withArea ? h('td', null, t.innsatsomraade || '–') : null,
    h('td', null, badge(t.status)),
    h('td', { class: 'nowrap' }, statusDate(t)),
    h('td', null, h('a', { href: docURL(t.document_id, t.section_id) }, 'Les i dokumentet'),
      t.source_url ? h('div', null, sourceLink(t.source_url)) : null));
}

function tiltakTable(list, caption, withDoc, withArea) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', { class: 'data tiltak-table' },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Tiltak'), withDoc ? h('th', { scope: 'col' }, 'Dokument') : null,
        withArea ? h('th', { scope: 'col' }, 'Innsatsområde') : null, h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Statusdato'), h('th', { scope: 'col' }, 'Kilde'))),
      h('tbody', null, list.map((t) => tiltakRow(t, withDoc, withArea)))));
}

function sortList(list, by) {
  const out = [...list];
  if (by === 'status') {
    const pos = (s) => { const i = statusOrder.indexOf(s || 'ukjent'); return i < 0 ? statusOrder.length : i; };
    out.sort((a, b) => pos(a.status) - pos(b.status));
  } else if (by === 'status_date') {
    out.sort((a, b) => (a.status_date ? 0 : 1) - (b.status_date ? 0 : 1) || (b.status_date || '').localeCompare(a.status_date || ''));
  }
  return out;
}

function groupBy(list, key) {
  const groups = new Map();
  for (const t of list) {
    const k = key(t);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(t);
  }
  return groups;
}

export async function renderTiltakList(ctx) {
  const f = readFilters(ctx.url);
  ctx.setTitle('Tiltak');
  let all;
  try {
    all = await getAll('/api/tiltak', null, 'tiltak', ctx.signal);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    clear(ctx.main).append(h('h1', null, 'Tiltak'), errorBox(err, 'Kunne ikke hente tiltakene'));
    return;
  }
  const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  // The tiles count what the other filters leave, so that each tile can narrow to its status.
  const unstatused = all.filter((t) =>
    (!f.dokument || t.document_id === f.dokument) &&
    words.every((w) => (tiltakTitle(t) + ' ' + (t.innsatsomraade || '') + ' ' + (t.evidence || '')).toLowerCase().includes(w)));
  const shown = sortList(unstatused.filter((t) => !f.status || (t.status || 'ukjent') === f.status), f.sortering);

  const docs = new Map(all.map((t) => [t.document_id, t.document_title || t.document_id]));
  const counts = countStatuses(unstatused);
  const q = h('input', { type: 'search', id: 'tf-q', name: 'q', autocomplete: 'off' });
  q.value = f.q;
  const status = h('select', { id: 'tf-status', name: 'status' }, h('option', { value: '' }, 'Alle statuser'),
    statusOrder.filter((s) => counts.has(s) || s === f.status).map((s) => h('option', { value: s, selected: s === f.status }, statusLabel(s) + ' (' + (counts.get(s) || 0) + ')')));
  const doc = h('select', { id: 'tf-doc', name: 'dokument' }, h('option', { value: '' }, 'Alle dokumenter'),
    [...docs].map(([id, title]) => h('option', { value: id, selected: id === f.dokument }, title)));
  const sort = h('select', { id: 'tf-sort', name: 'sortering' },
    Object.entries(sorts).map(([v, label]) => h('option', { value: v === 'document' ? '' : v, selected: (f.sortering || 'document') === v }, label)));
  const form = h('form', { class: 'filters', action: '/tiltak', method: 'get', 'aria-label': 'Filtrer tiltak' },
    h('div', { class: 'field' }, h('label', { for: 'tf-q' }, 'Ord i tiltaket'), q),
    h('div', { class: 'field' }, h('label', { for: 'tf-status' }, 'Status'), status),
    h('div', { class: 'field' }, h('label', { for: 'tf-doc' }, 'Dokument'), doc),
    h('div', { class: 'field' }, h('label', { for: 'tf-sort' }, 'Sorter etter'), sort),
    h('div', { class: 'field field-actions' }, h('button', { type: 'submit' }, 'Bruk filter'), ' ', h('a', { href: '/tiltak' }, 'Nullstill')));
  const current = () => ({ q: q.value.trim(), status: status.value, dokument: doc.value, sortering: sort.value });
  const apply = (focusID) => ctx.navigate(listURL(current()), { focus: focusID });
  form.addEventListener('submit', (e) => { e.preventDefault(); apply(); });
  status.addEventListener('change', () => apply('tf-status'));
  doc.addEventListener('change', () => apply('tf-doc'));
  sort.addEventListener('change', () => apply('tf-sort'));

  const tiles = h('ul', { class: 'status-tiles', 'aria-label': 'Tiltak etter status' },
    statusOrder.filter((s) => counts.has(s)).map((s) => {
      const on = s === f.status;
      return h('li', null, h('a', { class: 'tile ' + statusClass(s), id: 'tile-' + statusClass(s), 'data-focus': 'tile-' + statusClass(s), href: listURL({ ...f, status: on ? '' : s }), 'aria-current': on ? 'true' : null },
        h('span', { class: 'tile-count' }, String(counts.get(s))), h('span', { class: 'tile-label' }, statusLabel(s))));
    }));

  const main = clear(ctx.main);
  const anyFilter = f.q || f.status || f.dokument;
  const summary = 'Viser ' + shown.length + ' av ' + plural(all.length, 'tiltak', 'tiltak') + '.';
  ctx.announce(summary);
  main.append(h('h1', null, 'Tiltak'),
    h('p', { class: 'lead' }, 'Tiltak fra handlingsplaner og statusrapporter, med status slik dokumentet oppgir den og datoen statusen gjelder fra.'));
  if (!all.length) {
    const hl = await health(ctx.signal);
    main.append(hl && hl.documents === 0 ? emptyGuide(hl, 'Tiltak leses fra handlingsplaner og statusrapporter.')
      : h('div', { class: 'notice' }, h('h2', null, 'Ingen tiltak ennå'),
        h('p', null, 'Ingen av dokumentene har tiltak. Tiltak leses fra handlingsplaner og statusrapporter: «Tiltak 7.1 …», nummererte tiltakslister og innsatsområder med en statuslinje.')));
    return;
  }
  main.append(tiles, form,
    h('p', { class: 'result-status', id: 'results-status' }, summary),
    downloads(exportURL(f, '.xlsx'), exportURL(f, '.csv', { sep: 'semicolon' }), exportURL(f, '.csv'), anyFilter ? 'utvalget av' : 'alle', 'tiltak'));
  if (!shown.length) {
    main.append(h('div', { class: 'notice' }, h('h2', null, 'Ingen tiltak passer'),
      h('p', null, anyFilter ? 'Ingen tiltak passer filtrene. ' : '', h('a', { href: '/tiltak' }, 'Vis alle tiltak'), '.')));
    return;
  }
  const results = h('div', { id: 'results', tabindex: '-1' });
  main.append(results);
  if (f.sortering) {
    results.append(h('h2', null, 'Alle tiltak sortert etter ' + sorts[f.sortering].toLowerCase()), tiltakTable(shown, 'Tiltak', true, true));
    return;
  }
  for (const [docID, list] of groupBy(shown, (t) => t.document_id)) {
    const title = docs.get(docID);
    const sec = h('section', { class: 'plan', 'aria-labelledby': 'plan-' + docID },
      h('h2', { id: 'plan-' + docID }, h('a', { href: docURL(docID) }, title)),
      statusBar(countStatuses(list), 'Status i ' + title));
    const areas = groupBy(list, (t) => t.innsatsomraade || '');
    for (const [area, items] of areas) {
      if (areas.size > 1 || area) sec.append(h('h3', null, area || 'Uten innsatsområde'));
      sec.append(tiltakTable(items, (area || title) + ': tiltak', false, false));
    }
    results.append(sec);
  }
}

export async function renderTiltak(ctx) {
  const [id] = ctx.params;
  let t;
  try {
    t = await getJSON('/api/tiltak/' + encodeURIComponent(id), null, ctx.signal);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    ctx.setTitle('Fant ikke tiltaket');
    clear(ctx.main).append(h('h1', null, err.status === 404 ? 'Fant ikke tiltaket' : 'Kunne ikke vise tiltaket'),
      err.status === 404 ? h('p', null, 'Det kan være fjernet da dokumentet ble lastet inn på nytt. Se ', h('a', { href: '/tiltak' }, 'alle tiltak'), '.') : errorBox(err));
    return;
  }
  ctx.setTitle([short(tiltakTitle(t)), 'Tiltak']);
  const cs = t.commitments || [];
  const main = clear(ctx.main);
  main.append(h('nav', { class: 'breadcrumbs', 'aria-label': 'Brødsmulesti' },
    h('ol', null, h('li', null, h('a', { href: '/tiltak' }, 'Tiltak')), h('li', null, h('span', { 'aria-current': 'page' }, short(tiltakTitle(t)))))));
  main.append(h('p', { class: 'eyebrow' }, tiltakLabel(t)));
  main.append(h('h1', { class: 'commitment-title' }, t.text));
  main.append(h('div', { class: 'status-line' }, 'Status: ', badge(t.status), ' ', h('span', { class: 'note' }, statusDate(t))));
  if (t.evidence || t.status_text) {
    main.append(h('blockquote', { class: 'evidence' },
      h('p', null, h('span', { class: 'label' }, 'Status er lest fra: '), '«' + (t.evidence || t.status_text) + '»')));
  }
  main.append(h('dl', { class: 'meta' },
    h('div', null, h('dt', null, 'Dokument'), h('dd', null, h('a', { href: docURL(t.document_id) }, t.document_title || t.document_id))),
    t.innsatsomraade ? h('div', null, h('dt', null, 'Innsatsområde'), h('dd', null, t.innsatsomraade)) : null,
    t.source_url ? h('div', null, h('dt', null, 'Kilde'), h('dd', null, sourceLink(t.source_url))) : null,
    t.refers_to ? h('div', null, h('dt', null, 'Hører til'), h('dd', null, t.refers_to)) : null,
    t.status_text && !(t.evidence || '').includes(t.status_text) ? h('div', null, h('dt', null, 'Ordlyd i dokumentet'), h('dd', null, t.status_text)) : null),
    h('p', null, h('a', { href: docURL(t.document_id, t.section_id) }, 'Les tiltaket i dokumentet')));
  main.append(h('h2', null, 'Forpliktelser tiltaket følger opp (' + cs.length + ')'));
  if (!cs.length) {
    main.append(h('div', { class: 'notice' }, h('p', null, 'Tiltaket er ikke koblet til noen forpliktelse. Se ', h('a', { href: '/forpliktelser?uten=1' }, 'forpliktelser uten oppfølging'), '.')));
    return;
  }
  main.append(h('ol', { class: 'links' }, cs.map((c) => h('li', { class: 'link-item' },
    h('div', { class: 'link-head' }, h('span', { class: 'kind' }, 'Forpliktelse'), h('span', { class: 'score' }, 'Styrke ' + formatScore(c.score))),
    h('h3', { class: 'link-title' }, h('a', { href: '/forpliktelser/' + encodeURIComponent(c.id) }, c.text)),
    h('p', { class: 'link-doc' }, 'I ', h('a', { href: docURL(c.document_id, c.section_id) }, c.document_title || c.document_id),
      c.context && (c.context.path || []).length ? ' – ' + c.context.path.join(' › ') : ''),
    h('div', { class: 'why' }, h('h4', null, 'Hvorfor koblet'), reasonList(c.reasons) || h('p', null, 'Ingen begrunnelse oppgitt.'))))));
}
