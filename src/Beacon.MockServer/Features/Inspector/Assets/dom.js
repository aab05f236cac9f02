// Building the page from text: every value a client sent reaches the DOM as a text node, never as markup.

/** An element with attributes (on* adds a listener, class sets className) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/** A section that can be folded away, open unless told otherwise. */
export const section = (title, open, ...content) =>
  el('details', { class: 'part', open }, el('summary', {}, el('h3', {}, title)), ...content);

/** A definition list from [term, description] pairs, leaving out those without a description. */
export const facts = (pairs, kind = '') =>
  el('dl', { class: kind ? `facts ${kind}` : 'facts' }, pairs.filter(([, d]) => d !== null && d !== undefined && d !== '')
    .map(([t, d]) => [el('dt', {}, t), el('dd', {}, d)]));

export const bytes = (n) =>
  n === null || n === undefined ? '' : n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`;

/** A time of day to the millisecond, in the browser's time zone. */
export function timeOfDay(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso ?? '';
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** 2xx, 4xx, 5xx... or pending while the response is still being produced (status null). */
export const statusClass = (status) => (status === null || status === undefined ? 'pending' : `${Math.floor(status / 100)}xx`);

export const statusBadge = (status) =>
  el('span', { class: `status s${statusClass(status)}` }, status === null || status === undefined ? 'pending' : String(status));

/** Nanoseconds (a BigInt or number) as a short duration: 850 ns, 12.3 µs, 4.56 ms, 1.20 s. */
export function duration(ns) {
  const n = Number(ns);
  if (!Number.isFinite(n) || n < 0) return '—';
  if (n < 1e3) return `${n} ns`;
  if (n < 1e6) return `${(n / 1e3).toPrecision(3)} µs`;
  if (n < 1e9) return `${(n / 1e6).toPrecision(3)} ms`;
  return `${(n / 1e9).toPrecision(3)} s`;
}
