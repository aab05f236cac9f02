using System.Xml.Linq;
using Beacon.MockServer.Client;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Egress;

/// <summary>
/// The egress audit as a security reviewer uses it, read with the typed client: the documented samples keep every
/// promise; an INFO log holding an e-mail address and the license key breaks three, each with its evidence; the
/// Markdown and JUnit forms say what the JSON says; a baseline comparison finds a field nobody approved.
/// </summary>
public sealed class EgressReportTests() : HostedTest(new Dictionary<string, string?> { ["Beacon:Egress:Disabled:0"] = "auth" })
{
    private BeaconMockClient Mock => new(Client);

    [Fact]
    public async Task TheDocumentedSamples_KeepEveryPromise()
    {
        await EgressTraffic.SendDocumentedSamplesAsync(Client);

        var report = await Mock.GetEgressReportAsync();

        Assert.Equal(7, report.Captures);
        Assert.Equal(
            [EgressPromiseIds.DocumentedEndpoints, EgressPromiseIds.DocumentedFields, EgressPromiseIds.NoPersonalData, EgressPromiseIds.LogsWarningOrAbove,
                EgressPromiseIds.UsageCountsOnly, EgressPromiseIds.LicenseKeyConfined, EgressPromiseIds.OptOutsHonoured],
            report.Promises.Select(p => p.Id));
        Assert.All(report.Promises, p => Assert.True(p.Verdict == EgressVerdicts.Pass, $"{p.Id}: {p.Verdict}, {p.Summary}"));
        Assert.All(report.Promises, p => Assert.Empty(p.Evidence));
        Assert.All(report.Endpoints, e => Assert.True(e.Documented, $"{e.Method} {e.Path}"));
        Assert.All(report.Fields, f => Assert.True(f.Documented, $"{f.Kind} {f.Path}"));
        Assert.Equal(7, report.Endpoints.Count);
    }

