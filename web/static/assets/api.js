// Small client for strategispor's JSON API. Every failure becomes an
// ApiError with a Norwegian message that tells the user what to do.

export class ApiError extends Error {
  // message is what to show; detail is the server's own (English) message
  // when message is a Norwegian text for its code.
  constructor(status, code, message, detail) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = detail || '';
  }
}

// Norwegian texts for the API's error codes. invalid_request is left out:
// its message names the parameter at fault, and the views explain it.
const codeMessages = {
  unauthorized: 'Nøkkelen mangler eller er feil.',
  writes_disabled: 'Serveren tar ikke imot endringer: den er startet uten nøkkel.',
  not_found: 'Fant ikke det du ba om.',
  unsupported_media_type: 'Filtypen støttes ikke.',
  encrypted: 'Filen er passordbeskyttet (kryptert), så teksten kan ikke leses.',
  unreadable: 'Filen kunne ikke leses. Den kan være skadet, eller bare inneholde bilder av tekst.',
  extraction_timeout: 'Det tok for lang tid å lese filen.',
  too_large: 'Filen er for stor.',
  request_timeout: 'Opplastingen tok for lang tid, og ingenting ble lagret.',
  locked: 'Datamappen er i bruk av en annen prosess. Prøv igjen om litt.',
  insufficient_storage: 'Serveren har ikke mer lagringsplass. Ingenting ble lagret; prøv igjen når det er frigjort plass.',
  timeout: 'Serveren brukte for lang tid. Prøv igjen om litt.',
  overloaded: 'Serveren er opptatt. Prøv igjen om litt.',
  host_not_allowed: 'Serveren svarer ikke på denne adressen. Bruk adressen den ble startet med.',
  method_not_allowed: 'Serveren støtter ikke denne handlingen her.',
  internal: 'Noe gikk galt på serveren. Prøv igjen om litt.',
};

const networkHelp =
  'Får ikke kontakt med strategispor-serveren. Sjekk at den kjører, og last siden på nytt.';

// getJSON fetches path (with optional query params) and returns the parsed body.
export async function getJSON(path, params, signal) {
  return request(withParams(path, params), { signal, headers: { Accept: 'application/json' } });
}

// getAll fetches every page of a list endpoint (/api/commitments,
// /api/tiltak) and returns the items under key.
export async function getAll(path, params, key, signal) {
  const pageSize = 1000; // the API's largest page
  const all = [];
  for (;;) {
    const res = await getJSON(path, { ...(params || {}), size: pageSize, from: all.length || '' }, signal);
    const items = res[key] || [];
    all.push(...items);
    if (items.length === 0 || all.length >= (res.total || 0)) return all;
  }
}

// postForm sends multipart data with a bearer token and returns the parsed body.
export async function postForm(path, form, token, signal) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  return request(path, { method: 'POST', body: form, headers, signal });
}

// sendJSON sends a JSON body (or none) with a bearer token and returns the parsed body.
export async function sendJSON(method, path, body, token, signal) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const init = { method, headers, signal };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return request(path, init);
}

export function withParams(path, params) {
  if (!params) return path;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? path + '?' + s : path;
}

async function request(url, init) {
  let res;
  try {
    res = await fetch(url, init);
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', networkHelp);
  }
  let body = null;
  const text = await res.text();
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    const e = body && body.error ? body.error : {};
    const norsk = codeMessages[e.code];
    if (norsk) throw new ApiError(res.status, e.code, norsk, e.message);
    throw new ApiError(res.status, e.code || 'http_' + res.status, e.message || defaultMessage(res.status));
  }
  if (body === null) throw new ApiError(res.status, 'bad_response', 'Serveren svarte med noe som ikke er JSON. Last siden på nytt.');
  return body;
}

function defaultMessage(status) {
  switch (status) {
    case 400: return 'Forespørselen var ugyldig.';
    case 401: return 'Nøkkelen mangler eller er feil.';
    case 403: return 'Du har ikke tilgang til dette.';
    case 404: return 'Fant ikke det du ba om.';
    case 413: return 'Filen er for stor.';
    case 415: return 'Filtypen støttes ikke.';
    case 421: return 'Serveren svarer ikke på denne adressen. Bruk adressen den ble startet med.';
    case 422: return 'Filen kunne ikke leses.';
    case 503: return 'Serveren er opptatt. Prøv igjen om litt.';
    case 507: return 'Serveren har ikke mer lagringsplass. Ingenting ble lagret; prøv igjen når det er frigjort plass.';
    default: return 'Serveren svarte med feil (' + status + '). Prøv igjen om litt.';
  }
}
