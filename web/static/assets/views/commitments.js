// Commitments: the overview grouped by document and chapter with the status
// of the best linked tiltak, and one commitment with its links and reasons.
import { getAll, getJSON, sendJSON, withParams } from '../api.js';
import { downloads, h, append, clear, badge, followUpBadge, statusLabel, statusOrder, errorBox, plural, pathText, formatScore, docURL, tiltakLabel, formatDate } from '../dom.js';
import { emptyGuide, health } from './empty.js';

function readFilters(url) {
  const sp = url.searchParams;
  return {
    q: sp.get('q') || '',
    dokument: sp.get('dokument') || '',
    status: sp.get('status') || '',
    uten: sp.get('uten') === '1',
  };
}

function listURL(f) {
  return withParams('/forpliktelser', { q: f.q, dokument: f.dokument, status: f.status, uten: f.uten ? '1' : '' });
}

// exportURL asks the API for the same selection as the page shows, as a
// file of the given kind ('.csv' or '.xlsx').
function exportURL(f, ext, extra) {
  const real = f.status && f.status !== 'uten' && f.status !== 'omtalt' ? f.status : '';
  return withParams('/api/commitments' + ext, { q: f.q, document: f.dokument, status: real, unlinked: f.uten || f.status === 'uten' ? 'true' : '', ...extra });
}

function statusKey(v) {
  if (!(v.links || []).length) return 'uten';
  return v.follow_up_status || v.best_status || 'omtalt';
}

export async function renderCommitments(ctx) {
  const f = readFilters(ctx.url);
  ctx.setTitle(f.q ? ['«' + f.q + '»', 'Forpliktelser'] : 'Forpliktelser');
  let all;
  try {
    all = await getAll('/api/commitments', { q: f.q }, 'commitments', ctx.signal);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    clear(ctx.main).append(h('h1', null, 'Forpliktelser'), errorBox(err, 'Kunne ikke hente forpliktelsene'));
    return;
  }
  const shown = all.filter((v) =>
    (!f.dokument || v.document_id === f.dokument) &&
    (!f.uten || (v.links || []).length === 0) &&
    (!f.status || statusKey(v) === f.status));

  const main = clear(ctx.main);
  ctx.announce('Viser ' + shown.length + ' av ' + plural(all.length, 'forpliktelse', 'forpliktelser') + '.');
  main.append(h('h1', null, 'Forpliktelser og status'));
  main.append(h('p', { class: 'lead' }, 'Det regjeringen har sagt den vil gjøre, gruppert etter dokument og kapittel. Merket viser status for det beste tiltaket som følger opp forpliktelsen.'));
  main.append(filterForm(all, f, ctx));
  append(main, [statusSummary(all, f)]);
  main.append(h('p', { class: 'result-status' },
    'Viser ' + shown.length + ' av ' + plural(all.length, 'forpliktelse', 'forpliktelser') + '.'),
    downloads(exportURL(f, '.xlsx'), exportURL(f, '.csv', { sep: 'semicolon' }), exportURL(f, '.csv'), exportURL(f, '.csv').includes('?') ? 'utvalget' : 'alle', 'forpliktelser'));
  if (shown.length === 0) {
    if (all.length === 0) {
      const hl = await health(ctx.signal);
      main.append(hl && hl.documents === 0 ? emptyGuide(hl, 'Forpliktelser («Regjeringen vil …») leses fra dokumentene.')
        : h('div', { class: 'notice' }, h('h2', null, 'Ingen forpliktelser ennå'),
          h('p', null, 'Ingen av dokumentene har forpliktelser som «Regjeringen vil …» eller «Vi skal …».')));
      return;
    }
    main.append(h('div', { class: 'notice' }, h('h2', null, 'Ingen forpliktelser passer'),
      h('p', null, 'Ingen av de ' + all.length + ' forpliktelsene passer filtrene. ', h('a', { href: '/forpliktelser' }, 'Vis alle forpliktelser'), '.')));
    return;
  }
  main.append(grouped(shown));
}

