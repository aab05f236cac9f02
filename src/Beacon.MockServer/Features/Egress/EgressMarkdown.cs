using System.Globalization;
using System.Text;

namespace Beacon.MockServer.Features.Egress;

/// <summary><c>GET /mock/egress?format=markdown</c>: the report for people, to read or paste into a review. The same facts as the JSON.</summary>
internal static class EgressMarkdown
{
    public static string Write(EgressReport report)
    {
        var text = new StringBuilder();
        Line(text, $"# Egress audit{(report.Namespace is null ? "" : $" of namespace {Code(report.Namespace)}")}");
        Line(text);
        Line(text, report.Enabled
            ? $"{report.Captures} requests audited{Span(report)}; generated {Time(report.GeneratedAt)}. The log threshold is {report.Settings.MinLogSeverity}; "
                + $"declared switched off: {(report.Settings.Disabled.Count == 0 ? "nothing" : string.Join(", ", report.Settings.Disabled.Select(Code)))}."
            : "The audit is off (Beacon:Egress:Enabled is false): nothing was audited.");
        if (report.Limits.Shared)
            Line(text, $"\nThis namespace arrived past Beacon:Egress:MaxNamespaces ({report.Limits.MaxNamespaces}): its traffic is audited together with every namespace's past the cap.");
        Line(text);
        Line(text, "## Promises");
        Line(text);
        Line(text, "| promise | verdict | breaks | summary |");
        Line(text, "| --- | --- | ---: | --- |");
        foreach (var promise in report.Promises)
            Line(text, $"| {promise.Id} | {promise.Verdict} | {promise.Violations} | {Cell(promise.Summary)} |");
        foreach (var promise in report.Promises)
        {
            Line(text);
            Line(text, $"### {promise.Id}: {promise.Title} ({promise.Verdict})");
            Line(text);
            Line(text, $"> {promise.Quote}");
            Line(text);
            Line(text, $"{promise.Summary}");
            Line(text);
            Line(text, $"- **Checks:** {promise.Checks}");
            Line(text, $"- **Cannot check:** {promise.CannotCheck}");
            if (promise.Note is { } note)
                Line(text, $"- **Note:** {note}");
            if (promise.Evidence.Count > 0)
            {
                Line(text);
                Line(text, $"Evidence ({promise.Evidence.Count} of {promise.Violations} breaks):");
                Line(text);
                foreach (var evidence in promise.Evidence)
                    Line(text, $"- capture {evidence.Sequence} ({evidence.Kind}) at {Code(evidence.Path)}{(evidence.Value is null ? "" : $": {Code(evidence.Value)}")}: {evidence.Message}");
            }
        }
        Endpoints(text, report);
        Fields(text, report);
        Footer(text, report);
        return text.ToString();
    }

    private static void Endpoints(StringBuilder text, EgressReport report)
    {
        Line(text);
        Line(text, "## Endpoints");
        Line(text);
        Line(text, "| kind | method | path | count | first seen | last seen | documented |");
        Line(text, "| --- | --- | --- | ---: | --- | --- | --- |");
        foreach (var e in report.Endpoints)
        {
            var documented = e.Documented ? e.Variant ? $"a variant ({e.Page})" : $"yes ({e.Page})" : "**no**";
            Line(text, $"| {e.Kind} | {e.Method} | {Code(e.Path)} | {e.Count} | {Time(e.FirstSeen)} | {Time(e.LastSeen)} | {documented} |");
        }
    }

    private static void Fields(StringBuilder text, EgressReport report)
    {
        Line(text);
        Line(text, "## Fields");
        Line(text);
        Line(text, "| kind | category | path | types | count | documented | examples |");
        Line(text, "| --- | --- | --- | --- | ---: | --- | --- |");
        foreach (var f in report.Fields)
        {
            Line(text, $"| {f.Kind} | {f.Category} | {Code(f.Path)} | {string.Join(", ", f.Types)} | {f.Count} | {(f.Documented ? "yes" : "**no**")} | "
                + $"{string.Join(" ", f.Examples.Select(Code))} |");
        }
    }

    private static void Footer(StringBuilder text, EgressReport report)
    {
        var limits = report.Limits;
        Line(text);
        Line(text, "## Limits");
        Line(text);
        Line(text, $"At most {limits.MaxEndpoints} endpoints and {limits.MaxFieldPaths} field paths over every namespace, {limits.MaxNamespaces} namespaces "
            + $"apart, {limits.MaxExamples} examples a field, {limits.MaxEvidence} pieces of evidence a promise, {limits.MaxKeys} keys. Dropped at the caps: "
            + $"{limits.EndpointsDropped} endpoints, {limits.FieldPathsDropped} field paths, {limits.KeysDropped} keys; {limits.SharedCaptures} requests of "
            + $"namespaces past the cap audited together; {limits.Failures} requests the audit failed on.");
        Line(text);
        Line(text, "## What no recorder can see");
        Line(text);
        foreach (var item in report.Unverifiable)
            Line(text, $"- {item}");
        Line(text);
        Line(text, "## Pages");
        Line(text);
        foreach (var page in report.Pages)
            Line(text, $"- {page.Id}: {page.Title}, {page.Url}. {page.Note}");
    }

    private static string Span(EgressReport report) =>
        report.FirstSeen is { } first && report.LastSeen is { } last ? $", from {Time(first)} to {Time(last)}" : "";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Text as a code span that a backtick or a table's pipe inside it cannot break.</summary>
    public static string Code(string text)
    {
        var safe = text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
        return safe.Contains('`', StringComparison.Ordinal) ? $"`` {safe} ``" : $"`{safe}`";
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
