using System.Net;
using System.Xml.Linq;
using Beacon.MockServer.Client;

namespace Beacon.MockServer.Tests.Client;

/// <summary>The egress report read typed, through a namespaced client, from a real mock on a loopback port.</summary>
public sealed class EgressClientTests(SharedMock shared) : IClassFixture<SharedMock>
{
    [Fact]
    public async Task ANamespacedClient_ReadsItsNamespacesAudit_Typed()
    {
        var mock = shared.NewNamespace();
        var other = shared.NewNamespace();
        await shared.VerifyAsync(mock, "lcl_client_audit_0001");
        await shared.PostAsync(mock, "/v1/beacon/v1/logs",
            """{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityNumber":9,"body":{"stringValue":"lcl_client_audit_0001 for ops@example.com"}}]}]}]}""");
        await shared.VerifyAsync(other, "lcl_other_audit_0001");

        var report = await mock.GetEgressReportAsync();

        Assert.Equal(mock.Namespace, report.Namespace);
        Assert.Equal(2, report.Captures);
        Assert.Equal([EgressPromiseIds.NoPersonalData, EgressPromiseIds.LogsWarningOrAbove, EgressPromiseIds.LicenseKeyConfined], report.Failed.Select(p => p.Id));
        var evidence = Assert.Single(report.Promise(EgressPromiseIds.NoPersonalData).Evidence);
        Assert.Equal((CaptureKind.Logs, "o***@e***.com"), (evidence.Kind, evidence.Value));
        Assert.Equal(EgressVerdicts.Pass, report.Promise(EgressPromiseIds.DocumentedEndpoints).Verdict);
        Assert.Contains(report.Fields, f => f.Kind == CaptureKind.Verify && f.Path == "license" && f.Category == EgressFieldCategories.Field && f.Documented);
        Assert.Equal(13, report.Settings.MinLogSeverity);
        Assert.NotNull(report.Promise(EgressPromiseIds.LogsWarningOrAbove).Note);
        Assert.Equal(1, (await other.GetEgressReportAsync()).Captures);
    }

    [Fact]
    public async Task TheTextForms_AndABaselineComparison_GoThroughTheClient()
    {
        var mock = shared.NewNamespace();
        await shared.VerifyAsync(mock, "lcl_client_audit_0002");
        var baseline = await mock.GetEgressBaselineAsync();
        await shared.PostAsync(mock, "/v1/beacon/verify", """{"license": "lcl_client_audit_0002", "hostname": "node-7"}""");

        var comparison = await mock.CompareEgressAsync(baseline);
        var junit = XDocument.Parse(await mock.GetEgressReportTextAsync(EgressReportFormat.JUnit));
        var markdown = await mock.GetEgressReportTextAsync(EgressReportFormat.Markdown);

        Assert.False(comparison.Identical);
        Assert.Equal("hostname", Assert.Single(comparison.Fields.New).Path);
        Assert.Equal($"beacon-egress.{mock.Namespace}", (string)junit.Root!.Element("testsuite")!.Attribute("name")!);
        Assert.StartsWith($"# Egress audit of namespace `{mock.Namespace}`", markdown);
        var error = await Assert.ThrowsAsync<BeaconMockException>(() => mock.CompareEgressAsync(new EgressBaseline(null!, [])));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("endpoints", error.Errors.Keys);
    }
}
