// The inspector page: wires the feed, the list, the filters, the detail and the side panels together.
import { getJson } from './api.js';
import { num } from './json.js';
import { CaptureList, MaxRows } from './captures.js';
import { CaptureTable, fillSelect, Unmatched } from './list.js';
import { renderDetail, useCapturedHeaders } from './detail.js';
import { EgressPanel } from './egress.js';
import { Live, StatusRefresher } from './live.js';
import { Panels } from './panels.js';
import { setupToken } from './token.js';

const $ = (id) => document.getElementById(id);
const NothingYet = 'Nothing captured yet. Point a deployment (or curl) at this server: its requests appear here as they arrive.';

const captures = new CaptureList();
const table = new CaptureTable($('capture-rows'), open);
const panels = new Panels({ licenses: $('licenses'), faults: $('faults') });
const egress = new EgressPanel($('egress'), { onOpen: open });
const statuses = new StatusRefresher({ onDone: arrived, onGone: gone });
const live = new Live(captures, { onArrive: arrive, onState: connection });
let openSequence = null;
let renderQueued = false;
let namespaces = '';

setupToken({ dialog: $('token-dialog'), form: $('token-form'), input: $('token'), error: $('token-error'),
  button: $('token-button'), onWaiting: () => connection('token') });

fillSelect($('kind'), []);
fillSelect($('namespace'), [], { none: true });
describeServer();
for (const id of ['search', 'kind', 'status', 'namespace']) $(id).addEventListener('input', queueRender);
$('filters').addEventListener('submit', (e) => e.preventDefault());
$('pause').addEventListener('click', () => (live.paused ? live.resume() : live.pause()));
document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || e.target.closest('input, select, textarea, dialog')) return;
  // "/" goes to the search box, as on many sites; Escape closes the capture and goes back to its row.
  if (e.key === '/') {
    e.preventDefault();
    $('search').focus();
  } else if (e.key === 'Escape' && openSequence !== null) {
    close();
  }
});
$('limit-note').textContent = `The page keeps the newest ${MaxRows.toLocaleString('en')} captures; the server keeps its own (GET /mock/captures).`;

live.run();
panels.start();
egress.start();

/** The kinds and captured headers, as this server has them (GET /mock/info): the page keeps no list of its own. */
async function describeServer() {
  try {
    const info = await getJson('/mock/info');
    fillSelect($('kind'), info.kinds.map((k) => k.name));
    useCapturedHeaders(info.capturedHeaders);
  } catch (error) {
    $('connection').textContent = `Could not read the server's capture kinds: ${error.message}`;
  }
}

/** Captures from the feed, oldest first. */
function arrive(list, { restarted = false } = {}) {
  if (restarted) {
    statuses.clear();
    panels.refresh();
    if (openSequence !== null) close();
  }
  for (const capture of list) {
    const entry = captures.put(capture);
    if (entry && entry.status === null) statuses.watch(entry.sequence);
  }
  if (list.length) {
    statuses.nudge();
    panels.poke();
    egress.poke();
  }
  queueRender();
}

/** A capture read again once its response was finished. */
function arrived(capture) {
  remember(capture);
  if (openSequence === num(capture.sequence)) show(capture);
  panels.poke();
}

/** A capture the server evicted or deleted before its status could be read. */
function gone(sequence) {
  const entry = captures.get(sequence);
  if (!entry) return;
  entry.gone = true;
  table.update(entry);
}

/** Replaces the page's copy of a capture with a newer one from the server. */
function remember(capture) {
  const entry = captures.put(capture);
  if (entry) table.update(entry);
}

function queueRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    render();
  });
}

function render() {
  const seen = captures.namespaces();
  if (seen.join('\n') !== namespaces) {
    namespaces = seen.join('\n');
    fillSelect($('namespace'), seen, { none: true });
  }
  const shown = captures.filter({ text: $('search').value, kind: $('kind').value, status: $('status').value, namespace: $('namespace').value });
  egress.scope($('namespace').value);
  table.show(shown);
  table.select(openSequence);
  const dropped = captures.dropped ? `; ${captures.dropped.toLocaleString('en')} older ones left the page` : '';
  $('counts').textContent = `${shown.length.toLocaleString('en')} shown of ${captures.size.toLocaleString('en')}${dropped}`;
  // Requests to paths no route serves are the first thing to look at when a test fails: say how many there are.
  const unmatched = captures.count((e) => e.kind === Unmatched);
  $('unmatched-note').hidden = unmatched === 0;
  $('unmatched-note').textContent = unmatched === 0 ? '' : `${unmatched.toLocaleString('en')} request${unmatched === 1 ? '' : 's'} to a path Beacon does not have `
    + `(kind ${Unmatched}): your client called ${unmatched === 1 ? 'it' : 'them'}, and the mock answered 404 naming the nearest routes.`;
  $('empty').hidden = captures.size > 0;
}

/** Opens a capture: the copy the page holds when its response is finished, else the server's. */
async function open(sequence) {
  openSequence = sequence;
  table.select(sequence);
  const entry = captures.get(sequence);
  if (entry?.capture && entry.capture.status !== null) {
    show(entry.capture);
    return;
  }
  $('detail-body').replaceChildren(Object.assign(document.createElement('p'), { textContent: `Reading capture ${sequence}…` }));
  let fresh = null;
  try {
    fresh = await getJson(`/mock/captures/${sequence}`);
  } catch (error) {
    $('detail-body').textContent = `Could not read capture ${sequence}: ${error.message}`;
    return;
  }
  if (openSequence !== sequence) return;
  if (fresh) {
    remember(fresh);
    show(fresh);
  } else if (entry?.capture) {
    show(entry.capture, true);
  } else {
    $('detail-body').textContent = `The server no longer has capture ${sequence} (evicted or deleted).`;
  }
}

function show(capture, stale = false) {
  renderDetail($('detail-body'), capture, { stale, onClose: close, onFault: (id) => panels.showFault(id) });
}

function close() {
  openSequence = null;
  $('detail-body').replaceChildren($('detail-empty').content.cloneNode(true));
  table.focusSelected();
  table.select(null);
}

function connection(state, detail) {
  const text = {
    connecting: 'Connecting…',
    live: 'Live: new captures appear as they arrive.',
    paused: `Paused: ${detail ?? 0} new since.`,
    reconnecting: `Connection lost: trying again in ${Math.round((detail ?? 0) / 1000)} s.`,
    error: `Connection lost (${detail}).`,
    token: 'The /mock API asks for the admin token.',
  }[state];
  $('connection').textContent = text;
  $('connection').dataset.state = state;
  // What an empty list means: until the feed has read the captures, not that there are none.
  if (state === 'token') $('empty').textContent = 'The /mock API asks for the admin token: no capture is shown until it is given.';
  else if (state === 'live' || state === 'paused') $('empty').textContent = NothingYet;
  const pause = $('pause');
  pause.setAttribute('aria-pressed', String(live.paused));
  pause.textContent = live.paused ? `Resume${detail ? ` (${detail} new)` : ''}` : 'Pause';
}
