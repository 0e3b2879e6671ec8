// Checked CSV downloads: the export is fetched, streamed into memory and
// saved only when the server sent all of it. The server aborts an export
// that stops early (the body breaks off, which fails the read), and says
// how many rows a whole one has (min of X-Total-Count and X-Export-Limit),
// which the rows received must match. No DOM here but saveBlob.

import { ApiError, isAbort } from './api.js';

// ExportError is a download that failed after it started: rows arrived,
// expected were announced.
export class ExportError extends Error {
  constructor(message, rows, expected) {
    super(message);
    this.name = 'ExportError';
    this.rows = rows;
    this.expected = expected;
  }
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;

// RowCounter counts the records of a CSV body as its bytes arrive: each
// newline outside a quoted field ends one (encoding/csv ends every record,
// the last included, with "\n"; a quoted field may hold newlines, and a
// doubled quote inside one toggles twice). UTF-8 never puts these bytes
// inside a multi-byte character, so no decoding is needed.
export class RowCounter {
  constructor() {
    this.records = 0;
    this.quoted = false;
  }

  push(bytes) {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === QUOTE) this.quoted = !this.quoted;
      else if (b === NEWLINE && !this.quoted) this.records++;
    }
    return this;
  }

  // rows is the records after the header row.
  get rows() {
    return Math.max(0, this.records - 1);
  }
}

// countRows counts the data rows of CSV text given as strings (for tests).
export function countRows(...chunks) {
  const c = new RowCounter();
  const enc = new TextEncoder();
  for (const s of chunks) c.push(enc.encode(s));
  return { rows: c.rows, records: c.records, quoted: c.quoted };
}

function headerInt(res, name) {
  const v = res.headers.get(name);
  return v !== null && /^\d+$/.test(v) ? Number(v) : NaN;
}

function filenameOf(res) {
  const m = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '');
  return m ? m[1] : 'readout-export.csv';
}

const fmt = (n) => (Number.isFinite(n) ? n.toLocaleString('en-US') : '?');

// fetchExport downloads a CSV export and resolves to {blob, filename, rows,
// total} when it is complete. It rejects with an ApiError when the server
// refuses the export (its JSON message), and with an ExportError when the
// body breaks off or holds fewer rows than announced: nothing is saved
// then. onProgress(rows, expected) follows the rows received.
export async function fetchExport(url, { signal, onProgress } = {}) {
  let res;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'text/csv' } });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(`Cannot reach the server (${err.message}).`);
  }
  if (!res.ok) {
    let e = null;
    try {
      e = (await res.json())?.error ?? null;
    } catch {
      e = null;
    }
    const msg = e && typeof e.message === 'string' && e.message ? e.message : `The server answered ${res.status} ${res.statusText}.`;
    throw new ApiError(msg, { status: res.status, code: e?.code ?? '', param: e?.param ?? '' });
  }
  const total = headerInt(res, 'X-Total-Count');
  const expected = Math.min(total, headerInt(res, 'X-Export-Limit'));
  const counter = new RowCounter();
  const parts = [];
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      counter.push(value);
      if (onProgress) onProgress(counter.rows, expected);
    }
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ExportError(`The download broke off after ${fmt(counter.rows)} of ${fmt(expected)} rows (${err.message}); nothing was saved. Try again, or narrow the search.`,
      counter.rows, expected);
  }
  if (!Number.isFinite(expected) || counter.rows !== expected || counter.quoted) {
    throw new ExportError(`The download is incomplete: ${fmt(counter.rows)} of ${fmt(expected)} rows arrived; nothing was saved. Try again.`,
      counter.rows, expected);
  }
  return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), filename: filenameOf(res), rows: counter.rows, total };
}

// saveBlob hands blob to the browser as a download named filename.
export function saveBlob(blob, filename) {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL; keep it a while for slow starts.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