function filterForm(all, f, ctx) {
  const docs = new Map();
  for (const v of all) docs.set(v.document_id, v.document_title || v.document_id);
  const counts = new Map();
  for (const v of all) counts.set(statusKey(v), (counts.get(statusKey(v)) || 0) + 1);

  const q = h('input', { type: 'search', id: 'cf-q', name: 'q', autocomplete: 'off' });
  q.value = f.q;
  const doc = h('select', { id: 'cf-doc', name: 'dokument' }, h('option', { value: '' }, 'Alle dokumenter'),
    [...docs].map(([id, title]) => h('option', { value: id, selected: id === f.dokument }, title)));
  const statusOpts = [...statusOrder.filter((s) => counts.has(s)).map((s) => [s, statusLabel(s)]),
    ['omtalt', 'Omtalt, uten status'], ['uten', 'Uten oppfølging']].filter(([k]) => counts.has(k) || k === f.status);
  const status = h('select', { id: 'cf-status', name: 'status' }, h('option', { value: '' }, 'Alle statuser'),
    statusOpts.map(([k, label]) => h('option', { value: k, selected: k === f.status }, label + ' (' + (counts.get(k) || 0) + ')')));
  const uten = h('input', { type: 'checkbox', id: 'cf-uten', name: 'uten', value: '1', checked: f.uten });
  const form = h('form', { class: 'filters', action: '/forpliktelser', method: 'get', 'aria-label': 'Filtrer forpliktelser' },
    h('div', { class: 'field' }, h('label', { for: 'cf-q' }, 'Ord i forpliktelsen'), q),
    h('div', { class: 'field' }, h('label', { for: 'cf-doc' }, 'Dokument'), doc),
    h('div', { class: 'field' }, h('label', { for: 'cf-status' }, 'Status'), status),
    h('div', { class: 'field field-check' }, uten, h('label', { for: 'cf-uten' }, 'Bare uten oppfølging')),
    h('div', { class: 'field field-actions' }, h('button', { type: 'submit' }, 'Bruk filter'), ' ', h('a', { href: '/forpliktelser' }, 'Nullstill')));
  const apply = () => ctx.navigate(listURL({ q: q.value.trim(), dokument: doc.value, status: status.value, uten: uten.checked }));
  form.addEventListener('submit', (e) => { e.preventDefault(); apply(); });
  for (const el of [doc, status, uten]) el.addEventListener('change', apply);
  return form;
}

export function statusSummary(all, f) {
  const counts = new Map();
  for (const v of all) counts.set(statusKey(v), (counts.get(statusKey(v)) || 0) + 1);
  const keys = [...statusOrder.filter((s) => counts.has(s)), 'omtalt', 'uten'].filter((k) => counts.has(k));
  if (!keys.length) return null;
  return h('nav', { class: 'status-summary', 'aria-label': 'Antall per status' },
    h('ul', { class: 'chips' }, keys.map((k) => {
      const label = k === 'uten' ? h('span', { class: 'badge badge-nofollow' }, 'Uten oppfølging')
        : k === 'omtalt' ? h('span', { class: 'badge badge-mentioned' }, 'Omtalt, uten status') : badge(k);
      const on = f.status === k;
      return h('li', null, h('a', { href: listURL({ ...f, status: on ? '' : k, uten: false }), 'aria-current': on ? 'true' : null, class: 'summary-link' },
        label, ' ', h('span', { class: 'count' }, String(counts.get(k)))));
    })));
}

function grouped(list) {
  const docs = new Map();
  for (const v of list) {
    if (!docs.has(v.document_id)) docs.set(v.document_id, { title: v.document_title || v.document_id, chapters: new Map() });
    const chapter = pathText(v.context && v.context.path) || 'Uten kapittel';
    const ch = docs.get(v.document_id).chapters;
    if (!ch.has(chapter)) ch.set(chapter, []);
    ch.get(chapter).push(v);
  }
  const frag = document.createDocumentFragment();
  for (const [docID, d] of docs) {
    const sec = h('section', { class: 'commitment-doc', 'aria-label': d.title },
      h('h2', null, h('a', { href: docURL(docID) }, d.title)));
    for (const [chapter, items] of d.chapters) {
      // A shared lead-in ("Regjeringen vil") is said once per chapter.
      const lead = items[0].context && items[0].context.lead_in;
      const shared = lead && items.every((v) => v.context && v.context.lead_in === lead);
      append(sec, [h('h3', { class: 'chapter' }, chapter),
        shared ? h('p', { class: 'lead-in' }, /[.:;!?]$/.test(lead) ? lead : lead + ':') : null,
        h('ul', { class: 'commitments' }, items.map((v) => commitmentItem(v, !shared)))]);
    }
    frag.append(sec);
  }
  return frag;
}

