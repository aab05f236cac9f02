// OTLP exports shown as what they are: spans as a trace waterfall, metric data points as a table, log records with
// their severity. The payload is OTLP JSON with hex ids, as the mock stores every export whatever its encoding.
import { el, duration, timeOfDay } from './dom.js';
import { num } from './json.js';

/** An OTLP AnyValue as plain JavaScript: lists as arrays, key-value lists as objects. */
export function plain(any) {
  if (!any || typeof any !== 'object') return any ?? null;
  if ('stringValue' in any) return any.stringValue;
  if ('boolValue' in any) return any.boolValue;
  if ('intValue' in any) return String(any.intValue);
  if ('doubleValue' in any) return num(any.doubleValue);
  if ('bytesValue' in any) return any.bytesValue;
  if ('arrayValue' in any) return (any.arrayValue.values ?? []).map(plain);
  if ('kvlistValue' in any) return attributes(any.kvlistValue.values);
  return null;
}

export const attributes = (list) => Object.fromEntries((list ?? []).map((kv) => [kv.key, plain(kv.value)]));

const show = (v) => (typeof v === 'string' ? v : JSON.stringify(v));

const attributeList = (object) => {
  const entries = Object.entries(object);
  return entries.length === 0 ? '—'
    : el('ul', { class: 'attrs' }, entries.map(([k, v]) => el('li', {}, el('span', { class: 'ak' }, k), '=', show(v))));
};

/** Nanoseconds since the epoch, exactly (they pass 2^53); null when absent or zero. */
function nanos(v) {
  try {
    const n = BigInt(String(v ?? 0));
    return n > 0n ? n : null;
  } catch { return null; }
}

/** Each item of an export with its JSON path (for findings), its resource and scope. */
function* items(payload, resourceKey, scopeKey, itemKey) {
  for (const [r, resource] of (payload?.[resourceKey] ?? []).entries()) {
    for (const [s, scope] of (resource?.[scopeKey] ?? []).entries()) {
      for (const [i, item] of (scope?.[itemKey] ?? []).entries()) {
        yield { item: item ?? {}, path: `${resourceKey}[${r}].${scopeKey}[${s}].${itemKey}[${i}]`,
          resource: attributes(resource?.resource?.attributes), scope: scope?.scope ?? {} };
      }
    }
  }
}

/** A ⚠ for an item some finding is about (its path or a field under it). */
function flag(path, findings) {
  const about = findings.filter((f) => f.path === path || f.path.startsWith(`${path}.`) || f.path.startsWith(`${path}[`));
  return about.length === 0 ? null
    : el('span', { class: 'flag', title: about.map((f) => `${f.path}: ${f.message}`).join('\n'), 'aria-label': `${about.length} findings` }, '⚠');
}

const SpanKinds = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

/** Spans by trace, each trace a table: parents before their children, children indented, bars on one time axis. */
export function waterfall(payload, findings) {
  const traces = new Map();
  for (const { item, path, resource } of items(payload, 'resourceSpans', 'scopeSpans', 'spans')) {
    const span = { ...item, path, service: resource['service.name'] ?? '', start: nanos(item.startTimeUnixNano), end: nanos(item.endTimeUnixNano) };
    const id = item.traceId ?? '';
    if (!traces.has(id)) traces.set(id, []);
    traces.get(id).push(span);
  }
  if (traces.size === 0) return el('p', {}, 'No spans in this export.');
  return el('div', { class: 'waterfalls' }, [...traces].map(([traceId, spans]) => trace(traceId, spans, findings)));
}

