// The guide an empty collection shows: the exact command that adds
// documents in this situation, and the upload form when the server takes
// uploads.
import { getJSON } from '../api.js';
import { h } from '../dom.js';

let cached = null;

// health asks the server once per page load how many documents it has and
// whether it takes uploads; null when it cannot be asked.
export async function health(signal) {
  if (!cached) cached = getJSON('/api/health', null, signal).catch(() => { cached = null; return null; });
  return cached;
}

// forget drops the cached answer, after an upload or a delete.
export function forget() {
  cached = null;
}

// emptyGuide explains how to fill the collection. While the server runs it
// holds the data directory, so the command goes through it (--server auto,
// with the token); a server without a token takes no uploads, so it must be
// stopped for a local ingest.
export function emptyGuide(hl, what) {
  const writes = hl && hl.writes_enabled === true;
  return h('div', { class: 'notice empty-guide' },
    h('h2', null, 'Samlingen er tom'),
    h('p', null, (what ? what + ' ' : '') + 'Legg inn strategier, handlingsplaner og statusrapporter (TXT, Markdown, HTML, PDF eller DOCX) først.'),
    writes
      ? [h('p', null, h('a', { href: '/last-opp' }, 'Last opp et dokument'), ' her, eller legg inn en hel mappe fra kommandolinjen på maskinen der serveren kjører:'),
        h('pre', null, h('code', null, 'export STRATEGISPOR_TOKEN=<nøkkelen serveren ble startet med>\nstrategispor ingest --server auto MAPPE'))]
      : [h('p', null, 'Serveren er startet uten nøkkel og tar ikke imot opplastinger. Stopp den, legg inn en mappe, og start den igjen:'),
        h('pre', null, h('code', null, 'strategispor ingest MAPPE\nstrategispor serve'))],
    h('p', { class: 'note' }, 'Bruk samme --data som serveren hvis den ble startet med en annen datamappe.'));
}
