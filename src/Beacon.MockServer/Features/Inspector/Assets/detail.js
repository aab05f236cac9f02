// One capture in full: what arrived and what was answered, the payload indented with each finding beside the
// field it names, OTLP exports as a waterfall or tables, the billing ledger's effect, the upstream exchange, and the
// answer the mock gave (its status, headers and body).
import { el, section, facts, bytes, statusBadge } from './dom.js';
import { renderJson, markFindings, num } from './json.js';
import { otlpView, hasView } from './otlp.js';

/** The request headers a capture keeps (lower-cased), as the server says (GET /mock/info): findings may name them. */
let capturedHeaders = [];

/** Takes the server's list of the headers a capture keeps. */
export function useCapturedHeaders(names) {
  capturedHeaders = names.map((n) => n.toLowerCase());
}

/** A finding about the request line (a path no route serves) names it "URL". */
const RequestLine = 'URL';

/**
 * Renders the capture into the container. onFault(id) shows a fault rule; onClose() closes the detail.
 * stale: the server no longer has it, so this is the copy the page kept when it arrived.
 */
export function renderDetail(container, capture, { onFault, onClose, stale = false }) {
  const findings = capture.findings ?? [];
  // A finding about a header (a missing Content-Type) is never marked in the payload, even at its root.
  const aboutHeader = (f) => capturedHeaders.includes(f.path.toLowerCase()) || f.path === RequestLine;
  const payloadPart = payload(capture, findings.filter((f) => !aboutHeader(f)));
  const headerPart = headersTable(capture.headers ?? {}, findings.filter(aboutHeader));
  const title = el('h2', { id: 'detail-title' },
    `#${num(capture.sequence)} `, el('span', { class: `kind k-${capture.kind}` }, capture.kind), ' ', statusBadge(capture.status));
  // An OTLP export is shown as what it is; its payload and details start closed then.
  const view = otlpView(capture.kind, capture.payload, findings);
  const unmatched = capture.kind === 'unmatched';

  container.replaceChildren(...[
    el('div', { class: 'detail-head' }, title,
      el('button', { type: 'button', class: 'close', onclick: onClose, 'aria-label': 'Close the capture' }, 'Close')),
    stale ? el('p', { class: 'warning' }, 'The server no longer has this capture (evicted or deleted): shown as it arrived.') : null,
    unmatched ? el('p', { class: 'warning unmatched' }, 'Your client called a path Beacon does not have: no route serves ',
      el('code', {}, `${capture.method} ${capture.path}`), '. The answer below names the nearest routes.') : null,
    summary(capture, onFault),
    findings.length ? section(`Findings (${findings.length}${capture.findingsDropped ? `, ${num(capture.findingsDropped)} more dropped` : ''})`, true,
      el('ol', { class: 'findings' }, findings.map((f) => el('li', {},
        payloadPart.marks.has(f) || headerPart.marks.has(f)
          ? el('a', { href: '#', onclick: (e) => { e.preventDefault(); reveal(f, payloadPart, headerPart); } }, el('code', {}, f.path))
          : el('code', {}, f.path),
        ' ', f.message)))) : null,
    view ? section(view[0], true, view[1]) : null,
    capture.kind === 'ingest-traces' && capture.details ? section('Billing ledger', true, ledger(capture)) : null,
    payloadPart.part,
    capture.details != null ? section('Details', !hasView(capture.kind), json(capture.details)) : null,
    capture.response ? section('Response', capture.status === null || capture.status >= 400 || unmatched, response(capture.response)) : null,
    capture.upstream ? section('Upstream', true, upstream(capture.upstream)) : null,
    headerPart.part,
  ].filter(Boolean));
}

function summary(capture, onFault) {
  const fault = capture.faultId === null || capture.faultId === undefined ? null
    : el('a', { href: `#fault-${capture.faultId}`, onclick: (e) => { e.preventDefault(); onFault(num(capture.faultId)); } }, `rule ${capture.faultId}`);
  const body = [bytes(num(capture.bodyBytes)), capture.encoding ?? 'not decoded', capture.compression,
    capture.compression && capture.decodedBytes != null ? `${bytes(num(capture.decodedBytes))} decompressed` : null].filter(Boolean).join(' · ');
  return facts([
    ['Received', el('time', { datetime: capture.receivedAt }, capture.receivedAt)],
    ['Request', el('code', {}, `${capture.method} ${capture.path}${capture.query ?? ''}`)],
    ['Namespace', capture.namespace],
    ['License', capture.license],
    ['Body', body],
    ['Response', statusBadge(capture.status)],
    ['Fault rule', fault],
  ], 'summary');
}

