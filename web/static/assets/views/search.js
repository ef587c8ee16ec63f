// The search page: start page when there is no query, results as you type,
// facets, pagination and "Mente du …". Query and filters live in the URL.
import { getAll, getJSON, withParams } from '../api.js';
import { h, append, clear, snippet, typeLabel, docURL, pathText, plural, followUpBadge, errorBox } from '../dom.js';
import { statusSummary } from './commitments.js';
import { health } from './empty.js';

const pageSize = 10;
const facetNames = [
  ['doc_type', 'type', 'Dokumenttype'],
  ['organisation', 'org', 'Organisasjon'],
  ['year', 'year', 'År'],
];
const examples = ['digitaliseringsvennlig regelverk', 'deling av data', 'kunstig intelligens', 'sammenhengende tjenester'];

function readParams(url) {
  const sp = url.searchParams;
  return {
    q: sp.get('q') || '',
    type: sp.get('type') || '',
    org: sp.get('org') || '',
    year: sp.get('year') || '',
    // correct=false: search the query as typed, without spelling correction.
    correct: sp.get('correct') === 'false' ? 'false' : '',
    side: Math.max(1, parseInt(sp.get('side') || '1', 10) || 1),
  };
}

function pageURL(p) {
  return withParams('/', { q: p.q, type: p.type, org: p.org, year: p.year, correct: p.correct || '', side: p.side > 1 ? p.side : '' });
}

