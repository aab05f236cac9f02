// JSON as the mock keeps it: read without losing a digit, and written out indented with each field carrying the
// JSON path the mock's findings use (trace_transactions[0].trace_count, tags['a.b']), so a finding can be shown
// beside the field it names.
import { el } from './dom.js';

/** A number whose text says more than a JavaScript number can (2^53 and past, 1.0, 1e3): shown as it was sent. */
export class RawNumber {
  constructor(raw, value) { this.raw = raw; this.value = value; }
  toString() { return this.raw; }
  toJSON() { return this.value; }
}

/** The number inside a value that may be a RawNumber. */
export const num = (v) => (v instanceof RawNumber ? v.value : v);

/** JSON.parse, keeping the source text of every number that would not read back the same. */
export function parseJson(text) {
  return JSON.parse(text, (key, value, context) =>
    typeof value === 'number' && context?.source !== undefined && context.source !== String(value)
      ? new RawNumber(context.source, value) : value);
}

// The characters System.Text.Json quotes a member name for (Http/JsonPath.cs on the server).
const NeedsQuoting = /[. '/"[\]()\\\t\n\r\f\b]/;

export const memberPath = (parent, name) =>
  NeedsQuoting.test(name) ? `${parent}['${name.replaceAll("'", "\\'")}']` : parent === '' ? name : `${parent}.${name}`;

/** The path one level up: 'a.b[2]' gives 'a.b', 'a' gives ''. */
export function parentPath(path) {
  const cut = path.match(/(\.[^.[]+|\[\d+\]|\['(?:[^'\\]|\\.)*'\]|^[^.[]+)$/);
  return cut ? path.slice(0, cut.index) : '';
}

/** Most fields shown with their own marks; a larger payload is shown as plain indented text. */
const MaxNodes = 20000;

/**
 * The value as indented JSON: a block per field with data-path set, its first line, its children, its closing
 * line. Null when the value has more than MaxNodes fields.
 */
export function renderJson(value) {
  let budget = MaxNodes;
  const node = (v, path, label, last) => {
    if (--budget < 0) return null;
    const block = el('div', { class: 'jn', 'data-path': path || '$' });
    const head = el('div', { class: 'jl' });
    if (label !== undefined) head.append(el('span', { class: 'jk' }, label), ': ');
    const comma = last ? '' : ',';
    const entries = v === null || typeof v !== 'object' || v instanceof RawNumber ? null
      : Array.isArray(v) ? v.map((item, i) => [undefined, item, `${path}[${i}]`])
        : Object.entries(v).map(([k, item]) => [JSON.stringify(k), item, memberPath(path, k)]);
    if (entries === null) {
      head.append(scalar(v), comma);
      block.append(head);
      return block;
    }
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) {
      head.append(open + close + comma);
      block.append(head);
      return block;
    }
    head.append(open);
    const children = el('div', { class: 'jc' });
    for (let i = 0; i < entries.length; i++) {
      const [k, item, childPath] = entries[i];
      const child = node(item, childPath, k, i === entries.length - 1);
      if (child === null) return null;
      children.append(child);
    }
    block.append(head, children, el('div', { class: 'jl' }, close + comma));
    return block;
  };
  const root = node(value, '', undefined, true);
  return root && el('div', { class: 'json' }, root);
}

function scalar(v) {
  if (v === null) return el('span', { class: 'jv null' }, 'null');
  if (v instanceof RawNumber || typeof v === 'number') return el('span', { class: 'jv number' }, String(v));
  if (typeof v === 'boolean') return el('span', { class: 'jv bool' }, String(v));
  return el('span', { class: 'jv string' }, JSON.stringify(v));
}

/**
 * Marks each finding's field in a rendered payload, with its message beside it. A path the payload does not hold
 * (a field the decoder ignored) marks the nearest field that holds it, with the full path in the note.
 * Returns the marked blocks by finding, for links from the findings list.
 */
export function markFindings(rendered, findings) {
  const marks = new Map();
  if (!rendered) return marks;
  const blocks = new Map([...rendered.querySelectorAll('.jn')].map((b) => [b.dataset.path, b]));
  for (const finding of findings) {
    let path = finding.path === '$' ? '' : finding.path;
    while (path !== '' && !blocks.has(path)) path = parentPath(path);
    const block = blocks.get(path || '$');
    if (!block) continue;
    block.classList.add('marked');
    const exact = (path || '$') === (finding.path || '$');
    const note = el('div', { class: 'note', role: 'note' }, '⚠ ', exact ? '' : `${finding.path}: `, finding.message);
    block.firstElementChild.after(note);
    marks.set(finding, block);
  }
  return marks;
}

/** Every key and scalar in a value, lower-cased and joined, cut at limit characters: what the search box reads. */
export function searchText(value, limit) {
  const parts = [];
  let length = 0;
  const walk = (v) => {
    if (length > limit) return;
    if (v === null || v === undefined) return;
    if (typeof v !== 'object' || v instanceof RawNumber) {
      const text = String(v);
      parts.push(text);
      length += text.length + 1;
      return;
    }
    for (const [k, item] of Array.isArray(v) ? v.entries() : Object.entries(v)) {
      if (!Array.isArray(v)) { parts.push(k); length += k.length + 1; }
      walk(item);
    }
  };
  walk(value);
  return parts.join('\n').slice(0, limit).toLowerCase();
}