function commitmentItem(v, withLead) {
  const links = v.links || [];
  const tiltak = links.filter((l) => l.target_type === 'tiltak').length;
  const note = links.length === 0 ? 'Ingen tiltak eller omtale funnet'
    : [tiltak ? plural(tiltak, 'tiltak', 'tiltak') : '', links.length - tiltak ? plural(links.length - tiltak, 'omtale', 'omtaler') : ''].filter(Boolean).join(', ');
  return h('li', { class: 'commitment' },
    h('div', { class: 'commitment-status' }, followUpBadge(v)),
    h('div', { class: 'commitment-main' },
      withLead && v.context && v.context.lead_in ? h('span', { class: 'lead-in' }, v.context.lead_in + ' … ') : null,
      h('a', { href: '/forpliktelser/' + encodeURIComponent(v.id) }, v.text),
      h('span', { class: 'note' }, ' – ' + note)));
}

const reasonLabels = {
  shared_terms: 'Felles ord',
  explicit_reference: 'Eksplisitt henvisning',
  shared_heading: 'Felles overskrift',
  date_order: 'Rekkefølge i tid',
  shared_phrase: 'Samme uttrykk',
  status: 'Status',
};

// reasonText uses the detail, which is written for people, and puts the
// kind in front unless the detail already starts with it.
function reasonText(r) {
  const label = reasonLabels[r.kind];
  const detail = r.detail || '';
  if (!detail) return label || r.kind;
  if (!label || detail.toLowerCase().startsWith(label.toLowerCase())) return detail;
  return label + ': ' + detail;
}

export function reasonList(reasons) {
  if (!(reasons || []).length) return null;
  return h('ul', { class: 'reasons' }, reasons.map((r) => h('li', null,
    reasonText(r),
    r.weight ? h('span', { class: 'weight' }, ' (vekt ' + formatScore(r.weight) + ')') : null,
    (r.terms || []).length ? h('span', { class: 'terms' }, ' ', r.terms.map((t) => h('span', { class: 'term' }, t.term + ' ' + formatScore(t.weight)))) : null)));
}

