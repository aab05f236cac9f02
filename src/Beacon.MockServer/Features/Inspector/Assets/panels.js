// The side panels: the licenses the mock has seen and its fault rules, read again on arrivals (at most every
// couple of seconds) and every so often, so their counters follow the traffic without a request per capture.
import { getJson } from './api.js';
import { el, timeOfDay, statusBadge } from './dom.js';
import { num } from './json.js';

const MinGapMs = 2000;
const EveryMs = 15000;

export class Panels {
  #last = 0;
  #timer = null;
  #running = false;

  constructor({ licenses, faults }) {
    this.licenses = licenses;
    this.faults = faults;
    for (const panel of [licenses, faults]) {
      panel.querySelector('button.refresh').addEventListener('click', () => this.refresh());
    }
  }

  /** Reads both lists now, then every EveryMs. */
  start() {
    this.refresh();
  }

  /** Something arrived: read again soon, but never more often than every MinGapMs. */
  poke() {
    const wait = this.#last + MinGapMs - Date.now();
    if (wait <= 0 && !this.#running) this.refresh();
    else this.#schedule(Math.max(wait, 100));
  }

  async refresh() {
    if (this.#running) return;
    this.#running = true;
    this.#last = Date.now();
    try {
      const [licenses, faults] = await Promise.all([getJson('/mock/licenses'), getJson('/mock/faults')]);
      if (licenses) this.#show(this.licenses, licenses, licenseTable);
      if (faults) this.#show(this.faults, faults, faultTable);
    } catch (error) {
      for (const panel of [this.licenses, this.faults]) panel.querySelector('.panel-state').textContent = `Could not read: ${error.message}`;
    } finally {
      this.#running = false;
      this.#schedule(EveryMs);
    }
  }

  /** Opens the faults panel and brings the rule's row into view and focus. */
  showFault(id) {
    this.faults.open = true;
    const row = this.faults.querySelector(`#fault-${CSS.escape(String(id))}`);
    if (row) {
      row.scrollIntoView({ block: 'nearest' });
      row.focus();
    } else {
      this.faults.querySelector('.panel-state').textContent = `Rule ${id} is no longer listed (deleted, or cleared by a reset).`;
    }
  }

  #schedule(ms) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.refresh(), ms);
  }

  #show(panel, list, table) {
    panel.querySelector('.count').textContent = `(${num(list.total)})`;
    panel.querySelector('.panel-state').textContent = '';
    panel.querySelector('.panel-body').replaceChildren(list.items.length ? table(list.items) : el('p', {}, 'None.'));
  }
}

const header = (...names) => el('thead', {}, el('tr', {}, names.map((n) => el('th', { scope: 'col' }, n))));

function licenseTable(items) {
  return el('table', { class: 'panel-table' },
    header('Key', 'Status', 'Verify calls', 'Tokens', 'Last seen'),
    el('tbody', {}, items.map((l) => el('tr', {},
      el('th', { scope: 'row', class: 'license', title: l.key }, l.key),
      el('td', {}, el('span', { class: `lic lic-${l.status ?? 'unconfigured'}`, title: l.configured ? 'configured' : l.changed ? 'changed at run time' : 'seen, not configured' },
        l.status ?? 'not configured')),
      el('td', { class: 'num' }, String(l.verifyCalls)),
      el('td', { class: 'num' }, String(l.tokensIssued)),
      el('td', { class: 'time' }, l.lastSeen ? el('time', { datetime: l.lastSeen, title: l.lastSeen }, timeOfDay(l.lastSeen)) : '—')))));
}

function faultTable(items) {
  return el('table', { class: 'panel-table' },
    header('Id', 'Matches', 'Does', 'Fired', 'Left'),
    el('tbody', {}, items.map((f) => el('tr', { id: `fault-${f.id}`, tabindex: '-1', class: f.spent ? 'spent' : null },
      el('th', { scope: 'row' }, String(f.id)),
      el('td', {}, matches(f.match)),
      el('td', {}, action(f)),
      el('td', { class: 'num' }, String(f.fired)),
      el('td', { class: 'num' }, f.spent ? 'spent' : f.remaining === null ? '∞' : String(f.remaining))))));
}

function matches(match) {
  const parts = Object.entries(match ?? {}).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(', ') : 'every wire request';
}

function action(f) {
  const parts = [];
  if (f.delayMs) parts.push(`wait ${f.delayMs} ms`);
  if (f.status) parts.push(statusBadge(f.status), f.retryAfter != null ? ` Retry-After ${f.retryAfter}` : '');
  if (f.dropConnection) parts.push('drop the connection');
  if (f.partialSuccess) parts.push(`partial success: ${f.partialSuccess.rejected} rejected`);
  if (f.probability != null) parts.push(` p=${f.probability}`);
  return el('span', {}, parts.flatMap((p, i) => (i && typeof p === 'string' && !p.startsWith(' ') ? [', ', p] : [p])));
}
