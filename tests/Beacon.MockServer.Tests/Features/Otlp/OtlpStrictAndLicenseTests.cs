using System.Net;
using Beacon.MockServer.Tests.Infrastructure;
using Google.Protobuf;
using Proto = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>
/// Beacon:Otlp:Strict turns the findings on invalid items into rejections, reported through
/// partial_success rather than by failing the request; and the license policy applies to OTLP as to
/// every other wire route, answered with a google.rpc.Status.
/// </summary>
public sealed class OtlpStrictAndLicenseTests
{
    private static BeaconApplication Strict() => new(new Dictionary<string, string?> { ["Beacon:Otlp:Strict"] = "true" });

    [Fact]
    public async Task Strict_DocumentedTracesSample_RejectsTheSpansWithInvalidIds_ThroughPartialSuccess()
    {
        using var app = Strict();
        var client = app.CreateBeaconClient();

        var response = await client.PostJsonAsync(Infrastructure.Otlp.Traces, Wire.Sample("otlp-traces-request"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonParser.Default.Parse<Proto.ExportTraceServiceResponse>(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, answer.PartialSuccess.RejectedSpans);
        Assert.StartsWith("2 spans rejected: resourceSpans[0].scopeSpans[0].spans[0].spanId: '3c191d03fa8be0' is not a 16-character hex id", answer.PartialSuccess.ErrorMessage);
        Assert.Contains("spans[1].spanId: '0932ksdka12345'", answer.PartialSuccess.ErrorMessage);
        Assert.Empty(await client.ViewAsync("spans"));
        var capture = await client.LastCaptureAsync();
        Assert.Equal(2, capture.GetProperty("details").GetProperty("rejected").GetInt32());
        Assert.All(capture.GetProperty("findings").EnumerateArray(), f => Assert.EndsWith("rejected (Beacon:Otlp:Strict)", f.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Strict_Protobuf_KeepsTheValidItems_AndAnswersPartialSuccessInProtobuf()
    {
        using var app = Strict();
        var client = app.CreateBeaconClient();
        var logs = OtlpMessages.Logs();
        var records = logs.ResourceLogs[0].ScopeLogs[0].LogRecords;
        records.Add(new Proto.LogRecord { SeverityNumber = 99, Body = new Proto.AnyValue { StringValue = "out of range" } });
        records.Add(new Proto.LogRecord { SpanId = ByteString.CopyFrom(1, 2, 3), Body = new Proto.AnyValue { StringValue = "short id" } });

        var response = await client.PostProtobufAsync(Infrastructure.Otlp.Logs, logs);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Infrastructure.Otlp.Protobuf, response.Content.Headers.ContentType?.MediaType);
        var answer = Proto.ExportLogsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, answer.PartialSuccess.RejectedLogRecords);
        Assert.Contains("logRecords[2].severityNumber: is 99", answer.PartialSuccess.ErrorMessage);
        Assert.Contains("logRecords[3].spanId: '010203' is not a 16-character hex id", answer.PartialSuccess.ErrorMessage);
        Assert.Equal(2, (await client.ViewAsync("logs")).Length);
    }

    [Fact]
    public async Task Strict_MetricPointsWithoutAValueOrWithBucketsThatDoNotFit_AreRejected()
    {
        using var app = Strict();
        var client = app.CreateBeaconClient();
        var metrics = OtlpMessages.Metrics();
        var scope = metrics.ResourceMetrics[0].ScopeMetrics[0];
        scope.Metrics[0].Gauge.DataPoints.Add(new Proto.NumberDataPoint { TimeUnixNano = 1 });
        scope.Metrics[2].Histogram.DataPoints.Add(new Proto.HistogramDataPoint { Count = 1, BucketCounts = { 1 }, ExplicitBounds = { 1, 2 } });

        var response = await client.PostProtobufAsync(Infrastructure.Otlp.Metrics, metrics);

        var answer = Proto.ExportMetricsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, answer.PartialSuccess.RejectedDataPoints);
        Assert.Contains("gauge.dataPoints[1]: has no value", answer.PartialSuccess.ErrorMessage);
        Assert.Contains("histogram.dataPoints[2].bucketCounts: has 1 buckets for 2 explicitBounds", answer.PartialSuccess.ErrorMessage);
        Assert.Equal(6, (await client.ViewAsync("metrics")).Length);
    }

    [Fact]
    public async Task Lenient_TheSameInvalidItems_AreKept_WithFindings_AndNoPartialSuccess()
    {
        using var app = new BeaconApplication();
        var client = app.CreateBeaconClient();
        var logs = OtlpMessages.Logs();
        logs.ResourceLogs[0].ScopeLogs[0].LogRecords.Add(new Proto.LogRecord { SeverityNumber = 99 });

        var response = await client.PostProtobufAsync(Infrastructure.Otlp.Logs, logs);

        var answer = Proto.ExportLogsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(answer.PartialSuccess);
        Assert.Equal(3, (await client.ViewAsync("logs")).Length);
        var finding = (await client.LastCaptureAsync()).OfTheRoute().Single();
        Assert.Equal("resourceLogs[0].scopeLogs[0].logRecords[2].severityNumber", finding.GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("revoked", Infrastructure.Otlp.Protobuf)]
    [InlineData("expired", Infrastructure.Otlp.Json)]
    public async Task RefusedLicenseHeader_Gets403Status_InTheRequestEncoding_AndIsNotInTheViews(string licenseStatus, string contentType)
    {
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:Licenses:0:Key"] = "lcl_refused",
            ["Beacon:Licenses:0:Status"] = licenseStatus,
        });
        var client = app.CreateBeaconClient();
        var message = OtlpMessages.Traces();
        var body = contentType == Infrastructure.Otlp.Json ? System.Text.Encoding.UTF8.GetBytes(Infrastructure.Otlp.ToOtlpJson(message)) : message.ToByteArray();
        var content = Infrastructure.Otlp.Content(body, contentType);
        content.Headers.Add("X-Langchain-License-Key", "lcl_refused");

        var response = await client.PostAsync(Infrastructure.Otlp.Traces, content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var status = await response.ReadStatusAsync(contentType);
        Assert.Equal(7, status.Code); // PERMISSION_DENIED
        Assert.Contains(licenseStatus == "revoked" ? "has been revoked" : "has expired", status.Message);
        var capture = await client.LastCaptureAsync();
        Assert.Equal("lcl_refused", capture.GetProperty("license").GetString());
        Assert.Equal(licenseStatus, capture.GetProperty("details").GetProperty("refusal").GetString());
        Assert.Empty(await client.ViewAsync("spans"));
    }

    [Fact]
    public async Task LicenseHeader_IsTheCapturesLicense_AndFiltersTheViews()
    {
        using var app = new BeaconApplication();
        var client = app.CreateBeaconClient();
        foreach (var license in new[] { "lcl_one", "lcl_two" })
        {
            var content = Infrastructure.Otlp.Content(OtlpMessages.Traces().ToByteArray(), Infrastructure.Otlp.Protobuf);
            content.Headers.Add("X-Langchain-License-Key", license);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(Infrastructure.Otlp.Traces, content)).StatusCode);
        }

        var spans = await client.ViewAsync("spans", "?license=lcl_two");

        Assert.Equal(2, spans.Length);
        Assert.All(spans, s => Assert.Equal(2, s.GetProperty("sequence").GetInt64()));
        Assert.Equal(["lcl_one", "lcl_two"], (await client.CapturesAsync("?kind=traces")).Select(c => c.GetProperty("license").GetString()!));
    }

    [Fact]
    public async Task RequireKnownLicense_WithoutAnyCredential_Gets401_ButADataPlaneTokenIsEnough()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:RequireKnownLicense"] = "true" });
        var client = app.CreateBeaconClient();

        var anonymous = await client.PostProtobufAsync(Infrastructure.Otlp.Metrics, OtlpMessages.Metrics());
        var withToken = Infrastructure.Otlp.Content(OtlpMessages.Metrics().ToByteArray(), Infrastructure.Otlp.Protobuf);
        withToken.Headers.Add("X-Data-Plane-Auth", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
        var tokened = await client.PostAsync(Infrastructure.Otlp.Metrics, withToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(16, (await anonymous.ReadStatusAsync(Infrastructure.Otlp.Protobuf)).Code); // UNAUTHENTICATED
        Assert.Equal(HttpStatusCode.OK, tokened.StatusCode);
    }
}