export async function renderCommitment(ctx) {
  const [id] = ctx.params;
  let v;
  try {
    v = await getJSON('/api/commitments/' + encodeURIComponent(id), null, ctx.signal);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    ctx.setTitle('Fant ikke forpliktelsen');
    clear(ctx.main).append(h('h1', null, err.status === 404 ? 'Fant ikke forpliktelsen' : 'Kunne ikke vise forpliktelsen'),
      err.status === 404 ? h('p', null, 'Den kan være fjernet da dokumentet ble lastet inn på nytt. Se ', h('a', { href: '/forpliktelser' }, 'alle forpliktelser'), '.') : errorBox(err));
    return;
  }
  let health = null;
  try {
    health = await getJSON('/api/health', null, ctx.signal);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
  }
  const judge = health && health.writes_enabled === true ? verdictControls(ctx, v) : null;
  const links = v.links || [];
  // A tiltak link carries the tiltak's number, kind, status and evidence sentence.
  const details = links.map((l) => (l.target_type === 'tiltak'
    ? { ref: l.target_ref, kind: l.target_kind, status: l.status, status_text: l.status_text, evidence: l.evidence, section_id: l.section_id }
    : null));

  ctx.setTitle([short(v.text), 'Forpliktelse']);
  const path = (v.context && v.context.path) || [];
  const main = clear(ctx.main);
  main.append(h('nav', { class: 'breadcrumbs', 'aria-label': 'Brødsmulesti' },
    h('ol', null, h('li', null, h('a', { href: '/forpliktelser' }, 'Forpliktelser')), h('li', null, h('span', { 'aria-current': 'page' }, short(v.text))))));
  main.append(h('p', { class: 'eyebrow' }, 'Forpliktelse'));
  main.append(h('h1', { class: 'commitment-title' }, v.text));
  main.append(h('div', { class: 'status-line' }, 'Status på oppfølgingen: ', followUpBadge(v)));
  main.append(h('dl', { class: 'meta' },
    h('div', null, h('dt', null, 'Dokument'), h('dd', null, h('a', { href: docURL(v.document_id) }, v.document_title || v.document_id))),
    path.length ? h('div', null, h('dt', null, 'Kapittel'), h('dd', null, pathText(path))) : null,
    v.context && v.context.lead_in ? h('div', null, h('dt', null, 'Innledning'), h('dd', null, v.context.lead_in)) : null,
    h('div', null, h('dt', null, 'Form'), h('dd', null, v.kind === 'bullet' ? 'Punkt i en «Regjeringen vil»-liste' : 'Setning i løpende tekst'))));
  main.append(h('blockquote', { class: 'in-context' },
    v.context && v.context.lead_in ? h('p', { class: 'lead-in' }, v.context.lead_in) : null,
    h('p', null, v.text),
    h('p', { class: 'go' }, h('a', { href: docURL(v.document_id, v.section_id) }, 'Les forpliktelsen i dokumentet'))));
  const occ = v.occurrences || [];
  if (occ.length) {
    // The same pledge said again in the document (its prose sentence beside the bullet).
    main.append(h('h2', null, 'Også sagt i dokumentet (' + occ.length + ')'));
    main.append(h('ul', { class: 'occurrences' }, occ.map((o) => h('li', null,
      h('a', { href: docURL(v.document_id, o.section_id) }, '«' + o.text + '»'),
      (o.path || []).length ? h('span', { class: 'context' }, ' – ' + pathText(o.path)) : null))));
  }

  main.append(h('h2', null, 'Oppfølging (' + links.length + ')'));
  if (judge) main.append(judge.panel);
  if (!links.length) {
    main.append(h('div', { class: 'notice' }, h('p', null, 'Fant ingen tiltak eller omtale som følger opp denne forpliktelsen. Søk gjerne selv etter ',
      h('a', { href: withParams('/', { q: short(v.text, 60) }) }, 'ord fra forpliktelsen'), '.')));
    return;
  }
  main.append(h('p', { class: 'hint' }, 'Bekreftede koblinger først, så sortert etter styrke. Styrken (0–1) sier hvor sikker koblingen er; begrunnelsene viser hva den bygger på.'));
  main.append(h('ol', { class: 'links' }, links.map((l, i) => linkItem(l, details[i], judge))));
}

// The write token for verdicts lives only as long as the page: it is never
// stored in the browser.
let verdictToken = '';
// The last verdict, so that a rejection can be taken back after the link is gone.
let lastVerdict = null;

