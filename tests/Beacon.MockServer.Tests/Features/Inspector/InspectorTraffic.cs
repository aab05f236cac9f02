using Beacon.MockServer.Tests.Features.Faults;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Beacon.MockServer.Tests.Features.Inspector;

/// <summary>A little of what a deployment sends, ending with a trace of four spans; and the README's screenshot of it.</summary>
internal static class InspectorTraffic
{
    /// <summary>Set to a file path, the waterfall test saves a screenshot there (the README's docs/inspector.png).</summary>
    public const string ScreenshotVariable = "BEACON_INSPECTOR_SCREENSHOT";

    private const string TraceId = "5b8efff798038103d269b633813fc60c";

    /// <summary>The spans' names as the waterfall lists them: each parent before its children, siblings by start time.</summary>
    public static readonly string[] SpansInWaterfallOrder = ["handle_request", "authenticate", "query_database", "fetch_rows"];

    public static async Task SendAsync(HttpClient client)
    {
        await client.PostJsonAsync("/v1/beacon/verify", """{"license": "lcl_demo", "replica": 2}""");
        await client.PostJsonAsync("/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));
        await client.PostJsonAsync("/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));
        await client.AddFaultAsync("""{"match": {"kind": "usage-snapshot"}, "status": 503, "retryAfter": 30, "times": 1}""");
        await client.PostJsonAsync("/ns/team-a/v1/beacon/usage-snapshot", Wire.Sample("usage-snapshot-request"));
        await client.PostOtlpJsonAsync(Infrastructure.Otlp.Metrics, Wire.Sample("otlp-metrics-request"));
        await client.PostOtlpJsonAsync(Infrastructure.Otlp.Logs, Wire.Sample("otlp-logs-request"));
        await client.PostOtlpJsonAsync(Infrastructure.Otlp.Traces, Trace);
    }

    public static async Task ScreenshotIfAskedAsync(IPage page)
    {
        if (Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } path)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
    }

    // The child listed before its parent, and a grandchild that failed: nesting comes from parentSpanId alone.
    private static string Trace =>
        """{"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "langsmith-backend"}}]}, """
        + """ "scopeSpans": [{"scope": {"name": "langsmith.api", "version": "0.10.1"}, "spans": [""".TrimStart()
        + string.Join(", ",
            Span("00f067aa0ba902b2", "00f067aa0ba902b1", "query_database", 50, 200, 3),
            Span("00f067aa0ba902b1", "", "handle_request", 0, 250, 2),
            Span("00f067aa0ba902b3", "00f067aa0ba902b2", "fetch_rows", 60, 180, 3, error: true),
            Span("00f067aa0ba902b4", "00f067aa0ba902b1", "authenticate", 5, 30, 1))
        + "]}]}]}";

    private static string Span(string id, string parent, string name, int startMs, int endMs, int kind, bool error = false)
    {
        const long Start = 1_767_693_600_000_000_000;
        var status = error ? """, "status": {"code": 2, "message": "deadline exceeded"}""" : "";
        return $$"""{"traceId": "{{TraceId}}", "spanId": "{{id}}", "parentSpanId": "{{parent}}", "name": "{{name}}", "kind": {{kind}}, """
            + $$""" "startTimeUnixNano": "{{Start + startMs * 1_000_000L}}", "endTimeUnixNano": "{{Start + endMs * 1_000_000L}}"{{status}}"""
            + "}";
    }
}
