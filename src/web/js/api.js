// The JSON API with the session's CSRF token on every write. Errors keep the server's { error, issues }.
let csrfToken = '';
export const setCsrf = (token) => { csrfToken = token ?? ''; };

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error ?? `HTTP ${status}`);
    this.status = status;
    this.body = body ?? {};
    this.issues = body?.issues ?? [];
  }
}

export async function api(method, url, body, extraHeaders = {}) {
  const headers = { accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { error: 'network' });
  }
  if (res.status === 204 || res.status === 304) return { status: res.status, data: null, headers: res.headers };
  const data = (res.headers.get('content-type') ?? '').includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) throw new ApiError(res.status, data);
  return { status: res.status, data, headers: res.headers };
}

export const get = async (url) => (await api('GET', url)).data;
export const post = async (url, body) => (await api('POST', url, body)).data;
export const put = async (url, body) => (await api('PUT', url, body)).data;
export const patch = async (url, body) => (await api('PATCH', url, body)).data;
export const del = async (url) => (await api('DELETE', url)).data;
