// JSON API access: error decoding and abortable request channels.

export class ApiError extends Error {
  constructor(message, { status = 0, code = '', param = '', position } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.param = param;
    this.position = position;
  }
}

export function isAbort(err) {
  return err && err.name === 'AbortError';
}

// getJSON fetches url and returns its JSON body. Non-2xx answers throw an
// ApiError carrying the server's {"error": {...}} message when there is one.
export async function getJSON(url, signal) {
  let res;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(`Cannot reach the server (${err.message}).`);
  }
  const text = await res.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const e = body && typeof body === 'object' ? body.error : null;
    const msg = e && typeof e.message === 'string' && e.message ? e.message : `The server answered ${res.status} ${res.statusText}.`;
    throw new ApiError(msg, { status: res.status, code: e?.code ?? '', param: e?.param ?? '', position: e?.position });
  }
  if (body === null || typeof body !== 'object') {
    throw new ApiError('The server sent an unreadable answer.', { status: res.status });
  }
  return body;
}

// Channel runs one request at a time: starting a new one aborts the
// previous, so stale answers never overwrite fresh ones.
export class Channel {
  constructor() {
    this.ctrl = null;
  }

  async get(url) {
    this.abort();
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    try {
      return await getJSON(url, ctrl.signal);
    } finally {
      if (this.ctrl === ctrl) this.ctrl = null;
    }
  }

  abort() {
    if (this.ctrl) this.ctrl.abort();
    this.ctrl = null;
  }
}
