// Upload: shown when the server accepts writes. Sends one file with a
// bearer token and shows what the ingest made of it.
import { getJSON, postForm } from '../api.js';
import { forget } from './empty.js';
import { h, clear, docTypes, typeLabel, plural, docURL, technical } from '../dom.js';

export async function renderUpload(ctx) {
  ctx.setTitle('Last opp');
  let health = null;
  try {
    health = await getJSON('/api/health', null, ctx.signal);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
  }
  const main = clear(ctx.main);
  main.append(h('h1', null, 'Last opp dokument'));
  if (!health || health.writes_enabled !== true) {
    main.append(h('div', { class: 'notice' },
      h('p', null, 'Opplasting er slått av på denne serveren.'),
      h('p', null, 'En administrator kan slå den på ved å starte strategispor med en nøkkel (STRATEGISPOR_TOKEN eller --token-file). Til da kan du ', h('a', { href: '/' }, 'søke i dokumentene'), '.')));
    return;
  }
  const file = h('input', { type: 'file', id: 'up-file', name: 'file', required: true, accept: '.txt,.md,.markdown,.html,.htm,.pdf,.docx,.adoc,.asciidoc', 'aria-describedby': 'up-file-hint' });
  const type = h('select', { id: 'up-type', name: 'type' }, h('option', { value: '' }, 'Finn ut automatisk'), docTypes.map((t) => h('option', { value: t }, typeLabel(t))));
  const sourceURL = h('input', { type: 'url', id: 'up-url', name: 'source_url', autocomplete: 'off', 'aria-describedby': 'up-url-hint' });
  const token = h('input', { type: 'password', id: 'up-token', name: 'token', required: true, autocomplete: 'off', 'aria-describedby': 'up-token-hint' });
  const button = h('button', { type: 'submit' }, 'Last opp');
  const out = h('div', { class: 'upload-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'upload-form' },
    h('div', { class: 'field' }, h('label', { for: 'up-file' }, 'Fil'), file,
      h('p', { id: 'up-file-hint', class: 'hint' }, 'TXT, Markdown, HTML, PDF, DOCX eller AsciiDoc. En fil med samme navn erstatter den forrige versjonen.')),
    h('div', { class: 'field' }, h('label', { for: 'up-type' }, 'Dokumenttype'), type),
    h('div', { class: 'field' }, h('label', { for: 'up-url' }, 'Nettadresse til originalen (valgfritt)'), sourceURL,
      h('p', { id: 'up-url-hint', class: 'hint' }, 'Der dokumentet er publisert, for eksempel på regjeringen.no: hele adressen, som begynner med http eller https. Vises og lenkes ved dokumentet.')),
    h('div', { class: 'field' }, h('label', { for: 'up-token' }, 'Nøkkel'), token,
      h('p', { id: 'up-token-hint', class: 'hint' }, 'Nøkkelen får du av den som driftar strategispor. Den lagres ikke i nettleseren.')),
    h('div', { class: 'field' }, button));
  main.append(form, out);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!file.files || !file.files.length) {
      clear(out).append(h('p', { class: 'notice notice-error', role: 'alert' }, 'Velg en fil først.'));
      file.focus();
      return;
    }
    const data = new FormData();
    data.append('file', file.files[0]);
    if (type.value) data.append('type', type.value);
    if (sourceURL.value.trim()) data.append('source_url', sourceURL.value.trim());
    button.disabled = true;
    clear(out).append(h('p', null, 'Laster opp og leser filen …'));
    try {
      const res = await postForm('/api/documents', data, token.value.trim(), ctx.signal);
      forget(); // the collection is no longer empty
      clear(out).append(report(res));
    } catch (err) {
      if (err.name === 'AbortError') return;
      // What to do next; the message above already says what went wrong.
      const help = {
        unauthorized: 'Sjekk nøkkelen og prøv igjen.',
        writes_disabled: 'Be den som driver serveren starte den med en nøkkel.',
        too_large: 'Del opp filen, eller be en administrator øke grensen.',
        unsupported_media_type: 'Lagre filen som TXT, Markdown, HTML, PDF eller DOCX og prøv igjen.',
        encrypted: 'Åpne filen, lagre en kopi uten passord, og last opp den.',
        unreadable: 'Åpne filen og lagre en ny kopi, eller eksporter den som PDF med tekst.',
        extraction_timeout: 'Del opp filen, eller lagre den som tekst (TXT eller DOCX).',
      }[err.code];
      clear(out).append(h('div', { class: 'notice notice-error', role: 'alert' },
        h('h2', null, 'Opplastingen feilet'), h('p', null, err.message), help ? h('p', null, help) : null, technical(err)));
    } finally {
      button.disabled = false;
    }
  });
}

// report shows an ingest report; the server may answer with a whole batch
// report, one file result or the stored document.
function report(res) {
  const results = res.results || (res.outcome ? [res] : null);
  const box = h('div', { class: 'notice notice-ok' }, h('h2', null, 'Resultat'));
  if (!results) {
    const id = res.id || res.document_id;
    box.append(h('p', null, 'Dokumentet er lastet inn: ', id ? h('a', { href: docURL(id) }, res.title || id) : (res.title || ''),
      res.sections ? ' (' + plural(Array.isArray(res.sections) ? res.sections.length : res.sections, 'del', 'deler') + ')' : ''));
    return box;
  }
  const words = { ingested: 'Lastet inn', unchanged: 'Uendret (samme innhold)', skipped: 'Hoppet over', failed: 'Feilet', extracted: 'Lest (ikke lagret)' };
  box.append(h('ul', null, results.map((r) => h('li', null,
    h('strong', null, (words[r.outcome] || r.outcome) + ': '),
    r.document_id ? h('a', { href: docURL(r.document_id) }, r.title || r.path || r.document_id) : (r.title || r.path || ''),
    r.doc_type ? ', ' + typeLabel(r.doc_type) : '',
    r.sections ? ', ' + plural(r.sections, 'del', 'deler') : '',
    r.reason ? h('p', null, 'Årsak: ' + r.reason) : null,
    (r.warnings || []).length ? h('ul', null, r.warnings.map((w) => h('li', null, 'Advarsel: ' + w))) : null))));
  return box;
}