/** The payload part: indented JSON with findings marked, or the text of a body that could not be read. */
function payload(capture, findings) {
  // A body that could not be read is kept as text, in payloadText.
  const text = typeof capture.payloadText === 'string' ? capture.payloadText : null;
  if (text !== null) {
    return { marks: new Map(), part: section('Body (not readable as its format: kept as text)', true, el('pre', { class: 'text' }, text)) };
  }
  if (capture.payload === null || capture.payload === undefined) return { marks: new Map(), part: section('Payload', true, el('p', {}, 'No body.')) };
  const rendered = renderJson(capture.payload);
  const marks = markFindings(rendered, findings);
  const content = rendered ?? [el('p', {}, 'Too large to mark field by field: shown as plain text.'),
    el('pre', { class: 'text' }, JSON.stringify(capture.payload, null, 2))];
  return { marks, part: section('Payload', !hasView(capture.kind) || marks.size > 0, el('div', { class: 'payload' }, content)) };
}

function headersTable(headers, findings) {
  const marks = new Map();
  const rows = Object.entries(headers).map(([name, value]) => {
    const about = findings.filter((f) => f.path.toLowerCase() === name.toLowerCase());
    const row = el('tr', { class: about.length ? 'marked' : null, tabindex: about.length ? '-1' : null },
      el('th', { scope: 'row' }, name), el('td', {}, value, about.map((f) => el('div', { class: 'note' }, '⚠ ', f.message))));
    for (const f of about) marks.set(f, row);
    return row;
  });
  const table = rows.length ? el('table', { class: 'headers' }, el('tbody', {}, rows)) : el('p', {}, 'None kept.');
  return { marks, part: section('Headers', true, table) };
}

/** Opens the part that holds the finding's mark, and brings the mark into view and focus. */
function reveal(finding, ...parts) {
  for (const { marks, part } of parts) {
    const mark = marks.get(finding);
    if (!mark) continue;
    part.open = true;
    if (!mark.hasAttribute('tabindex')) mark.tabIndex = -1;
    mark.scrollIntoView({ block: 'center' });
    mark.focus({ preventScroll: true });
    return;
  }
}

function json(value) {
  if (typeof value === 'string') return el('pre', { class: 'text' }, value);
  return renderJson(value) ?? el('pre', { class: 'text' }, JSON.stringify(value, null, 2));
}

function ledger(capture) {
  const inserted = num(capture.details.insertedCount);
  const duplicates = capture.details.duplicateIds ?? [];
  const sent = Array.isArray(capture.payload?.trace_transactions) ? capture.payload.trace_transactions.length : null;
  if (inserted === undefined) return el('p', {}, capture.details.refusal ? `Refused (${capture.details.refusal}): nothing billed.` : 'Nothing billed.');
  return el('div', {},
    el('p', { class: 'ledger' }, `Inserted ${inserted}`, sent === null ? '' : ` of ${sent}`, ` transaction${inserted === 1 ? '' : 's'}; `,
      `${duplicates.length} duplicate${duplicates.length === 1 ? '' : 's'} (already ingested for this license and namespace, not billed again).`),
    duplicates.length ? el('ul', { class: 'ids' }, duplicates.map((id) => el('li', {}, el('code', {}, id)))) : null);
}

/** What the mock answered: status, the headers a client acts on, the body (JSON as sent, else the start of its text). */
function response(answer) {
  const headers = Object.entries(answer.headers ?? {});
  return el('div', {},
    facts([
      ['Status', statusBadge(num(answer.status))],
      ['Took', answer.durationMs == null ? null : `${num(answer.durationMs)} ms`],
      ...headers.map(([name, value]) => [name, el('code', {}, value)]),
    ]),
    answer.body == null ? el('p', {}, 'No body.') : json(answer.body));
}

function upstream(exchange) {
  return el('div', {},
    facts([
      ['URL', el('code', {}, exchange.url)],
      ['Status', exchange.status == null ? null : statusBadge(num(exchange.status))],
      ['Duration', exchange.durationMs == null ? null : `${num(exchange.durationMs)} ms`],
      ['Error', exchange.error],
    ]),
    exchange.body == null ? null : json(exchange.body));
}
