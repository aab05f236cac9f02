// The mock's own API, as the page calls it: every request carries the admin token when one is held, and a 401
// asks the person for it (once, however many calls are waiting) before the calls are tried again.
import { parseJson } from './json.js';

const TokenKey = 'beacon-inspector-admin-token';

// A token the person gave that no call has been answered with yet: tried, not kept. Kept once a call is not
// refused with it; dropped when one is.
let given = null;
let onChange = () => {};

/** The admin token, kept for this browser tab's session only (sessionStorage), never in a URL. */
export const token = {
  /** The token kept: one the server accepted. */
  get: () => sessionStorage.getItem(TokenKey),
  /** Tries a token on the calls that follow; it is kept only once the server accepts it. */
  give: (value) => { given = value; },
  clear: () => {
    given = null;
    sessionStorage.removeItem(TokenKey);
    onChange();
  },
  /** Sets what runs when the token kept changes: one accepted, or one refused and forgotten. */
  onChange: (changed) => { onChange = changed; },
};

let prompt = async () => { throw new Error('the admin token is required'); };
let asking = null;

/** Sets how the page asks for the token: a function that resolves once the person has given one. */
export function onTokenNeeded(ask) { prompt = ask; }

/** Asks once for everyone waiting: the calls that met a 401 meanwhile all wait for the same answer. */
function askForToken(refused) {
  asking ??= prompt(refused).finally(() => { asking = null; });
  return asking;
}

/** The token a call sends: the one being tried, else the one kept. */
const held = () => given ?? token.get();

function accepted(sent) {
  if (sent === null || sent !== given) return;
  given = null;
  sessionStorage.setItem(TokenKey, sent);
  onChange();
}

function refused(sent) {
  if (given === sent) given = null;
  if (token.get() === sent) {
    sessionStorage.removeItem(TokenKey);
    onChange();
  }
}

/** Fetches a /mock route; on a 401, asks for the token and tries again with it. */
export async function call(path, init = {}) {
  for (;;) {
    const sent = held();
    const authorization = sent === null ? {} : { Authorization: `Bearer ${sent}` };
    const response = await fetch(path, { ...init, headers: { ...authorization, ...init.headers }, cache: 'no-store' });
    if (response.status !== 401) {
      accepted(sent);
      return response;
    }
    // Read to the end (a short problem), not cancelled: a cancelled response is a failed request to the browser.
    await response.text();
    if (sent !== null) refused(sent);
    // Another token was given while this call was out: try it before asking again.
    if (held() === null) await askForToken(sent !== null);
  }
}

/** A /mock route's JSON answer; null for a 404 (a capture evicted or deleted). Numbers keep the digits they were sent with. */
export async function getJson(path, init) {
  const response = await call(path, init);
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return parseJson(await response.text());
}

/**
 * Follows a Server-Sent Events stream with fetch, which (unlike EventSource) can send the Authorization header.
 * Calls onEvent({event, id, data}) for each event until the stream ends or the signal aborts.
 */
export async function readEvents(path, onEvent, signal) {
  const response = await call(path, { signal, headers: { Accept: 'text/event-stream' } });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let scanned = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    // The mock ends lines with \n; a \r (from a CRLF server) carries nothing an event needs.
    buffer += value.replaceAll('\r', '');
    let end;
    // Scans only what arrived since the last look, so a large event in many chunks costs one pass.
    while ((end = buffer.indexOf('\n\n', Math.max(0, scanned - 1))) >= 0) {
      onEvent(parseEvent(buffer.slice(0, end)));
      buffer = buffer.slice(end + 2);
      scanned = 0;
    }
    scanned = buffer.length;
  }
}

function parseEvent(block) {
  const event = { event: 'message', id: null, data: [] };
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') event.data.push(value);
    else if (field === 'event') event.event = value;
    else if (field === 'id') event.id = value;
  }
  return { ...event, data: event.data.join('\n') };
}
