using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Beacon.MockServer.Features.Egress;
using Beacon.MockServer.Features.Otlp;
using CaptureRecord = Beacon.MockServer.Store.Capture;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// <c>egress-memory [CAPTURES]</c>: what the egress audit holds after a long, varied run, fed directly (no HTTP, no
/// store): every kind, 2,000 namespaces, unmatched paths, fields, tags, measures, span, metric and attribute names drawn
/// from 100,000 each, e-mail addresses and keys now and then, licenses from 5,000. Prints the managed heap the audit
/// holds at checkpoints (it should stop growing once its caps are reached), what it dropped at them, and its time per capture.
/// </summary>
internal static class EgressMemory
{
    public static int Run(int captures)
    {
        var random = new Random(21);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var audit = EgressSamples.Audit();
        Console.WriteLine($"{"captures",10} {"heap MiB",9} {"endpoints",9} {"fields",7} {"held e/f/evidence",18} {"dropped e/f",16} {"keys dropped",12} {"shared",8} {"µs/capture",10}");
        var checkpoints = new[] { captures / 100, captures / 10, captures / 4, captures / 2, captures }.Where(c => c > 0).ToHashSet();
        var clock = Stopwatch.StartNew();
        var audited = TimeSpan.Zero;
        for (var i = 1; i <= captures; i++)
        {
            var capture = Next(random, i);
            var started = clock.Elapsed;
            audit.Received(capture);
            audited += clock.Elapsed - started;
            if (!checkpoints.Contains(i))
                continue;
            var heap = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1048576.0;
            var report = EgressReports.Report(audit, null, DateTimeOffset.UtcNow);
            var limits = report.Limits;
            var held = Held(audit);
            Console.WriteLine($"{i,10} {heap,9:0.0} {report.Endpoints.Count,9} {report.Fields.Count,7} {held,18} {$"{limits.EndpointsDropped}/{limits.FieldPathsDropped}",16} "
                + $"{limits.KeysDropped,12} {limits.SharedCaptures,8} {audited.TotalMicroseconds / i,10:0.00}");
        }
        var text = JsonSerializer.SerializeToUtf8Bytes(EgressReports.Report(audit, null, DateTimeOffset.UtcNow), EgressJson.Default.EgressReport);
        Console.WriteLine($"report: {text.Length / 1024.0:0} KiB of JSON; {EgressReports.Report(audit, null, DateTimeOffset.UtcNow).Promises.Sum(p => p.Evidence.Count)} pieces of evidence");
        GC.KeepAlive(audit);
        return 0;
    }

    /// <summary>What every namespace's state holds, before the report merges them: endpoints, field paths, pieces of evidence.</summary>
    private static string Held(EgressAudit audit)
    {
        var (endpoints, fields, evidence) = (0, 0, 0);
        foreach (var state in audit.StatesFor(null).States)
        {
            endpoints += state.Endpoints.Count;
            fields += state.Fields.Values.Sum(f => f.Count);
            evidence += state.Promises.Sum(p => p.Evidence.Count);
        }
        return $"{endpoints}/{fields}/{evidence}";
    }

    private static CaptureRecord Next(Random random, int i)
    {
        var ns = random.Next(4) == 0 ? null : $"team-{random.Next(2000)}";
        var license = $"lcl_license_{random.Next(5000):D5}";
        string Name(string prefix) => $"{prefix}_{random.Next(100_000)}";
        string Value() => random.Next(50) == 0 ? $"user{random.Next(1000)}@example.com" : random.Next(50) == 0 ? license : Name("value");
        switch (i % 8)
        {
            case 0:
                var ingest = $$$"""{"license": "{{{license}}}", "trace_transactions": [{"id": "{{{Guid.NewGuid()}}}", "trace_count": {{{random.Next(100)}}}, "{{{Name("extra")}}}": "{{{Value()}}}"}]}""";
                return EgressSamples.Json("ingest-traces", "/v1/beacon/ingest-traces", Encoding.UTF8.GetBytes(ingest), license, ns);
            case 1:
                var usage = $$$"""{"license_key": "{{{license}}}", "measures": {"users": {{{random.Next(100)}}}, "{{{Name("measure")}}}": {{{random.Next(-5, 100)}}}}}""";
                return EgressSamples.Json("usage-snapshot", "/v1/beacon/usage-snapshot", Encoding.UTF8.GetBytes(usage), license, ns);
            case 2:
                var metadata = $$$"""{"license_key": "{{{license}}}", "tags": {"{{{Name("tag")}}}": "{{{Value()}}}"}, "measures": {"langgraph.platform.runs": 3}}""";
                return EgressSamples.Json("metadata", "/v1/beacon/metadata/submit", Encoding.UTF8.GetBytes(metadata), license, ns);
            case 3:
                return EgressSamples.Json("unmatched", $"/v1/{Name("probe")}/{Value()}", Encoding.UTF8.GetBytes("""{"hello": "world"}"""), null, ns);
            case 4:
                return EgressSamples.Export("logs", Encoding.UTF8.GetBytes($$$"""
                    {"resourceLogs":[{"resource":{"attributes":[{"key":"{{{Name("res")}}}","value":{"stringValue":"{{{Value()}}}"}}]},
                     "scopeLogs":[{"scope":{"name":"{{{Name("scope")}}}"},"logRecords":[{"severityNumber":{{{random.Next(25)}}},"body":{"stringValue":"{{{Value()}}}"},
                     "attributes":[{"key":"{{{Name("attr")}}}","value":{"intValue":"{{{random.Next()}}}"}}]}]}]}]}
                    """), OtlpEncoding.Json, ns);
            case 5 or 6:
                return EgressSamples.Export("traces", Encoding.UTF8.GetBytes($$$"""
                    {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"langsmith_backend"}}]},
                     "scopeSpans":[{"spans":[{"traceId":"71699b6fe85982c7c8995ea3d9c95df2","spanId":"3c191d03fa8be0a1","name":"{{{Name("span")}}}",
                     "attributes":[{"key":"{{{Name("attr")}}}","value":{"stringValue":"{{{Value()}}}"}}],"events":[{"name":"{{{Name("event")}}}"}],
                     "status":{"message":"{{{Value()}}}"}}]}]}]}
                    """), OtlpEncoding.Json, ns);
            default:
                return EgressSamples.Export("metrics", Encoding.UTF8.GetBytes($$$"""
                    {"resourceMetrics":[{"scopeMetrics":[{"scope":{"name":"langsmith.metrics"},"metrics":[{"name":"{{{Name("metric")}}}",
                     "sum":{"dataPoints":[{"asInt":"{{{random.Next()}}}","attributes":[{"key":"{{{Name("attr")}}}","value":{"stringValue":"{{{Value()}}}"}}]}]}}]}]}]}
                    """), OtlpEncoding.Json, ns);
        }
    }
}
