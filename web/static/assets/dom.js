// DOM helpers. Everything from documents is inserted as text nodes; the only
// markup ever taken from the API is <mark> in search snippets, and that is
// rebuilt element by element; no HTML string is ever parsed.

// h creates an element. attrs keys: class, text, on<Event> (functions),
// boolean values toggle attributes, everything else is setAttribute.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

const entityRE = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/g;
const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

// unescapeHTML decodes the entities an HTML escaper produces.
export function unescapeHTML(s) {
  return s.replace(entityRE, (m, e) => {
    if (e[0] !== '#') return named[e];
    const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    try {
      return String.fromCodePoint(n);
    } catch {
      return m;
    }
  });
}

// snippet turns an HTML-escaped snippet with <mark> tags into DOM nodes.
// Any other tag-like text stays visible text.
export function snippet(s) {
  const frag = document.createDocumentFragment();
  let mark = null;
  for (const part of String(s || '').split(/(<\/?mark>)/)) {
    if (part === '<mark>') {
      if (!mark) mark = document.createElement('mark');
    } else if (part === '</mark>') {
      if (mark) frag.append(mark);
      mark = null;
    } else if (part) {
      (mark || frag).append(document.createTextNode(unescapeHTML(part)));
    }
  }
  if (mark) frag.append(mark);
  return frag;
}

const operators = new Set(['and', 'or', 'not', 'og', 'eller', 'ikke']);

// queryTerms picks the words of a search query worth highlighting: no
// operators, no field filters (type:…), no very short words.
export function queryTerms(q) {
  const terms = [];
  for (let w of String(q || '').toLowerCase().split(/\s+/)) {
    if (!w || w.includes(':') || w.startsWith('-')) continue;
    w = w.replace(/^[-+"(*]+|[")*~^0-9.]+$/g, '');
    w = w.replace(/[^\p{L}\p{N}-]/gu, '');
    if (w.length < 3 || operators.has(w)) continue;
    // A light stem so that regelverket and regelverk meet.
    const stem = w.length > 6 ? w.replace(/(ene|ane|ere|er|en|et|e|a)$/, '') : w;
    if (!terms.includes(stem)) terms.push(stem);
  }
  return terms;
}

function escapeRE(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// highlight returns text as nodes with the query terms wrapped in <mark>.
// Terms of five letters or more also match inside compounds
// (regelverk in sektorregelverk); shorter ones only at word starts.
export function highlight(text, terms) {
  const frag = document.createDocumentFragment();
  if (!terms || terms.length === 0) {
    frag.append(document.createTextNode(text));
    return frag;
  }
  const alts = terms
    .slice()
    .sort((a, b) => b.length - a.length)
    .map((t) => (t.length >= 5 ? escapeRE(t) : '(?<![\\p{L}\\p{N}])' + escapeRE(t)));
  const re = new RegExp('(' + alts.join('|') + ')[\\p{L}\\p{N}]*', 'giu');
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) frag.append(document.createTextNode(text.slice(last, m.index)));
    frag.append(h('mark', null, m[0]));
    last = m.index + m[0].length;
  }
  if (last < text.length) frag.append(document.createTextNode(text.slice(last)));
  return frag;
}

const statusInfo = {
  'på plan': ['På plan', 'ok'],
  'mindre forsinkelser': ['Mindre forsinkelser', 'minor'],
  'store forsinkelser': ['Store forsinkelser', 'major'],
  forsinket: ['Forsinket', 'late'],
  'ikke startet': ['Ikke startet', 'notstarted'],
  ferdig: ['Ferdig', 'done'],
  avsluttet: ['Avsluttet', 'closed'],
  'ingen pågående tiltak': ['Ingen pågående tiltak', 'none'],
  ukjent: ['Status ukjent', 'unknown'],
};

export const statusOrder = Object.keys(statusInfo);

export function statusLabel(s) {
  return (statusInfo[s] || [s || 'Status ukjent'])[0];
}

// badge shows a status as text with a colour; the colour only repeats what
// the text says.
export function badge(status, extra) {
  const [label, cls] = statusInfo[status] || [status || 'Status ukjent', 'unknown'];
  return h('span', { class: 'badge badge-' + cls + (extra ? ' ' + extra : '') }, label);
}

// followUpBadge summarises a commitment view: the worst status among its
// linked tiltak (never better than any of them), how they disagree, or what
// kind of follow-up is missing.
export function followUpBadge(view) {
  const links = view.links || [];
  if (links.length === 0) return h('span', { class: 'badge badge-nofollow' }, 'Uten oppfølging');
  const status = view.follow_up_status || view.best_status;
  if (!status) return h('span', { class: 'badge badge-mentioned' }, 'Omtalt, uten status');
  if (!view.status_summary) return badge(status);
  return h('span', { class: 'follow-up' }, badge(status), ' ', h('span', { class: 'status-summary' }, statusSummary(view.status_counts)));
}

