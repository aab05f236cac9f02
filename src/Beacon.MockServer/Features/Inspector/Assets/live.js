// Captures as they arrive: the newest page first, then the stream from where that page ended, resumed after the
// last event seen when the connection drops. Paused, arrivals are held and counted, and delivered on resume.
import { getJson, readEvents } from './api.js';
import { parseJson, num } from './json.js';
import { MaxRows } from './captures.js';

const FirstPage = 100;
const RetryMs = [1000, 2000, 5000, 10000];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Live {
  #after = 0;
  #held = null;
  #heldCount = 0;

  /** onArrive(captures, {restarted}) takes captures oldest first; onState(state, detail) tells how the feed is. */
  constructor(list, { onArrive, onState }) {
    this.list = list;
    this.onArrive = onArrive;
    this.onState = onState;
  }

  get paused() { return this.#held !== null; }

  pause() {
    this.#held ??= new Map();
    this.onState('paused', this.#heldCount);
  }

  /** Delivers what arrived while paused, and goes on live. */
  resume() {
    const held = [...(this.#held ?? new Map()).values()].sort((a, b) => num(a.sequence) - num(b.sequence));
    this.#held = null;
    this.#heldCount = 0;
    if (held.length) this.onArrive(held);
    this.onState('live');
  }

  /** Runs for the page's life: connects, follows, and on a failure waits a little longer each time and resumes. */
  async run() {
    for (let failures = 0; ; failures++) {
      try {
        this.onState('connecting');
        await this.#catchUp();
        this.onState(this.paused ? 'paused' : 'live', this.#heldCount);
        failures = 0;
        await readEvents(`/mock/captures/stream?after=${this.#after}`, (e) => this.#event(e));
      } catch (error) {
        this.onState('error', error.message);
      }
      const wait = RetryMs[Math.min(failures, RetryMs.length - 1)];
      this.onState('reconnecting', wait);
      await sleep(wait);
    }
  }

  /** The newest page; after a reconnect, only where to resume (the stream replays what was missed). */
  async #catchUp() {
    const page = await getJson(`/mock/captures?order=desc&limit=${FirstPage}`);
    const last = num(page.lastSequence);
    // Sequences never go back on one server: a smaller one means a new server, whose captures start again.
    if (last < this.#after) {
      this.#after = 0;
      this.#held &&= new Map();
      this.#heldCount = 0;
      this.list.clear();
      this.onArrive([], { restarted: true });
    }
    if (this.#after === 0) {
      this.#deliver([...page.items].reverse());
      this.#after = last;
    } else {
      this.#after = Math.max(this.#after, last - MaxRows);
    }
  }

  #event({ event, id, data }) {
    if (event !== 'capture') return;
    const capture = parseJson(data);
    this.#after = Math.max(this.#after, Number(id) || num(capture.sequence));
    this.#deliver([capture]);
  }

  #deliver(captures) {
    if (!this.#held) {
      if (captures.length) this.onArrive(captures);
      return;
    }
    for (const capture of captures) {
      this.#held.set(num(capture.sequence), capture);
      this.#heldCount++;
    }
    // Held like the list: the newest MaxRows; the count says how many arrived in all.
    for (const sequence of this.#held.keys()) {
      if (this.#held.size <= MaxRows) break;
      this.#held.delete(sequence);
    }
    this.onState('paused', this.#heldCount);
  }
}

/**
 * Captures are streamed at receipt, with status null until the response is finished: this reads them again,
 * newest first, a few at a time, sooner after an arrival and less often while nothing changes.
 */
export class StatusRefresher {
  #pending = new Set();
  #timer = null;
  #delay = 200;
  #busy = false;

  constructor({ onDone, onGone }) {
    this.onDone = onDone;
    this.onGone = onGone;
  }

  watch(sequence) {
    this.#pending.add(sequence);
    // Bounded like the list: the oldest pending one is forgotten first.
    if (this.#pending.size > MaxRows) this.#pending.delete(Math.min(...this.#pending));
  }

  /** Something arrived: look again soon. */
  nudge() {
    this.#delay = 200;
    this.#schedule();
  }

  clear() { this.#pending.clear(); }

  #schedule() {
    if (this.#busy || this.#pending.size === 0) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#tick(), this.#delay);
  }

  async #tick() {
    this.#busy = true;
    const batch = [...this.#pending].sort((a, b) => b - a).slice(0, 8);
    try {
      const fresh = await Promise.all(batch.map((s) => getJson(`/mock/captures/${s}`)));
      batch.forEach((sequence, i) => {
        if (fresh[i] === null) {
          this.#pending.delete(sequence);
          this.onGone(sequence);
        } else if (fresh[i].status !== null) {
          this.#pending.delete(sequence);
          this.onDone(fresh[i]);
        }
      });
    } catch {
      // The feed reports the connection; these are read again on the next tick.
    }
    this.#busy = false;
    this.#delay = Math.min(this.#delay * 2, 5000);
    this.#schedule();
  }
}
