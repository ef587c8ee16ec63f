// Small client for strategispor's JSON API. Every failure becomes an
// ApiError with a Norwegian message that tells the user what to do.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

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
