// The document list and the document page: metadata, an outline that jumps
// to sections, the text with searched terms marked, and the commitments and
// tiltak found in the document.
import { getAll, getJSON, withParams } from '../api.js';
import { h, append, clear, highlight, queryTerms, typeLabel, formatDate, badge, followUpBadge, errorBox, plural, docURL, tiltakTitle } from '../dom.js';
import { sourceLink } from '../dom.js';
import { emptyGuide, health } from './empty.js';

export async function renderDocuments(ctx) {
  ctx.setTitle('Dokumenter');
  let res;
  try {
    res = await getJSON('/api/documents', null, ctx.signal);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    clear(ctx.main).append(h('h1', null, 'Dokumenter'), errorBox(err, 'Kunne ikke hente dokumentene'));
    return;
  }
  const docs = res.documents || [];
  const table = h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden' }, 'Dokumenter i samlingen'),
    h('thead', null, h('tr', null, ['Tittel', 'Type', 'Dato', 'Organisasjon', 'Deler'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, docs.map((d) => h('tr', null,
      h('th', { scope: 'row' }, h('a', { href: docURL(d.id) }, d.title || d.source || d.id)),
      h('td', null, typeLabel(d.doc_type)),
      h('td', { class: 'nowrap' }, formatDate(d.date)),
      h('td', null, d.organisation || ''),
      h('td', { class: 'num' }, String(d.sections ?? ''))))));
  append(clear(ctx.main), [
    h('h1', null, 'Dokumenter'),
    docs.length === 0 ? emptyGuide(await health(ctx.signal)) : h('p', null, plural(docs.length, 'dokument', 'dokumenter') + ' i samlingen.'),
    docs.length ? h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Dokumenttabell' }, table) : null]);
}

export async function renderDocument(ctx) {
  const [id] = ctx.params;
  const q = ctx.url.searchParams.get('q') || '';
  let doc;
  try {
    doc = await getJSON('/api/documents/' + encodeURIComponent(id), null, ctx.signal);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    ctx.setTitle('Fant ikke dokumentet');
    clear(ctx.main).append(h('h1', null, err.status === 404 ? 'Fant ikke dokumentet' : 'Kunne ikke vise dokumentet'),
      err.status === 404
        ? h('p', null, 'Dokumentet kan være slettet eller lastet inn på nytt. Søk etter det på ', h('a', { href: '/' }, 'forsiden'), ', eller se ', h('a', { href: '/dokumenter' }, 'alle dokumenter'), '.')
        : errorBox(err));
    return;
  }
  ctx.setTitle(doc.title || 'Dokument');
  const terms = queryTerms(q);
  const sections = doc.sections || [];
  const commitments = doc.commitments || [];
  const tiltak = doc.tiltak || [];
  const bySection = new Map();
  for (const c of commitments) {
    if (!bySection.has(c.section_id)) bySection.set(c.section_id, []);
    bySection.get(c.section_id).push(c);
  }

  const main = clear(ctx.main);
  main.append(h('nav', { class: 'breadcrumbs', 'aria-label': 'Brødsmulesti' },
    h('ol', null, h('li', null, q ? h('a', { href: withParams('/', { q }) }, 'Søk: «' + q + '»') : h('a', { href: '/dokumenter' }, 'Dokumenter')),
      h('li', null, h('span', { 'aria-current': 'page' }, doc.title)))));
  main.append(h('h1', null, doc.title || doc.source));
  main.append(metaList(doc));

  const summary = [];
  if (commitments.length) summary.push(h('a', { href: '#forpliktelser' }, plural(commitments.length, 'forpliktelse', 'forpliktelser')));
  if (tiltak.length) summary.push(h('a', { href: '#tiltak' }, plural(tiltak.length, 'tiltak', 'tiltak')));
  if (summary.length) main.append(h('p', { class: 'doc-summary' }, 'Funnet i dokumentet: ', summary.flatMap((s, i) => (i ? [' og ', s] : [s])), '.'));
  if (terms.length) main.append(h('p', { class: 'hint' }, 'Ord fra søket «' + q + '» er markert i teksten. ', h('a', { href: docURL(doc.id) }, 'Vis uten markering')));

  const outline = h('nav', { class: 'outline', 'aria-labelledby': 'outline-h' }, h('h2', { id: 'outline-h' }, 'Innhold'), outlineList(sections));
  const text = h('div', { class: 'doc-text' }, sections.map((s) => sectionEl(s, terms, bySection.get(s.id) || [])));
  main.append(h('div', { class: 'doc-layout' }, outline, text));

  if (commitments.length) main.append(commitmentList(commitments));
  if (tiltak.length) main.append(tiltakList(tiltak));

  // Status badges and search hits come from other endpoints; the page is
  // useful without them, so they fill in when they arrive.
  fillStatuses(main, doc.id, ctx.signal);
  fillRelations(main, doc.id, ctx.signal);
  if (q) markHits(outline, doc.id, q, ctx.signal);
}

function metaList(doc) {
  const rows = [
    ['Type', typeLabel(doc.doc_type)],
    ['Dato', formatDate(doc.date)],
    ['Organisasjon', doc.organisation],
    ['Periode', doc.period],
    ['Saksnummer', doc.case_number],
    ['Dokumentstatus', doc.status],
    ['Kilde', doc.source_url ? sourceLink(doc.source_url) : doc.source],
    ['Fil', doc.source_url ? doc.source : ''],
    ['Format', doc.format ? doc.format.toUpperCase() + (doc.pages ? ', ' + plural(doc.pages, 'side', 'sider') : '') : ''],
  ].filter(([, v]) => v);
  return h('dl', { class: 'meta' }, rows.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))));
}