export async function renderSearch(ctx) {
  const params = readParams(ctx.url);
  const input = h('input', { type: 'search', id: 'q', name: 'q', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'q-hint' });
  input.value = params.q;
  const form = h('form', { role: 'search', class: 'search-form', action: '/', method: 'get' },
    h('label', { for: 'q', class: 'search-label' }, 'Søk i strategier, forpliktelser og tiltak'),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit' }, 'Søk')),
    h('p', { id: 'q-hint', class: 'hint' }, 'Treffene kommer mens du skriver. Sett ord i anførselstegn for å søke etter en frase, og minus foran ord du vil utelate.'));
  const status = h('p', { id: 'result-status', class: 'result-status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const body = h('div', { class: 'search-body' });
  const heading = h('h1', null, 'Finn forpliktelser, tiltak og status');
  clear(ctx.main);
  ctx.main.append(heading, form, status, body);

  let seq = 0;
  let controller = null;
  let timer = 0;
  let current = params;

  // focus: 'results' moves focus to the results after an explicit search;
  // facet: [key, value] keeps it on that facet link, which is drawn anew.
  async function run(p, { push = false, focus = '', facet = null } = {}) {
    // Leaving the start page gets its own history entry, so that Back
    // returns to it; further typing only replaces the entry.
    const fromStart = !current.q && !current.type && !current.org && !current.year;
    current = p;
    const url = pageURL(p);
    if (url !== location.pathname + location.search) ctx.navigate(url, { replace: !push && !fromStart, render: false });
    if (controller) controller.abort();
    controller = new AbortController();
    const mine = ++seq;
    if (!p.q && !p.type && !p.org && !p.year) {
      ctx.setTitle('Søk');
      status.textContent = '';
      clear(body).append(await startPage(ctx));
      return;
    }
    ctx.setTitle([p.q ? '«' + p.q + '»' : 'Filtrert', 'Søk']);
    body.setAttribute('aria-busy', 'true');
    try {
      const res = await getJSON('/api/search', {
        q: p.q, type: p.type, org: p.org, year: p.year, correct: p.correct || '', size: pageSize, from: (p.side - 1) * pageSize,
      }, controller.signal);
      if (mine !== seq) return;
      status.textContent = statusText(res, p);
      clear(body).append(results(res, p, run));
      const keep = facet ? body.querySelector(`a.facet[data-facet="${facet[0]}"][data-value="${CSS.escape(facet[1])}"]`) : null;
      if (keep) keep.focus();
      else if (facet || focus === 'results') body.querySelector('#results')?.focus();
      commitmentsBox(p.q, controller.signal).then((box) => {
        const slot = body.querySelector('.commitment-slot');
        if (mine === seq && box && slot) slot.append(box);
      });
    } catch (err) {
      if (err.name === 'AbortError' || mine !== seq) return;
      status.textContent = 'Søket kunne ikke utføres.';
      clear(body).append(err.status === 400
        ? errorBox({ message: explain(err.message) }, 'Søket forstås ikke', /quote|paren/i.test(err.message)
          ? 'Sjekk at anførselstegn og parenteser står i par, eller søk med vanlige ord.'
          : 'Rett søket og prøv igjen.')
        : errorBox(err, 'Søket kunne ikke utføres'));
    } finally {
      if (mine === seq) body.removeAttribute('aria-busy');
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    // A phrase being typed ("klart spr…) is not an error yet; wait for
    // the closing quote or an explicit submit.
    if (unfinished(input.value)) return;
    timer = setTimeout(() => run({ ...current, q: input.value.trim(), correct: '', side: 1 }), 250);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run({ ...current, q: input.value.trim(), correct: '', side: 1 }, { push: true, focus: 'results' });
  });
  ctx.signal.addEventListener('abort', () => {
    clearTimeout(timer);
    if (controller) controller.abort();
  });
  await run(params);
}

function unfinished(q) {
  return (q.match(/"/g) || []).length % 2 === 1 || (q.match(/\(/g) || []).length > (q.match(/\)/g) || []).length;
}

// explain puts the server's reasons for rejecting a query into Norwegian.
function explain(msg) {
  const known = [
    [/unbalanced quote/i, 'Et anførselstegn mangler sin partner.'],
    [/unbalanced paren|parenthes/i, 'En parentes mangler sin partner.'],
    [/unknown document type/i, 'Dokumenttypen finnes ikke. Bruk en av: strategi, stortingsmelding, handlingsplan, statusrapport, saksframlegg, rapport, artikkel, høring, lov, annet.'],
    [/query is empty|nothing to search/i, 'Søket inneholder ingen ord å søke etter.'],
    [/unknown status/i, 'Statusen finnes ikke. Bruk en av: på plan, mindre forsinkelser, store forsinkelser, forsinket, ikke startet, ferdig, avsluttet, ingen pågående tiltak, ukjent.'],
  ];
  for (const [re, text] of known) if (re.test(msg)) return text;
  return msg;
}

function statusText(res, p) {
  const n = res.total || 0;
  let s = n === 0 ? 'Ingen treff' : plural(n, 'treff', 'treff');
  if (res.showing_for) s += ' for «' + res.showing_for + '» (søkt i stedet for «' + p.q + '»)';
  else if (p.q) s += ' for «' + p.q + '»';
  const f = [p.type && typeLabel(p.type), p.org, p.year].filter(Boolean);
  if (f.length) s += ', avgrenset til ' + f.join(', ');
  if (n > pageSize) s += '. Side ' + p.side + ' av ' + Math.ceil(n / pageSize);
  return s + '.';
}

function results(res, p, run) {
  const frag = document.createDocumentFragment();
  const hits = res.hits || [];
  if (res.showing_for) {
    // The hits are for the corrected query: say so, and offer the query as typed.
    const typed = { ...p, correct: 'false', side: 1 };
    frag.append(h('p', { class: 'suggestion' }, 'Viser treff for ', h('strong', {}, '«' + res.showing_for + '»'), '.'));
    frag.append(h('p', { class: 'hint as-typed' }, 'Et ord i søket finnes verken i ordlisten eller i dokumentene. ',
      h('a', { href: pageURL(typed), onclick: (e) => { e.preventDefault(); run(typed, { push: true }); } }, 'Søk bare etter «' + p.q + '»'), '.'));
  } else if (res.suggestion && res.suggestion !== p.q) {
    const sug = { ...p, q: res.suggestion, correct: '', side: 1 };
    frag.append(h('p', { class: 'suggestion' }, 'Mente du ',
      h('a', { href: pageURL(sug), onclick: (e) => { e.preventDefault(); document.getElementById('q').value = res.suggestion; run(sug, { push: true }); } }, res.suggestion), '?'));
  }

  const layout = h('div', { class: 'search-layout' });
  if (hits.length) layout.append(h('a', { class: 'skip-link skip-results', href: '#hits' }, 'Hopp til treffene'));
  layout.append(facets(res, p, run));
  const col = h('div', { class: 'results', id: 'results', tabindex: '-1', 'aria-label': 'Treff' }, h('h2', { class: 'visually-hidden' }, 'Treff'), h('div', { class: 'commitment-slot' }));
  if (hits.length === 0) {
    const none = emptyState(p);
    col.append(none);
    // An empty collection has nothing to spell right; the start page says
    // how to fill it instead (app.js renderStart).
    health().then((hl) => {
      if (hl && hl.documents === 0) none.remove();
    });
  } else {
    col.append(h('ol', { class: 'hits', id: 'hits', tabindex: '-1', 'aria-label': 'Treffliste', start: (p.side - 1) * pageSize + 1 }, hits.map((hit) => hitItem(hit, p.q))));
    append(col, [pagination(res.total || 0, p, run)]);
  }
  layout.append(col);
  frag.append(layout);
  return frag;
}

function hitItem(hit, q) {
  const title = hit.heading || hit.document_title || 'Uten overskrift';
  const meta = [typeLabel(hit.doc_type), hit.organisation, hit.date ? hit.date.slice(0, 4) : '', hit.page ? 'side ' + hit.page : ''].filter(Boolean);
  return h('li', { class: 'hit' },
    h('h3', { class: 'hit-title' }, h('a', { href: docURL(hit.document_id, hit.section_id, q) }, title)),
    h('p', { class: 'hit-path' }, pathText([hit.document_title, ...(hit.path || [])])),
    h('p', { class: 'hit-meta' }, meta.join(' · ')),
    hit.snippet ? h('p', { class: 'snippet' }, snippet(hit.snippet)) : null);
}

function facets(res, p, run) {
  const f = res.facets || {};
  const chosen = facetNames.filter(([, key]) => p[key]).length;
  const box = h('details', { class: 'facets' });
  if (window.matchMedia('(min-width: 50em)').matches) box.open = true;
  box.append(h('summary', { class: 'facets-title' }, 'Avgrens treff', chosen ? ' (' + chosen + ' valgt)' : ''));
  for (const [name, key, label] of facetNames) {
    const values = (f[name] || []).slice();
    if (p[key] && !values.some((v) => String(v.value) === p[key])) values.unshift({ value: p[key], count: null });
    if (values.length === 0) continue;
    const list = h('ul', { class: 'facet-list' });
    for (const v of values) {
      const val = String(v.value);
      const on = p[key] === val;
      const next = { ...p, [key]: on ? '' : val, side: 1 };
      const text = key === 'type' ? typeLabel(val) : val;
      list.append(h('li', null, h('a', {
        href: pageURL(next),
        class: on ? 'facet on' : 'facet',
        'data-facet': key,
        'data-value': val,
        'aria-current': on ? 'true' : null,
        onclick: (e) => { e.preventDefault(); run(next, { push: true, facet: [key, val] }); },
      }, on ? h('span', { class: 'visually-hidden' }, 'Fjern filter: ') : null, text,
      v.count === null ? null : h('span', { class: 'count' }, ' (' + v.count + ')'))));
    }
    box.append(h('div', { class: 'facet-group' }, h('h2', null, label), list));
  }
  if (chosen) {
    const none = { ...p, type: '', org: '', year: '', side: 1 };
    box.append(h('p', null, h('a', { href: pageURL(none), onclick: (e) => { e.preventDefault(); run(none, { push: true }); } }, 'Fjern alle filtre')));
  }
  return box;
}

function pagination(total, p, run) {
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) return null;
  const link = (side, text, rel) => {
    const next = { ...p, side };
    return h('a', { href: pageURL(next), rel, onclick: (e) => { e.preventDefault(); run(next, { push: true }); window.scrollTo(0, 0); document.getElementById('q').focus(); } }, text);
  };
  return h('nav', { class: 'pagination', 'aria-label': 'Sider med treff' },
    p.side > 1 ? link(p.side - 1, '← Forrige side', 'prev') : null,
    h('span', null, 'Side ' + p.side + ' av ' + pages),
    p.side < pages ? link(p.side + 1, 'Neste side →', 'next') : null);
}

function emptyState(p) {
  const filtered = p.type || p.org || p.year;
  return h('div', { class: 'notice' },
    h('h2', null, 'Ingen treff'),
    h('ul', null,
      h('li', null, 'Sjekk skrivemåten, eller bruk færre eller andre ord.'),
      filtered ? h('li', null, h('a', { href: pageURL({ q: p.q, side: 1 }) }, 'Søk uten filtre')) : null,
      h('li', null, 'Se ', h('a', { href: '/forpliktelser' }, 'alle forpliktelser'), ' eller ', h('a', { href: '/dokumenter' }, 'alle dokumenter'), '.')));
}

async function commitmentsBox(q, signal) {
  if (!q) return null;
  let res;
  try {
    res = await getJSON('/api/commitments', { q, size: 3 }, signal);
  } catch {
    return null; // The section hits still stand on their own.
  }
  const list = res.commitments || [];
  const total = res.total || list.length;
  if (list.length === 0) return null;
  return h('section', { class: 'commitment-box', 'aria-labelledby': 'cbox-h' },
    h('h2', { id: 'cbox-h' }, 'Forpliktelser som passer (' + total + ')'),
    h('ul', { class: 'plain' }, list.slice(0, 3).map((c) => h('li', null,
      h('a', { href: '/forpliktelser/' + encodeURIComponent(c.id) }, c.text), ' ', followUpBadge(c)))),
    h('p', null, h('a', { href: withParams('/forpliktelser', { q }) }, total > 3 ? 'Se alle ' + total + ' forpliktelser med status' : 'Se forpliktelsene i oversikten')));
}

async function startPage(ctx) {
  const [health, commitments] = await Promise.all([
    getJSON('/api/health', null, ctx.signal).catch(() => null),
    getAll('/api/commitments', null, 'commitments', ctx.signal).catch(() => []),
  ]);
  const frag = document.createDocumentFragment();
  if (commitments.length) {
    // The first thing most advisers ask: how do the commitments stand?
    frag.append(h('section', { class: 'status-overview', 'aria-labelledby': 'so-h' },
      h('h2', { id: 'so-h' }, 'Slik står det til med ' + plural(commitments.length, 'forpliktelse', 'forpliktelser')),
      statusSummary(commitments, {}),
      h('p', null, h('a', { href: '/forpliktelser', class: 'strong-link' }, 'Se alle forpliktelser med status →'))));
  }
  frag.append(h('section', { class: 'cards', 'aria-label': 'Snarveier' },
    card('/forpliktelser', 'Forpliktelser og status', 'Alt regjeringen har sagt den vil gjøre, med status for tiltakene som følger det opp.'),
    card('/tiltak', 'Tiltak', 'Tiltakene i handlingsplaner og statusrapporter, med status og begrunnelse.'),
    card('/dokumenter', 'Dokumenter', health ? plural(health.documents || 0, 'dokument', 'dokumenter') + ' med ' + plural(health.sections || 0, 'del', 'deler') + '.' : 'Alle dokumentene i samlingen.')));
  frag.append(h('section', { class: 'examples', 'aria-labelledby': 'ex-h' },
    h('h2', { id: 'ex-h' }, 'Prøv for eksempel'),
    h('ul', { class: 'chips' }, examples.map((q) => h('li', null, h('a', { href: pageURL({ q, side: 1 }) }, q))))));
  return frag;
}

function card(href, title, text) {
  return h('a', { class: 'card', href }, h('span', { class: 'card-title' }, title), h('span', { class: 'card-text' }, text));
}
