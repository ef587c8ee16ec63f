// Tiltak: the list with status filters, and one tiltak with its status
// evidence and the commitments it follows up.
import { getAll, getJSON, withParams } from '../api.js';
import { h, clear, badge, statusLabel, statusOrder, errorBox, plural, docURL, formatScore, tiltakLabel, tiltakTitle } from '../dom.js';
import { reasonList, short } from './commitments.js';

function readFilters(url) {
  const sp = url.searchParams;
  return { q: sp.get('q') || '', status: sp.get('status') || '', dokument: sp.get('dokument') || '' };
}

function listURL(f) {
  return withParams('/tiltak', f);
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
  const shown = all.filter((t) =>
    (!f.status || t.status === f.status) &&
    (!f.dokument || t.document_id === f.dokument) &&
    words.every((w) => (tiltakTitle(t) + ' ' + (t.evidence || '')).toLowerCase().includes(w)));

  const docs = new Map(all.map((t) => [t.document_id, t.document_title || t.document_id]));
  const counts = new Map();
  for (const t of all) counts.set(t.status, (counts.get(t.status) || 0) + 1);
  const q = h('input', { type: 'search', id: 'tf-q', name: 'q', autocomplete: 'off' });
  q.value = f.q;
  const status = h('select', { id: 'tf-status', name: 'status' }, h('option', { value: '' }, 'Alle statuser'),
    statusOrder.filter((s) => counts.has(s)).map((s) => h('option', { value: s, selected: s === f.status }, statusLabel(s) + ' (' + counts.get(s) + ')')));
  const doc = h('select', { id: 'tf-doc', name: 'dokument' }, h('option', { value: '' }, 'Alle dokumenter'),
    [...docs].map(([id, title]) => h('option', { value: id, selected: id === f.dokument }, title)));
  const form = h('form', { class: 'filters', action: '/tiltak', method: 'get', 'aria-label': 'Filtrer tiltak' },
    h('div', { class: 'field' }, h('label', { for: 'tf-q' }, 'Ord i tiltaket'), q),
    h('div', { class: 'field' }, h('label', { for: 'tf-status' }, 'Status'), status),
    h('div', { class: 'field' }, h('label', { for: 'tf-doc' }, 'Dokument'), doc),
    h('div', { class: 'field field-actions' }, h('button', { type: 'submit' }, 'Bruk filter'), ' ', h('a', { href: '/tiltak' }, 'Nullstill')));
  const apply = () => ctx.navigate(listURL({ q: q.value.trim(), status: status.value, dokument: doc.value }));
  form.addEventListener('submit', (e) => { e.preventDefault(); apply(); });
  status.addEventListener('change', apply);
  doc.addEventListener('change', apply);

  const main = clear(ctx.main);
  ctx.announce('Viser ' + shown.length + ' av ' + plural(all.length, 'tiltak', 'tiltak') + '.');
  main.append(h('h1', null, 'Tiltak'),
    h('p', { class: 'lead' }, 'Tiltak fra handlingsplaner og statusrapporter, med status slik dokumentet oppgir den.'),
    form,
    h('p', { class: 'result-status' }, 'Viser ' + shown.length + ' av ' + plural(all.length, 'tiltak', 'tiltak') + '.'));
  if (!shown.length) {
    main.append(h('div', { class: 'notice' }, h('h2', null, 'Ingen tiltak passer'), h('p', null, 'Endre filtrene, eller ', h('a', { href: '/tiltak' }, 'vis alle tiltak'), '.')));
    return;
  }
  main.append(h('ul', { class: 'tiltak-list' }, shown.map((t) => h('li', { class: 'tiltak-item' },
    h('div', { class: 'commitment-status' }, badge(t.status)),
    h('div', null,
      h('a', { href: '/tiltak/' + encodeURIComponent(t.id) }, tiltakTitle(t)),
      h('p', { class: 'note' }, [t.document_title || '', !t.commitments ? '' : t.commitments.length ? 'følger opp ' + plural(t.commitments.length, 'forpliktelse', 'forpliktelser') : 'ikke koblet til noen forpliktelse'].filter(Boolean).join(' · ')))))));
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
  main.append(h('div', { class: 'status-line' }, 'Status: ', badge(t.status)));
  if (t.evidence || t.status_text) {
    main.append(h('blockquote', { class: 'evidence' },
      h('p', null, h('span', { class: 'label' }, 'Status er lest fra: '), '«' + (t.evidence || t.status_text) + '»')));
  }
  main.append(h('dl', { class: 'meta' },
    h('div', null, h('dt', null, 'Dokument'), h('dd', null, h('a', { href: docURL(t.document_id) }, t.document_title || t.document_id))),
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