    [Fact]
    public async Task AnInfoLogHoldingAnEmailAndTheLicenseKey_BreaksThreePromises_EachWithItsEvidence()
    {
        await EgressTraffic.SendDocumentedSamplesAsync(Client);
        await EgressTraffic.PostAsync(Client, "/v1/beacon/verify", $$"""{"license": "{{EgressTraffic.License}}"}""");
        var log = await EgressTraffic.PostAsync(Client, "/v1/beacon/v1/logs",
            EgressTraffic.Log(9, $"user {EgressTraffic.Email} signed in with license {EgressTraffic.License}"));

        var report = await Mock.GetEgressReportAsync();

        Assert.Equal([EgressPromiseIds.NoPersonalData, EgressPromiseIds.LogsWarningOrAbove, EgressPromiseIds.LicenseKeyConfined], report.Failed.Select(p => p.Id));
        const string body = "resourceLogs[0].scopeLogs[0].logRecords[0].body.stringValue";
        var email = Assert.Single(report.Promise(EgressPromiseIds.NoPersonalData).Evidence);
        Assert.Equal((log, CaptureKind.Logs, body, "j***@e***.com"), (email.Sequence, email.Kind, email.Path, email.Value));
        Assert.Contains("e-mail address", email.Message);
        var severity = Assert.Single(report.Promise(EgressPromiseIds.LogsWarningOrAbove).Evidence);
        Assert.Equal((log, "resourceLogs[0].scopeLogs[0].logRecords[0].severityNumber", "9 (INFO)"), (severity.Sequence, severity.Path, severity.Value));
        var key = Assert.Single(report.Promise(EgressPromiseIds.LicenseKeyConfined).Evidence);
        Assert.Equal((log, body, "lcl_…#" + Beacon.MockServer.Http.Secrets.Fingerprint(EgressTraffic.License)[..8]), (key.Sequence, key.Path, key.Value));
        Assert.All(report.Failed, p => Assert.Equal(1, p.Violations));
        Assert.All(report.Promises.Where(p => !report.Failed.Contains(p)), p => Assert.Equal(EgressVerdicts.Pass, p.Verdict));

        // Where it happened: the capture names each broken promise beside the field, as the inspector shows it.
        var findings = (await Client.LastCaptureAsync()).GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("path").GetString(), f.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(findings, f => f.Item1 == body && f.Item2.Contains("no-personal-data", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Item1 == body && f.Item2.Contains("license-key-confined", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Item1 == severity.Path && f.Item2.Contains("logs-warning-or-above", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheMarkdownAndJUnitForms_SayWhatTheJsonSays()
    {
        await EgressTraffic.SendDocumentedSamplesAsync(Client);
        await EgressTraffic.PostAsync(Client, "/v1/beacon/verify", $$"""{"license": "{{EgressTraffic.License}}"}""");
        await EgressTraffic.PostAsync(Client, "/v1/beacon/v1/logs", EgressTraffic.Log(9, $"{EgressTraffic.Email} {EgressTraffic.License}"));

        var report = await Mock.GetEgressReportAsync();
        var markdown = await Mock.GetEgressReportTextAsync(EgressReportFormat.Markdown);
        var junit = XDocument.Parse(await Mock.GetEgressReportTextAsync(EgressReportFormat.JUnit));

        var suite = junit.Root!.Element("testsuite")!;
        Assert.Equal(report.Promises.Count, (int)suite.Attribute("tests")!);
        Assert.Equal(report.Failed.Count(), (int)suite.Attribute("failures")!);
        Assert.Equal(report.Promises.Count(p => p.Verdict == EgressVerdicts.NotApplicable), (int)suite.Attribute("skipped")!);
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(report.Promises.Select(p => p.Id), cases.Select(c => (string)c.Attribute("name")!));
        foreach (var (promise, testcase) in report.Promises.Zip(cases))
        {
            Assert.Equal(promise.Verdict == EgressVerdicts.Fail, testcase.Element("failure") is not null);
            Assert.Equal(promise.Verdict == EgressVerdicts.NotApplicable, testcase.Element("skipped") is not null);
            Assert.Contains($"| {promise.Id} | {promise.Verdict} | {promise.Violations} |", markdown);
            if (testcase.Element("failure") is not { } failure)
                continue;
            var lines = failure.Value.Split('\n');
            Assert.Equal(promise.Evidence.Count, lines.Length);
            foreach (var (evidence, line) in promise.Evidence.Zip(lines))
            {
                Assert.Equal($"capture {evidence.Sequence} ({Name(evidence.Kind)}) at {evidence.Path}: {evidence.Value}: {evidence.Message}", line);
                Assert.Contains($"- capture {evidence.Sequence} ({Name(evidence.Kind)}) at `{evidence.Path}`: `{evidence.Value}`: {evidence.Message}", markdown);
            }
        }
        foreach (var endpoint in report.Endpoints)
            Assert.Contains($"| {Name(endpoint.Kind)} | {endpoint.Method} | `{endpoint.Path}` | {endpoint.Count} |", markdown);
        foreach (var field in report.Fields)
            Assert.Contains($"| {Name(field.Kind)} | {field.Category} | `{field.Path.Replace("|", "\\|", StringComparison.Ordinal)}` |", markdown);

        // Neither form, nor the JSON, shows the e-mail address or the key whole.
        var json = await Client.GetStringAsync("/mock/egress");
        foreach (var text in new[] { json, markdown, junit.ToString() })
        {
            Assert.DoesNotContain(EgressTraffic.Email, text);
            Assert.DoesNotContain(EgressTraffic.License, text);
        }
    }

    [Fact]
    public async Task ABaselineComparison_FindsANewField()
    {
        await EgressTraffic.SendDocumentedSamplesAsync(Client);
        var baseline = await Mock.GetEgressBaselineAsync();
        Assert.True((await Mock.CompareEgressAsync(baseline)).Identical);

        await EgressTraffic.PostAsync(Client, "/v1/beacon/ingest-traces", EgressTraffic.Changed("ingest-traces-request",
            json => json["trace_transactions"]![0]!["region"] = "eu-west-1"));
        var comparison = await Mock.CompareEgressAsync(baseline);

        Assert.False(comparison.Identical);
        var added = Assert.Single(comparison.Fields.New);
        Assert.Equal((CaptureKind.IngestTraces, "trace_transactions[].region", "field"), (added.Kind, added.Path, added.Category));
        Assert.Equal(["string"], added.Types);
        Assert.Empty(comparison.Fields.Gone);
        Assert.Empty(comparison.Fields.Changed);
        Assert.Empty(comparison.Endpoints.New);
        Assert.Empty(comparison.Endpoints.Gone);
    }

    [Fact]
    public async Task ABaselineComparison_FindsAFieldWhoseTypeChanged_AndOneGone()
    {
        await EgressTraffic.PostAsync(Client, "/v1/beacon/usage-snapshot", Wire.Sample("usage-snapshot-request"));
        var baseline = await Mock.GetEgressBaselineAsync();
        await Mock.ResetAsync();

        await EgressTraffic.PostAsync(Client, "/v1/beacon/usage-snapshot", EgressTraffic.Changed("usage-snapshot-request", json =>
        {
            json["measures"]!["users"] = "63";
            json["measures"]!.AsObject().Remove("prompts");
        }));
        var comparison = await Mock.CompareEgressAsync(baseline);

        var changed = Assert.Single(comparison.Fields.Changed);
        Assert.Equal("measures.users", changed.Path);
        Assert.Equal(["number"], changed.Baseline);
        Assert.Equal(["string"], changed.Now);
        Assert.Equal("measures.prompts", Assert.Single(comparison.Fields.Gone).Path);
        Assert.Empty(comparison.Fields.New);
    }

    /// <summary>The mock's name of a kind, as the report's text forms write it (the client's enum reads it back).</summary>
    private static string Name(CaptureKind kind) => System.Text.Json.JsonSerializer.Serialize(kind).Trim('"');
}
