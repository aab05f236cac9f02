// The egress audit beside the licenses and fault rules: each promise Beacon's pages make, its verdict, and for a broken
// one its evidence, each piece a button that opens the capture where it happened. Scoped to the namespace the list is
// filtered to, and read again on arrivals (at most every couple of seconds) and every so often.
import { getJson } from './api.js';
import { el } from './dom.js';
import { num } from './json.js';
import { NoNamespace } from './captures.js';

const MinGapMs = 2000;
const EveryMs = 15000;

export class EgressPanel {
  #last = 0;
  #timer = null;
  #running = false;
  #again = false;
  #namespace = '';

  /** onOpen(sequence) opens a capture, as a click on its row does. */
  constructor(panel, { onOpen }) {
    this.panel = panel;
    this.onOpen = onOpen;
    panel.querySelector('button.refresh').addEventListener('click', () => this.refresh());
  }

  start() {
    this.refresh();
  }

  /**
   * The report of one namespace ('' for every one), as the list's namespace filter says. The report cannot be narrowed
   * to requests sent without a namespace: for those it covers every namespace, and says so.
   */
  scope(filter) {
    const namespace = filter === NoNamespace ? '' : filter;
    if (namespace === this.#namespace) return;
    this.#namespace = namespace;
    this.refresh();
  }

  /** Something arrived: read again soon, but never more often than every MinGapMs. */
  poke() {
    const wait = this.#last + MinGapMs - Date.now();
    if (wait <= 0 && !this.#running) this.refresh();
    else this.#schedule(Math.max(wait, 100));
  }

  async refresh() {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    this.#last = Date.now();
    const scope = this.#namespace;
    try {
      const report = await getJson(`/mock/egress${scope ? `?namespace=${encodeURIComponent(scope)}` : ''}`);
      if (report && scope === this.#namespace) this.#show(report);
    } catch (error) {
      this.panel.querySelector('.panel-state').textContent = `Could not read the egress report: ${error.message}`;
    } finally {
      this.#running = false;
      if (this.#again) {
        this.#again = false;
        this.refresh();
      } else {
        this.#schedule(EveryMs);
      }
    }
  }

  #schedule(ms) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.refresh(), ms);
  }

  #show(report) {
    const broken = report.promises.filter((p) => p.verdict === 'fail').length;
    this.panel.querySelector('.count').textContent = `(${broken ? `${broken} broken` : 'none broken'})`;
    const where = report.namespace ? ` in namespace ${report.namespace}` : ' (every namespace)';
    this.panel.querySelector('.panel-state').textContent = report.enabled
      ? `${num(report.captures).toLocaleString('en')} requests audited${where}.`
      : 'The audit is off (Beacon:Egress:Enabled is false).';
    const endpoints = report.endpoints.filter((e) => !e.documented).length;
    const fields = report.fields.filter((f) => !f.documented).length;
    this.panel.querySelector('.panel-body').replaceChildren(
      el('ul', { class: 'promises' }, report.promises.map((p) => this.#promise(p))),
      el('p', { class: 'panel-state' }, `${report.endpoints.length} endpoints (${endpoints} undocumented), `
        + `${report.fields.length} fields and names (${fields} undocumented). GET /mock/egress?format=markdown has them all.`));
  }

  #promise(promise) {
    const breaks = num(promise.violations);
    return el('li', { class: 'promise', 'data-id': promise.id },
      el('span', { class: `verdict v-${promise.verdict}` }, promise.verdict), ' ',
      el('strong', {}, promise.id), ` ${promise.title}`,
      breaks ? ` (${breaks.toLocaleString('en')} ${breaks === 1 ? 'break' : 'breaks'})` : '',
      promise.evidence.length
        ? el('ul', { class: 'evidence' }, promise.evidence.map((e) => el('li', {},
          el('button', { type: 'button', class: 'open', title: `Open capture ${e.sequence}`, onclick: () => this.onOpen(num(e.sequence)) },
            `#${e.sequence}`),
          ` ${e.kind} `, el('code', {}, e.path), e.value ? [' ', el('code', {}, e.value)] : '', ` ${e.message}`)))
        : el('p', { class: 'summary' }, promise.summary));
  }
}