function outlineList(sections) {
  const root = h('ol', { class: 'outline-list' });
  const stack = [{ level: 0, list: root }];
  for (const s of sections) {
    if (!s.heading) continue;
    const level = Math.max(1, s.level || 1);
    while (stack.length > 1 && stack[stack.length - 1].level >= level) stack.pop();
    const parent = stack[stack.length - 1];
    const li = h('li', { 'data-section': s.id }, h('a', { href: '#' + s.id }, s.heading));
    parent.list.append(li);
    const sub = h('ol');
    li.append(sub);
    stack.push({ level, list: sub });
  }
  for (const ol of root.querySelectorAll('ol')) if (!ol.firstChild) ol.remove();
  return root;
}

function sectionEl(s, terms, commitments) {
  const level = Math.min(6, Math.max(2, (s.level || 1) + 1));
  const el = h('section', { id: s.id, class: 'doc-section', tabindex: '-1', 'aria-label': s.heading || 'Innledning' });
  if (s.heading) el.append(h('h' + level, null, highlight(s.heading, terms)));
  if (s.page) el.append(h('p', { class: 'page-no' }, 'Side ' + s.page));
  const items = new Set((s.list_items || []).map((x) => x.trim()));
  for (const para of String(s.text || '').split(/\n\s*\n/)) {
    const lines = para.split('\n').map((l) => l.trim()).filter(Boolean);
    let prose = [];
    let list = null;
    const flush = () => {
      if (prose.length) el.append(h('p', null, highlight(prose.join(' '), terms)));
      prose = [];
    };
    for (const line of lines) {
      const bare = line.replace(/^([•\-–*]|\d+[.)])\s+/, '');
      if (items.has(line) || items.has(bare)) {
        flush();
        if (!list) el.append((list = h('ul')));
        list.append(h('li', null, highlight(bare, terms)));
      } else {
        list = null;
        prose.push(line);
      }
    }
    flush();
  }
  if (commitments.length) {
    el.append(h('aside', { class: 'inline-commitments', 'aria-label': 'Forpliktelser i denne delen' },
      h('p', { class: 'aside-title' }, plural(commitments.length, 'forpliktelse', 'forpliktelser') + ' i denne delen:'),
      h('ul', null, commitments.map((c) => h('li', { 'data-commitment': c.id },
        h('a', { href: '/forpliktelser/' + encodeURIComponent(c.id) }, c.text), ' ')))));
  }
  if ((s.references || []).length) {
    el.append(h('aside', { class: 'references', 'aria-label': 'Fotnoter' }, h('ul', null, s.references.map((r) => h('li', null, r)))));
  }
  return el;
}

