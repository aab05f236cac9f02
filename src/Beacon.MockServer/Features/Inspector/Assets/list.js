// The captures table: one row per capture the filters let through, newest first. Rows are built once and updated
// in place; the keyboard moves between them with the arrow keys (one row is in the tab order) and Enter opens one.
import { el, bytes, timeOfDay, statusBadge } from './dom.js';
import { NoNamespace } from './captures.js';

/** The kind of a request no route served: its row says which path, and stands out. */
export const Unmatched = 'unmatched';

const StatusCell = 4;
const FindingsCell = 7;

export class CaptureTable {
  // By entry, not by sequence: a restarted server reuses sequences for other captures, in new entries.
  #rows = new WeakMap();
  #current = null;
  #selected = null;

  constructor(tbody, onOpen) {
    this.tbody = tbody;
    this.onOpen = onOpen;
    tbody.addEventListener('click', (e) => {
      const row = e.target.closest('tr');
      if (row) this.#open(row);
    });
    tbody.addEventListener('keydown', (e) => this.#key(e));
  }

  /** Shows these entries, in this order, reusing the rows already built; keeps focus where it was. */
  show(entries) {
    const focused = this.tbody.contains(document.activeElement) ? document.activeElement.closest('tr') : null;
    const rows = entries.map((entry) => this.#row(entry));
    this.tbody.replaceChildren(...rows);
    if (!this.#current?.isConnected) this.#current = rows[0] ?? null;
    this.#roving();
    if (focused?.isConnected) focused.querySelector('button').focus();
  }

  /** Refreshes what can change in a row once its response is finished: the status and the findings. */
  update(entry) {
    const row = this.#rows.get(entry);
    if (!row) return;
    const fresh = cells(entry);
    row.cells[StatusCell].replaceWith(fresh[StatusCell]);
    row.cells[FindingsCell].replaceWith(fresh[FindingsCell]);
  }

  /** Marks the row whose detail is shown. */
  select(sequence) {
    this.#selected?.removeAttribute('aria-current');
    this.#selected = sequence === null ? null : this.tbody.querySelector(`tr[data-sequence="${sequence}"]`);
    this.#selected?.setAttribute('aria-current', 'true');
  }

  /** Puts focus back on the selected row (after the detail is closed). */
  focusSelected() {
    const row = this.#selected?.isConnected ? this.#selected : this.#current;
    if (!row) return;
    this.#current = row;
    this.#roving();
    row.querySelector('button').focus();
  }

  #row(entry) {
    let row = this.#rows.get(entry);
    if (!row) {
      row = el('tr', { 'data-sequence': entry.sequence }, cells(entry));
      this.#rows.set(entry, row);
    }
    return row;
  }

  #open(row) {
    this.#current = row;
    this.#roving();
    this.onOpen(Number(row.dataset.sequence));
  }

  // One row's button is reachable with Tab; the arrows move between rows.
  #roving() {
    for (const button of this.tbody.querySelectorAll('button[tabindex="0"]')) button.tabIndex = -1;
    this.#current?.querySelector('button')?.setAttribute('tabindex', '0');
  }

  #key(e) {
    const row = e.target.closest('tr');
    if (!row) return;
    const moves = { ArrowDown: row.nextElementSibling, ArrowUp: row.previousElementSibling,
      Home: this.tbody.firstElementChild, End: this.tbody.lastElementChild,
      PageDown: sibling(row, 'nextElementSibling', 10), PageUp: sibling(row, 'previousElementSibling', 10) };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const to = moves[e.key];
    if (!to) return;
    this.#current = to;
    this.#roving();
    to.querySelector('button').focus();
  }
}

function sibling(row, direction, count) {
  let at = row;
  for (let i = 0; i < count && at[direction]; i++) at = at[direction];
  return at;
}

function cells(entry) {
  return [
    el('th', { scope: 'row' }, el('button', { type: 'button', class: 'open', tabindex: '-1',
      'aria-label': `Open capture ${entry.sequence}, ${entry.kind}` }, `#${entry.sequence}`)),
    entry.kind === Unmatched
      ? el('td', { class: `kind k-${entry.kind}`, title: 'No route serves this path: your client called a path Beacon does not have' },
        entry.kind, ' ', el('code', {}, entry.request))
      : el('td', { class: `kind k-${entry.kind}` }, entry.kind),
    el('td', { class: 'license', title: entry.license ?? '' }, entry.license ?? '—'),
    el('td', { class: 'ns', title: entry.namespace ?? '' }, entry.namespace ?? '—'),
    el('td', {}, entry.gone
      ? el('span', { class: 'status', title: 'evicted or deleted on the server before its status could be read' }, 'gone')
      : statusBadge(entry.status)),
    el('td', { class: 'time' }, el('time', { datetime: entry.receivedAt, title: entry.receivedAt }, timeOfDay(entry.receivedAt))),
    el('td', { class: 'num' }, bytes(entry.bodyBytes)),
    el('td', { class: entry.findings ? 'num has-findings' : 'num' }, String(entry.findings)),
  ];
}

/** Fills a select with "all", the given options, and keeps what was chosen. */
export function fillSelect(select, values, { none = false } = {}) {
  const chosen = select.value;
  const options = [el('option', { value: '' }, 'all')];
  if (none) options.push(el('option', { value: NoNamespace }, '(none)'));
  options.push(...values.map((v) => el('option', { value: v }, v)));
  select.replaceChildren(...options);
  select.value = [...select.options].some((o) => o.value === chosen) ? chosen : '';
}
