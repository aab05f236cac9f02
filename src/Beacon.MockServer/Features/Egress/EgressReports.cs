namespace Beacon.MockServer.Features.Egress;

/// <summary>The report and the baseline, built from the states a namespace (or every namespace) has, merged.</summary>
internal static class EgressReports
{
    public static EgressReport Report(EgressAudit audit, string? ns, DateTimeOffset now)
    {
        var (states, shared) = audit.StatesFor(ns);
        var merged = Merged.Of(states, audit.Rules.MaxExamples);
        var options = audit.Options;
        var promises = EgressPromises.All.Select(p => Promise(p, merged, audit)).ToList();
        return new EgressReport(
            ns, options.Enabled, now, merged.Captures, merged.FirstSeen, merged.LastSeen, promises,
            [.. merged.Endpoints.Values.OrderBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)],
            [.. merged.Fields.Values.Select(f => f.Report())
                .OrderBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => Array.IndexOf(FieldCategories.Names, f.Category)).ThenBy(f => f.Path, StringComparer.Ordinal)],
            new AuditSettings(audit.Rules.MinLogSeverity, options.Disabled, [.. options.Patterns.Select(p => p.Name!)]),
            new AuditLimitsReport(options.MaxNamespaces, options.MaxEndpoints, options.MaxFieldPaths, options.MaxExamples, options.MaxEvidence, options.MaxKeys,
                merged.EndpointsDropped, merged.FieldPathsDropped, audit.SharedCaptures, audit.Rules.Keys.Dropped, audit.Failures, shared),
            audit.Rules.Contract.Pages,
            EgressPromises.Unverifiable);
    }

    public static EgressBaseline Baseline(EgressAudit audit, string? ns)
    {
        var report = Report(audit, ns, DateTimeOffset.UnixEpoch);
        return new EgressBaseline(
            [.. report.Endpoints.Select(e => new BaselineEndpoint(e.Kind, e.Method, e.Path))],
            [.. report.Fields.Select(f => new BaselineField(f.Kind, f.Path, f.Category, f.Types))]);
    }

    private static PromiseReport Promise(EgressPromise promise, Merged merged, EgressAudit audit)
    {
        var violations = merged.Violations[promise.Index];
        var evidence = merged.Evidence[promise.Index]
            .OrderBy(e => e.Sequence).DistinctBy(e => (e.Field, e.What)).Take(audit.Rules.MaxEvidence).ToList();
        var inapplicable = Inapplicable(promise, merged, audit);
        var (verdict, summary) = violations > 0
            ? ("fail", $"Broken {violations} time{(violations == 1 ? "" : "s")}; the evidence shows the first {evidence.Count}, one per field and kind of break.")
            : inapplicable is not null ? ("not-applicable", inapplicable) : ("pass", Passed(promise, merged, audit));
        var note = promise == EgressPromises.LogsWarningOrAbove
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, EgressPromises.LogThresholdNote, $"{audit.Rules.MinLogSeverity}")
            : null;
        return new PromiseReport(promise.Id, promise.Title, verdict, violations, evidence, summary, promise.Quote, promise.Checks, promise.CannotCheck, note);
    }

    /// <summary>Why nothing that arrived is about the promise; null when something is.</summary>
    private static string? Inapplicable(EgressPromise promise, Merged merged, EgressAudit audit) => promise.Index switch
    {
        _ when !audit.Options.Enabled => "The audit is off (Beacon:Egress:Enabled is false).",
        0 or 2 when merged.Captures == 0 => "No request has arrived.",
        1 when merged.DocumentedBodies == 0 => "No verify, ingest-traces, usage-snapshot or metadata body has arrived.",
        3 when merged.LogRecords == 0 => "No log record has arrived.",
        4 when merged.UsageSnapshots == 0 => "No usage snapshot has arrived.",
        5 when audit.Rules.Keys.Current.Count == 0 => "No license or API key has been sent as a credential (of 8 characters or more): there is none to look for.",
        6 when audit.Options.Disabled.Count == 0 => "No kind is declared switched off (Beacon:Egress:Disabled).",
        _ => null,
    };

    private static string Passed(EgressPromise promise, Merged merged, EgressAudit audit) => promise.Index switch
    {
        0 => $"All {merged.Captures} requests went to documented endpoints.",
        1 => $"All {merged.DocumentedBodies} billing, usage and metadata bodies carried documented fields only.",
        2 => $"Nothing in {merged.Captures} requests looked like personal data or a credential.",
        3 => $"All {merged.LogRecords} log records were at severity {audit.Rules.MinLogSeverity} or above.",
        4 => $"Every measure of {merged.UsageSnapshots} usage snapshots was a non-negative integer.",
        5 => $"None of the {audit.Rules.Keys.Current.Count} license or API keys seen appeared outside its credential field and headers.",
        _ => $"Nothing arrived of {string.Join(", ", audit.Options.Disabled)}.",
    };

    /// <summary>The states' tallies added up. Read while requests may still add to them: each count is read whole, and the sums are of what had arrived when each was read.</summary>
    private sealed class Merged
    {
        public long Captures { get; private set; }
        public DateTimeOffset? FirstSeen { get; private set; }
        public DateTimeOffset? LastSeen { get; private set; }
        public long DocumentedBodies { get; private set; }
        public long UsageSnapshots { get; private set; }
        public long LogRecords { get; private set; }
        public long EndpointsDropped { get; private set; }
        public long FieldPathsDropped { get; private set; }
        public Dictionary<(string, string, string), EndpointReport> Endpoints { get; } = [];
        public Dictionary<(string, string), FieldSum> Fields { get; } = [];
        public long[] Violations { get; } = new long[EgressPromises.All.Count];
        public List<EgressEvidence>[] Evidence { get; } = [.. EgressPromises.All.Select(_ => new List<EgressEvidence>())];

        public static Merged Of(IReadOnlyList<AuditState> states, int maxExamples)
        {
            var merged = new Merged();
            foreach (var state in states)
                merged.Add(state, maxExamples);
            return merged;
        }

        private void Add(AuditState state, int maxExamples)
        {
            Captures += state.Captures;
            FirstSeen = Earlier(FirstSeen, state.Seen.First);
            LastSeen = state.Seen.Last is { } last && (LastSeen is null || last > LastSeen) ? last : LastSeen;
            DocumentedBodies += state.DocumentedBodies;
            UsageSnapshots += state.UsageSnapshots;
            LogRecords += state.LogRecords;
            EndpointsDropped += state.EndpointsDropped;
            FieldPathsDropped += state.FieldPathsDropped;
            foreach (var ((kind, method, path), tally) in state.Endpoints)
            {
                var seen = new EndpointReport(kind, method, path, tally.Count, tally.Seen.First!.Value, tally.Seen.Last!.Value,
                    tally.Documented is not null, tally.Documented?.Variant == true, tally.Documented?.Page);
                Endpoints[(kind, method, path)] = Endpoints.TryGetValue((kind, method, path), out var before)
                    ? seen with { Count = before.Count + seen.Count, FirstSeen = Earlier(before.FirstSeen, seen.FirstSeen)!.Value, LastSeen = before.LastSeen > seen.LastSeen ? before.LastSeen : seen.LastSeen }
                    : seen;
            }
            foreach (var (kind, paths) in state.Fields)
            {
                foreach (var (path, tally) in paths)
                {
                    if (!Fields.TryGetValue((kind, path), out var sum))
                        Fields[(kind, path)] = sum = new FieldSum(kind, path, tally.Category, tally.Documented);
                    sum.Add(tally, maxExamples);
                }
            }
            for (var i = 0; i < Violations.Length; i++)
            {
                Violations[i] += state.Promises[i].Violations;
                Evidence[i].AddRange(state.Promises[i].Evidence);
            }
        }

        private static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
    }

    private sealed class FieldSum(string kind, string path, string category, bool documented)
    {
        private readonly List<string> _examples = [];
        private uint _types;
        private long _count;

        public void Add(FieldTally tally, int maxExamples)
        {
            _types |= tally.Types;
            _count += tally.Count;
            foreach (var example in tally.Examples)
            {
                if (_examples.Count < maxExamples && !_examples.Contains(example))
                    _examples.Add(example);
            }
        }

        public FieldReport Report() => new(kind, path, category, TypeNames.Of(_types), _count, documented, _examples);
    }
}