function commitmentList(commitments) {
  return h('section', { id: 'forpliktelser', class: 'doc-findings', tabindex: '-1', 'aria-labelledby': 'forpliktelser-h' },
    h('h2', { id: 'forpliktelser-h' }, 'Forpliktelser i dokumentet'),
    h('ul', { class: 'findings' }, commitments.map((c) => h('li', { 'data-commitment': c.id },
      h('a', { href: '/forpliktelser/' + encodeURIComponent(c.id) }, c.text), ' ',
      h('span', { class: 'context' }, (c.context && c.context.path || []).join(' › '))))));
}

function tiltakList(tiltak) {
  return h('section', { id: 'tiltak', class: 'doc-findings', tabindex: '-1', 'aria-labelledby': 'tiltak-h' },
    h('h2', { id: 'tiltak-h' }, 'Tiltak i dokumentet'),
    h('ul', { class: 'findings' }, tiltak.map((t) => h('li', null,
      h('a', { href: '/tiltak/' + encodeURIComponent(t.id) }, tiltakTitle(t)), ' ', badge(t.status)))));
}

async function fillStatuses(main, docID, signal) {
  let res;
  try {
    res = await getAll('/api/commitments', { document: docID }, 'commitments', signal);
  } catch {
    return;
  }
  for (const v of res) {
    for (const li of main.querySelectorAll('[data-commitment]')) {
      if (li.dataset.commitment === v.id && !li.querySelector('.badge')) li.append(followUpBadge(v));
    }
  }
}

const relationGroups = [
  ['follows_up', 'Følger opp'],
  ['followed_up_by', 'Følges opp av'],
  ['cites', 'Viser til'],
  ['cited_by', 'Vises til i'],
  ['same_plan', 'Omtaler samme plan'],
  ['copies', 'Samme tekst i andre filer'],
];

// fillRelations adds the documents this one follows up, is followed up by,
// cites, is cited by or shares a plan with, each with the sentence it was
// read from. Only these documents can hold follow-ups of its commitments.
async function fillRelations(main, docID, signal) {
  let rel;
  try {
    rel = await getJSON('/api/documents/' + encodeURIComponent(docID) + '/relations', null, signal);
  } catch {
    return;
  }
  const groups = relationGroups.filter(([key]) => (rel[key] || []).length);
  if (!groups.length) return;
  main.append(h('section', { id: 'relasjoner', class: 'doc-findings', 'aria-labelledby': 'relasjoner-h' },
    h('h2', { id: 'relasjoner-h' }, 'Henger sammen med'),
    groups.map(([key, label]) => [
      h('h3', null, label),
      h('ul', { class: 'findings relations' }, rel[key].map((r) => h('li', null,
        h('a', { href: docURL(r.document_id) }, r.document_title || r.document_id),
        ' (' + typeLabel(r.doc_type) + (r.date ? ', ' + formatDate(r.date) : '') + ')',
        r.evidence ? h('blockquote', { class: 'evidence' }, h('p', null, '«' + r.evidence + '»')) : null))),
    ])));
}

async function markHits(outline, docID, q, signal) {
  let res;
  try {
    res = await getJSON('/api/search', { q, document: docID, size: 100 }, signal);
  } catch {
    return;
  }
  const ids = new Set((res.hits || []).map((x) => x.section_id));
  for (const li of outline.querySelectorAll('[data-section]')) {
    if (ids.has(li.dataset.section)) li.firstChild.append(' ', h('span', { class: 'hit-flag' }, 'treff'));
  }
}
