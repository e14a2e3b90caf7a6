// fetch wrapper: JSON in and out, the CSRF header on unsafe methods, RFC 9457 problem details turned into errors
// whose message is the server's own sentence (it names the field or the reason, which is what the operator needs).
import { session } from './session.js';
import { t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || t('error.http', { status }));
    this.status = status;
    this.code = problem?.code ?? null;
    this.problem = problem ?? null;
  }

  /** True when the route does not exist on this controller (yet): the page shows a "not available" notice. */
  get unavailable() {
    return (this.status === 404 && !this.problem?.detail) || this.code === 'no-rule';
  }
}

let onUnauthorized = () => {};

/** The app sets this: a 401 on any call means the session ended, so it shows the login page. */
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

export function unsafe(method) {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

export function csrfHeaders(method) {
  return unsafe(method) && session.csrf ? { 'X-Bcast-Csrf': session.csrf } : {};
}

export async function api(path, { method = 'GET', body, quiet401 = false } = {}) {
  const headers = { Accept: 'application/json', ...csrfHeaders(method) };
  let payload = body;
  if (body !== undefined && !(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { detail: t('error.network') });
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && session.accounts && !quiet401) onUnauthorized();
    throw new ApiError(response.status, problem);
  }

  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

export async function readProblem(response) {
  try {
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** GET /api/programmes?...; params with empty values are left out. */
export function query(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