// statusSummary writes the linked tiltak's statuses in Norwegian, worst
// first: "2 tiltak: 1 forsinket, 1 mindre forsinkelser".
function statusSummary(counts) {
  const entries = Object.entries(counts || {}).sort((a, b) => statusRank(a[0]) - statusRank(b[0]));
  const n = entries.reduce((sum, [, k]) => sum + k, 0);
  return n + ' tiltak: ' + entries.map(([st, k]) => k + ' ' + statusLabel(st).toLowerCase()).join(', ');
}

const severity = ['store forsinkelser', 'forsinket', 'ikke startet', 'ingen pågående tiltak', 'mindre forsinkelser', 'på plan', 'avsluttet', 'ferdig'];

function statusRank(st) {
  const i = severity.indexOf(st);
  return i < 0 ? severity.length : i;
}

const typeLabels = {
  strategi: 'Strategi',
  stortingsmelding: 'Stortingsmelding',
  handlingsplan: 'Handlingsplan',
  statusrapport: 'Statusrapport',
  saksframlegg: 'Saksframlegg',
  rapport: 'Rapport',
  artikkel: 'Artikkel',
  høring: 'Høring',
  lov: 'Lov',
  annet: 'Annet',
};

export const docTypes = Object.keys(typeLabels);

export function typeLabel(t) {
  return typeLabels[t] || t || 'Ukjent type';
}

const months = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

// formatDate writes an ISO date the Norwegian way: 13. juni 2019.
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  if (!m) return iso || '';
  return Number(m[3]) + '. ' + months[Number(m[2]) - 1] + ' ' + m[1];
}

const num = new Intl.NumberFormat('nb-NO', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatScore(x) {
  return num.format(Number(x) || 0);
}

export function plural(n, one, many) {
  return n + ' ' + (n === 1 ? one : many);
}

export function docURL(docID, sectionID, q) {
  let u = '/dokument/' + encodeURIComponent(docID);
  if (q) u += '?q=' + encodeURIComponent(q);
  if (sectionID) u += '#' + encodeURIComponent(sectionID);
  return u;
}

// errorBox shows what went wrong and what to do about it.
// help replaces the default advice.
export function errorBox(err, what, help) {
  const msg = err && err.message ? err.message : String(err);
  return h('div', { class: 'notice notice-error', role: 'alert' },
    h('h2', null, what || 'Noe gikk galt'),
    h('p', null, msg),
    technical(err),
    help ? h('p', null, help)
      : err && err.status === 0 ? null : h('p', null, 'Prøv igjen, eller gå til ', h('a', { href: '/' }, 'forsiden'), '.'));
}

// technical shows the server's own message, folded away, when the text
// shown is a Norwegian one for its error code.
export function technical(err) {
  if (!err || !err.detail || err.detail === err.message) return null;
  return h('details', { class: 'technical' }, h('summary', null, 'Teknisk melding'), h('p', null, h('code', null, err.detail)));
}

// pathText joins heading path parts, dropping a part that repeats the one
// before it (a document title that is also its first heading).
export function pathText(parts) {
  return (parts || []).filter((p, i, a) => p && p !== a[i - 1]).join(' › ');
}

// tiltakLabel names what kind of tiltak this is: "Tiltak 4.4" or
// "Innsatsområde".
export function tiltakLabel(t) {
  if (!t) return 'Tiltak';
  if (t.kind === 'innsatsomraade') return 'Innsatsområde';
  return /^\d/.test(t.ref || '') ? 'Tiltak ' + t.ref : 'Tiltak';
}

// tiltakTitle is the text with its number in front unless it is there already.
export function tiltakTitle(t) {
  const text = t.text || t.target_text || '';
  if (/^tiltak\b/i.test(text) || !/^\d/.test(t.ref || '')) return text;
  return 'Tiltak ' + t.ref + ': ' + text;
}

// downloads offers a list as a workbook, as CSV for Norwegian Excel
// (semicolons, Norwegian headers) and as plain CSV (commas, English keys).
export function downloads(xlsx, csvSemicolon, csvComma, which, what) {
  return h('p', { class: 'export-links' }, 'Last ned ' + which + ' ' + what + ': ',
    h('a', { href: xlsx, download: what + '.xlsx' }, 'Excel (.xlsx)'), ' · ',
    h('a', { href: csvSemicolon, download: what + '.csv' }, 'CSV for norsk Excel (semikolon)'), ' · ',
    h('a', { href: csvComma, download: what + '.csv' }, 'CSV med komma'));
}

// sourceLink links to where the original is published, naming its site.
export function sourceLink(u) {
  let site = u;
  try { site = new URL(u).host.replace(/^www\./, ''); } catch { /* shown whole */ }
  return h('a', { href: u, rel: 'noopener noreferrer', class: 'source-link' }, 'Originalen hos ' + site);
}