function trace(traceId, spans, findings) {
  const ids = new Set(spans.map((s) => s.spanId).filter(Boolean));
  const children = new Map();
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) && span.parentSpanId !== span.spanId ? span.parentSpanId : '';
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(span);
  }
  const byStart = (a, b) => (a.start ?? 0n) < (b.start ?? 0n) ? -1 : (a.start ?? 0n) > (b.start ?? 0n) ? 1 : 0;
  const ordered = [];
  const seen = new Set();
  const visit = (span, depth) => {
    if (seen.has(span)) return;
    seen.add(span);
    ordered.push([span, depth]);
    for (const child of (children.get(span.spanId) ?? []).sort(byStart)) visit(child, depth + 1);
  };
  for (const root of (children.get('') ?? []).sort(byStart)) visit(root, 0);
  // Spans only reachable through a cycle of parent ids are shown at the top level rather than lost.
  for (const span of spans) visit(span, 0);

  const starts = spans.map((s) => s.start).filter((t) => t !== null);
  const ends = spans.map((s) => s.end).filter((t) => t !== null);
  const first = starts.length ? starts.reduce((a, b) => (b < a ? b : a)) : null;
  const last = ends.length ? ends.reduce((a, b) => (b > a ? b : a)) : null;
  const range = first !== null && last !== null && last > first ? last - first : null;
  const rows = ordered.map(([span, depth]) => {
    const name = el('td', { class: 'span-name' }, flag(span.path, findings), span.name || '(no name)');
    name.style.paddingInlineStart = `${0.4 + depth * 1.2}em`;
    const took = span.start !== null && span.end !== null && span.end >= span.start ? span.end - span.start : null;
    const track = el('div', { class: 'track' });
    if (range !== null && span.start !== null) {
      const bar = el('div', { class: `bar${span.status?.code === 2 ? ' error' : ''}` });
      bar.style.marginInlineStart = `${Number(((span.start - first) * 10000n) / range) / 100}%`;
      bar.style.width = `${Math.max(0.5, Number(((took ?? 0n) * 10000n) / range) / 100)}%`;
      track.append(bar);
    }
    return el('tr', { 'data-depth': depth, 'data-span-id': span.spanId ?? '', title: `span ${span.spanId ?? ''} · ${SpanKinds[span.kind ?? 0] ?? span.kind}` },
      name, el('td', {}, span.service), el('td', { class: 'num' }, took === null ? '—' : duration(took)), el('td', { class: 'timeline' }, track));
  });
  return el('figure', { class: 'trace' },
    el('figcaption', {}, `Trace ${traceId || '(no id)'} · ${spans.length} span${spans.length === 1 ? '' : 's'}`, range !== null ? ` · ${duration(range)}` : ''),
    el('table', { class: 'waterfall' },
      el('thead', {}, el('tr', {}, ['Span', 'Service', 'Duration', 'Timeline'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows)));
}

const MetricTypes = ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'];
const Temporality = ['unspecified', 'delta', 'cumulative'];

/** One row per data point: the metric, its type, its value (or count and sum), its attributes. */
export function metricsTable(payload, findings) {
  const rows = [];
  for (const { item: metric, path } of items(payload, 'resourceMetrics', 'scopeMetrics', 'metrics')) {
    const type = MetricTypes.find((t) => metric[t]) ?? 'none';
    const data = metric[type] ?? {};
    const kind = type === 'sum' ? `sum (${Temporality[data.aggregationTemporality ?? 0] ?? data.aggregationTemporality}${data.isMonotonic ? ', monotonic' : ''})`
      : data.aggregationTemporality ? `${type} (${Temporality[data.aggregationTemporality] ?? data.aggregationTemporality})` : type;
    for (const [i, point] of (data.dataPoints ?? []).entries()) {
      const pointPath = `${path}.${type}.dataPoints[${i}]`;
      const value = 'asDouble' in point ? String(point.asDouble) : 'asInt' in point ? String(point.asInt)
        : 'count' in point ? `count ${point.count}${'sum' in point ? `, sum ${point.sum}` : ''}${'min' in point ? `, min ${point.min}` : ''}${'max' in point ? `, max ${point.max}` : ''}`
          : '—';
      rows.push(el('tr', {},
        el('td', {}, flag(pointPath, findings) ?? flag(path, findings), metric.name ?? '', metric.unit ? el('span', { class: 'unit' }, ` (${metric.unit})`) : ''),
        el('td', {}, kind), el('td', { class: 'num' }, value), el('td', {}, attributeList(attributes(point.attributes)))));
    }
  }
  if (rows.length === 0) return el('p', {}, 'No data points in this export.');
  return el('table', { class: 'otlp-table' },
    el('thead', {}, el('tr', {}, ['Metric', 'Type', 'Value', 'Attributes'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows));
}

const moment = (iso) => el('time', { datetime: iso, title: iso }, timeOfDay(iso));

const Severities = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** OTLP's SeverityNumber ranges: 1-4 trace, 5-8 debug, 9-12 info, 13-16 warn, 17-20 error, 21-24 fatal. */
export const severity = (number) => (number >= 1 && number <= 24 ? Severities[Math.floor((number - 1) / 4)] : 'unspecified');

/** One row per log record: its time, severity (coloured by number), body and attributes. */
export function logsTable(payload, findings) {
  const rows = [...items(payload, 'resourceLogs', 'scopeLogs', 'logRecords')].map(({ item: log, path }) => {
    const level = severity(num(log.severityNumber ?? 0));
    const time = nanos(log.timeUnixNano) ?? nanos(log.observedTimeUnixNano);
    return el('tr', {},
      el('td', { class: 'time' }, time === null ? '—' : moment(new Date(Number(time / 1000000n)).toISOString())),
      el('td', {}, el('span', { class: `sev sev-${level}`, title: `severityNumber ${log.severityNumber ?? 0}` }, log.severityText || level)),
      el('td', { class: 'body' }, flag(path, findings), log.body ? show(plain(log.body)) : '—'),
      el('td', {}, attributeList(attributes(log.attributes))));
  });
  if (rows.length === 0) return el('p', {}, 'No log records in this export.');
  return el('table', { class: 'otlp-table' },
    el('thead', {}, el('tr', {}, ['Time', 'Severity', 'Body', 'Attributes'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows));
}

/** The view for an OTLP capture's kind; null for other kinds. */
/** Whether a capture of this kind has a view of its own (an OTLP export). */
export const hasView = (kind) => kind === 'traces' || kind === 'metrics' || kind === 'logs';

export function otlpView(kind, payload, findings) {
  if (!hasView(kind) || payload === null || typeof payload !== 'object') return null;
  if (kind === 'traces') return ['Trace waterfall', waterfall(payload, findings)];
  if (kind === 'metrics') return ['Metric data points', metricsTable(payload, findings)];
  if (kind === 'logs') return ['Log records', logsTable(payload, findings)];
  return null;
}
