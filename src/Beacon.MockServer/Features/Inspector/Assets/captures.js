// The captures the page holds: newest first, at most MaxRows of them, each with what the list shows and the text
// the search box reads. The capture itself is kept only when small; the detail asks the server for the full one.
import { searchText, num } from './json.js';
import { statusClass } from './dom.js';

/** Most captures the page keeps; past it, the oldest go (the server keeps its own, GET /mock/captures has them). */
export const MaxRows = 1000;

/** Most characters of a capture the search reads, and the largest capture (as text) kept whole in the page. */
const MaxSearchText = 65536;

export class CaptureList {
  #bySequence = new Map();
  #newestFirst = [];
  dropped = 0;

  get size() { return this.#newestFirst.length; }

  get newest() { return this.#newestFirst[0]?.sequence ?? 0; }

  get(sequence) { return this.#bySequence.get(sequence); }

  /** Entries newest first. */
  all() { return this.#newestFirst; }

  clear() {
    this.#bySequence.clear();
    this.#newestFirst = [];
  }

  /** Adds or replaces a capture; returns its entry, or null when it is older than everything a full list keeps. */
  put(capture) {
    const sequence = num(capture.sequence);
    const known = this.#bySequence.get(sequence);
    const entry = summarize(capture);
    if (known) {
      Object.assign(known, entry);
      return known;
    }
    const list = this.#newestFirst;
    if (list.length >= MaxRows && sequence < list[list.length - 1].sequence) return null;
    // Arrivals are nearly always the newest; otherwise find the place by binary search.
    let at = 0;
    if (list.length > 0 && sequence < list[0].sequence) {
      let hi = list.length;
      while (at < hi) {
        const mid = (at + hi) >> 1;
        if (list[mid].sequence > sequence) at = mid + 1; else hi = mid;
      }
    }
    list.splice(at, 0, entry);
    this.#bySequence.set(sequence, entry);
    while (list.length > MaxRows) {
      this.#bySequence.delete(list.pop().sequence);
      this.dropped++;
    }
    return entry;
  }

  /** The entries that pass every filter, newest first. */
  /** How many entries pass the test. */
  count(test) {
    let n = 0;
    for (const entry of this.#bySequence.values()) if (test(entry)) n++;
    return n;
  }

  filter({ text, kind, status, namespace }) {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    return this.#newestFirst.filter((e) =>
      (!kind || e.kind === kind)
      && (!status || statusClass(e.status) === status)
      && (namespace === '' || (namespace === NoNamespace ? e.namespace === null : e.namespace === namespace))
      && words.every((w) => e.text.includes(w)));
  }

  /** Every namespace seen, in order. */
  namespaces() {
    return [...new Set(this.#newestFirst.map((e) => e.namespace).filter((n) => n !== null))].sort();
  }
}

/** The namespace filter's value for captures sent without a /ns/ prefix. */
export const NoNamespace = '\u0000none';

function summarize(capture) {
  const text = searchText(capture, MaxSearchText);
  return {
    sequence: num(capture.sequence),
    kind: capture.kind,
    request: `${capture.method} ${capture.path}`,
    license: capture.license ?? null,
    namespace: capture.namespace ?? null,
    status: capture.status === null || capture.status === undefined ? null : num(capture.status),
    receivedAt: capture.receivedAt,
    bodyBytes: num(capture.bodyBytes),
    findings: (capture.findings?.length ?? 0) + num(capture.findingsDropped ?? 0),
    text,
    // Whole when the search read all of it; a larger one is fetched again when opened.
    capture: text.length < MaxSearchText ? capture : null,
  };
}