// verdictControls builds the panel where an adviser with the write token
// gives the key, adds a missing link, and reads what the last verdict did;
// each link item gets its buttons from it.
function verdictControls(ctx, v) {
  const base = '/api/commitments/' + encodeURIComponent(v.id) + '/verdicts';
  const status = h('p', { class: 'verdict-status', role: 'status', tabindex: '-1' });
  const token = h('input', { type: 'password', id: 'verdict-token', autocomplete: 'off', value: verdictToken, 'aria-describedby': 'verdict-token-hint' });
  const target = h('input', { type: 'text', id: 'verdict-target', autocomplete: 'off', 'aria-describedby': 'verdict-target-hint' });

  async function send(method, path, body, done) {
    verdictToken = token.value.trim();
    if (!verdictToken) {
      status.textContent = 'Skriv inn nøkkelen først.';
      token.focus();
      return;
    }
    try {
      await sendJSON(method, path, body, verdictToken, ctx.signal);
    } catch (err) {
      if (err.name === 'AbortError') throw err;
      status.textContent = 'Kunne ikke lagre vurderingen: ' + err.message;
      status.focus();
      return;
    }
    lastVerdict = done;
    await renderCommitment(ctx);
    const again = ctx.main.querySelector('.verdict-status');
    if (again) again.focus();
  }
  const api = {
    confirm: (id) => send('POST', base, { target_id: id, verdict: 'confirmed' }, { commitment: v.id, id, text: 'Koblingen er bekreftet.' }),
    reject: (id) => send('POST', base, { target_id: id, verdict: 'rejected' }, { commitment: v.id, id, text: 'Koblingen er avvist og vises ikke mer.', undo: true }),
    undo: (id) => send('DELETE', base + '/' + encodeURIComponent(id), undefined, { commitment: v.id, id, text: 'Vurderingen er tatt tilbake.' }),
  };
  if (lastVerdict && lastVerdict.commitment === v.id) {
    status.append(lastVerdict.text);
    if (lastVerdict.undo) {
      const id = lastVerdict.id;
      status.append(' ', h('button', { type: 'button', class: 'link-button', onclick: () => api.undo(id) }, 'Angre'));
    }
  }
  const form = h('form', { class: 'verdict-add', onsubmit: (e) => { e.preventDefault(); if (target.value.trim()) api.confirm(target.value.trim()); } },
    h('div', { class: 'field' }, h('label', { for: 'verdict-token' }, 'Nøkkel'), token,
      h('p', { id: 'verdict-token-hint', class: 'hint' }, 'Samme nøkkel som for opplasting. Den lagres ikke i nettleseren.')),
    h('div', { class: 'field' }, h('label', { for: 'verdict-target' }, 'Legg til en kobling som mangler'), target,
      h('p', { id: 'verdict-target-hint', class: 'hint' }, 'ID-en til et tiltak eller en del i et annet dokument (står i adressen til tiltaket eller delen).')),
    h('button', { type: 'submit' }, 'Legg til'));
  api.panel = h('section', { class: 'verdicts', 'aria-labelledby': 'verdicts-h' },
    h('h3', { id: 'verdicts-h' }, 'Vurder koblingene'),
    form, status);
  return api;
}

function linkItem(l, t, judge) {
  const isTiltak = l.target_type === 'tiltak';
  const href = isTiltak ? '/tiltak/' + encodeURIComponent(l.target_id) : docURL(l.document_id, l.target_id);
  return h('li', { class: 'link-item' },
    h('div', { class: 'link-head' },
      h('span', { class: 'kind' }, isTiltak ? tiltakLabel(t) : 'Omtale'),
      isTiltak ? badge(l.status || (t && t.status)) : null,
      l.verdict === 'confirmed' ? h('span', { class: 'badge badge-confirmed' }, 'Bekreftet av rådgiver') : null,
      h('span', { class: 'score' }, l.score ? 'Styrke ' + formatScore(l.score) : 'Lagt til av rådgiver')),
    h('h3', { class: 'link-title' }, h('a', { href }, l.target_text || l.target_id)),
    h('p', { class: 'link-doc' }, 'I ', h('a', { href: docURL(l.document_id, t ? t.section_id : (isTiltak ? '' : l.target_id)) }, l.document_title || l.document_id)),
    t && t.evidence ? h('blockquote', { class: 'evidence' }, h('p', null, h('span', { class: 'label' }, 'Status er lest fra: '), '«' + t.evidence + '»')) : null,
    isTiltak && l.status && l.status !== 'ukjent' ? h('p', { class: 'status-source' }, 'Status' + (l.status_date ? ' per ' + formatDate(l.status_date) : '') + ' ifølge ', h('a', { href: docURL(l.document_id) }, l.document_title || l.document_id)) : null,
    t && t.status_text && !t.evidence ? h('p', null, 'Status i dokumentet: «' + t.status_text + '»') : null,
    h('div', { class: 'why' }, h('h4', null, 'Hvorfor koblet'), reasonList(l.reasons) || h('p', null, 'Ingen begrunnelse oppgitt.')),
    judge ? h('div', { class: 'verdict-buttons' },
      l.verdict === 'confirmed'
        ? h('button', { type: 'button', onclick: () => judge.undo(l.target_id) }, 'Angre bekreftelsen')
        : h('button', { type: 'button', onclick: () => judge.confirm(l.target_id) }, 'Bekreft koblingen'),
      h('button', { type: 'button', onclick: () => judge.reject(l.target_id) }, 'Avvis koblingen')) : null);
}

export function short(text, n = 70) {
  const s = String(text || '');
  return s.length > n ? s.slice(0, n - 1).replace(/\s+\S*$/, '') + ' …' : s;
}
