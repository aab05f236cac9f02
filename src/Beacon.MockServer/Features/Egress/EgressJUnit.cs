using System.Globalization;
using System.Text;
using System.Xml;

namespace Beacon.MockServer.Features.Egress;

/// <summary>
/// <c>GET /mock/egress?format=junit</c>: one JUnit testcase per promise, so a CI job shows each as a test: a failure lists
/// the evidence, a promise nothing arrived for is skipped. The same facts as the JSON.
/// </summary>
internal static class EgressJUnit
{
    public static string Write(EgressReport report)
    {
        var failures = report.Promises.Count(p => p.Verdict == "fail");
        var skipped = report.Promises.Count(p => p.Verdict == "not-applicable");
        var tests = report.Promises.Count.ToString(CultureInfo.InvariantCulture);
        var timestamp = report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var name = report.Namespace is null ? "beacon-egress" : $"beacon-egress.{report.Namespace}";
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8, OmitXmlDeclaration = false }))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "Beacon egress audit");
            Counts(xml, tests, failures, skipped);
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", name);
            Counts(xml, tests, failures, skipped);
            xml.WriteAttributeString("timestamp", timestamp);
            xml.WriteStartElement("properties");
            Property(xml, "namespace", report.Namespace ?? "");
            Property(xml, "captures", report.Captures.ToString(CultureInfo.InvariantCulture));
            Property(xml, "minLogSeverity", report.Settings.MinLogSeverity.ToString(CultureInfo.InvariantCulture));
            Property(xml, "disabled", string.Join(",", report.Settings.Disabled));
            xml.WriteEndElement();
            foreach (var promise in report.Promises)
                Case(xml, name, promise);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        // XmlWriter over a StringBuilder declares UTF-16; the answer is sent as UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static void Case(XmlWriter xml, string suite, PromiseReport promise)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", suite);
        xml.WriteAttributeString("name", promise.Id);
        xml.WriteAttributeString("time", "0");
        if (promise.Verdict == "fail")
        {
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("message", Clean($"{promise.Title}: {promise.Summary}"));
            xml.WriteAttributeString("type", promise.Id);
            xml.WriteString(Clean(string.Join("\n", promise.Evidence.Select(Line))));
            xml.WriteEndElement();
        }
        else if (promise.Verdict == "not-applicable")
        {
            xml.WriteStartElement("skipped");
            xml.WriteAttributeString("message", Clean(promise.Summary));
            xml.WriteEndElement();
        }
        xml.WriteElementString("system-out", Clean($"{promise.Summary}\nChecks: {promise.Checks}\nCannot check: {promise.CannotCheck}{(promise.Note is null ? "" : $"\nNote: {promise.Note}")}"));
        xml.WriteEndElement();
    }

    /// <summary>One piece of evidence on a line: capture, kind, where, the value masked, and what is wrong.</summary>
    public static string Line(EgressEvidence evidence) =>
        $"capture {evidence.Sequence} ({evidence.Kind}) at {evidence.Path}{(evidence.Value is null ? "" : $": {evidence.Value}")}: {evidence.Message}";

    /// <summary>The text with every character XML cannot hold (a control character a client sent) as U+FFFD.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                clean.Append(text, i++, 2);
            else
                clean.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
        }
        return clean.ToString();
    }

    private static void Counts(XmlWriter xml, string tests, int failures, int skipped)
    {
        xml.WriteAttributeString("tests", tests);
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", skipped.ToString(CultureInfo.InvariantCulture));
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", Clean(value));
        xml.WriteEndElement();
    }
}
