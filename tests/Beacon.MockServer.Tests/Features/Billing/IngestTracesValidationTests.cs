using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Billing;

/// <summary>
/// <c>POST /v1/beacon/ingest-traces</c> refuses a batch that is wrong in any one field, naming the field.
/// Each case is the documented sample with exactly one thing changed.
/// </summary>
public sealed class IngestTracesValidationTests : HostedTest
{
    private const string Route = "/v1/beacon/ingest-traces";

    public static TheoryData<string> TransactionFields =>
    [
        "id", "tenant_id", "session_id", "trace_count", "start_insertion_time", "end_insertion_time",
        "start_interval_time", "end_interval_time", "status", "num_failed_send_attempts", "transaction_type", "organization_id",
    ];

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("42")]
    public async Task IngestTraces_MissingOrEmptyLicense_Returns400NamingLicense(string? license)
    {
        var body = Sample();
        body.AsObject().Set("license", license);

        await AssertRejectedAsync(await PostAsync(body), "license");
    }

    [Fact]
    public async Task IngestTraces_MissingTraceTransactions_Returns400NamingTheField()
    {
        var body = Sample();
        body.AsObject().Remove("trace_transactions");

        await AssertRejectedAsync(await PostAsync(body), "trace_transactions");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"af28dfea-5358-463d-a2dc-37df1da72498\"")]
    [InlineData("""{"id":"af28dfea-5358-463d-a2dc-37df1da72498"}""")]
    [InlineData("5")]
    [InlineData("true")]
    public async Task IngestTraces_TraceTransactionsNotAnArray_Returns400NamingTheField(string value)
    {
        var body = Sample();
        body.AsObject().Set("trace_transactions", value);

        await AssertRejectedAsync(await PostAsync(body), "trace_transactions");
    }

    [Fact]
    public async Task IngestTraces_EmptyTraceTransactions_Returns200WithInsertedCountZero()
    {
        var body = Sample();
        body["trace_transactions"] = new JsonArray();

        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"inserted_count":0}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task IngestTraces_NullTransaction_Returns400NamingTheElement()
    {
        var body = Sample();
        body["trace_transactions"]![0] = null;

        await AssertRejectedAsync(await PostAsync(body), "trace_transactions[0]");
    }

    [Theory]
    [MemberData(nameof(TransactionFields))]
    public async Task IngestTraces_TransactionFieldMissing_Returns400NamingTheField(string field)
    {
        var body = Sample();
        Transaction(body).Remove(field);

        await AssertRejectedAsync(await PostAsync(body), $"trace_transactions[0].{field}");
    }

    [Theory]
    [MemberData(nameof(TransactionFields))]
    public async Task IngestTraces_TransactionFieldNull_Returns400NamingTheField(string field)
    {
        var body = Sample();
        Transaction(body)[field] = null;

        await AssertRejectedAsync(await PostAsync(body), $"trace_transactions[0].{field}");
    }

    [Theory]
    [InlineData("id", "\"not-a-uuid\"")]
    [InlineData("id", "\"af28dfea-5358-463d-a2dc-37df1da7249\"")]
    [InlineData("id", "\"\"")]
    [InlineData("id", "42")]
    [InlineData("tenant_id", "\"not-a-uuid\"")]
    [InlineData("tenant_id", "\"3a1c2b6f-4430-4b92-8a5b-79b8b567bbcz\"")]
    [InlineData("tenant_id", "\"\"")]
    [InlineData("session_id", "\"not-a-uuid\"")]
    [InlineData("session_id", "\"b26ae531cdb3\"")]
    [InlineData("session_id", "\"\"")]
    [InlineData("organization_id", "\"not-a-uuid\"")]
    [InlineData("organization_id", "\"c5b5f53a-4716-4326-8967\"")]
    [InlineData("organization_id", "\"\"")]
    [InlineData("organization_id", "{}")]
    public async Task IngestTraces_IdNotAUuid_Returns400NamingTheField(string field, string value)
    {
        var body = Sample();
        Transaction(body).Set(field, value);

        await AssertRejectedAsync(await PostAsync(body), $"trace_transactions[0].{field}");
    }

    [Theory]
    [InlineData("trace_count", "-1")]
    [InlineData("trace_count", "5.5")]
    [InlineData("trace_count", "\"5\"")]
    [InlineData("trace_count", "9223372036854775808")]
    [InlineData("trace_count", "true")]
    [InlineData("num_failed_send_attempts", "-1")]
    [InlineData("num_failed_send_attempts", "5.5")]
    [InlineData("num_failed_send_attempts", "\"5\"")]
    [InlineData("num_failed_send_attempts", "9223372036854775808")]
    [InlineData("num_failed_send_attempts", "[0]")]
    public async Task IngestTraces_CountNotANonNegativeInteger_Returns400NamingTheField(string field, string value)
    {
        var body = Sample();
        Transaction(body).Set(field, value);

        await AssertRejectedAsync(await PostAsync(body), $"trace_transactions[0].{field}");
    }

    [Theory]
    [InlineData("trace_count", "0")]
    [InlineData("trace_count", "9223372036854775807")]
    [InlineData("num_failed_send_attempts", "3")]
    public async Task IngestTraces_CountAtItsLimits_IsAccepted(string field, string value)
    {
        var body = Sample();
        Transaction(body).Set(field, value);

        await AssertInsertedOneAsync(await PostAsync(body));
    }

    [Theory]
    [InlineData("start_insertion_time", "\"yesterday\"")]
    [InlineData("start_insertion_time", "\"2025-01-06T10:00:00\"")]
    [InlineData("start_insertion_time", "\"2025-01-06\"")]
    [InlineData("start_insertion_time", "\"\"")]
    [InlineData("start_insertion_time", "1736157600")]
    [InlineData("end_insertion_time", "\"not a time\"")]
    [InlineData("end_insertion_time", "\"2025-01-06T11:00:00\"")]
    [InlineData("end_insertion_time", "\"06/01/2025 11:00:00 +00:00\"")]
    [InlineData("end_insertion_time", "\"2025-01-06T25:00:00Z\"")]
    [InlineData("start_interval_time", "\"2025-01-06T09:00:00\"")]
    [InlineData("start_interval_time", "\"2025-13-06T09:00:00Z\"")]
    [InlineData("start_interval_time", "\"Mon, 06 Jan 2025 09:00:00 GMT\"")]
    [InlineData("end_interval_time", "\"2025-01-06T10:00:00\"")]
    [InlineData("end_interval_time", "\"2025-01-06T10:00Z\"")]
    [InlineData("end_interval_time", "\"2025-01-06T10:00:00 UTC\"")]
    public async Task IngestTraces_TimeNotIso8601WithOffset_Returns400NamingTheField(string field, string value)
    {
        var body = Sample();
        Transaction(body).Set(field, value);

        await AssertRejectedAsync(await PostAsync(body), $"trace_transactions[0].{field}");
    }

    [Theory]
    [InlineData("start_insertion_time", "2025-01-06T10:00:00+00:00")]
    [InlineData("end_insertion_time", "2025-01-06T11:00:00+00:00")]
    [InlineData("start_interval_time", "2025-01-06T09:00:00+00:00")]
    [InlineData("end_interval_time", "2025-01-06T10:00:00+00:00")]
    [InlineData("start_insertion_time", "2025-01-06T10:00:00.123456Z")]
    [InlineData("end_insertion_time", "2025-01-06T11:00:00.5Z")]
    [InlineData("start_interval_time", "2025-01-06T09:00:00.123456789Z")]
    [InlineData("end_interval_time", "2025-01-06T10:00:00.123456+00:00")]
    [InlineData("start_insertion_time", "2025-01-06T11:00:00+01:00")]
    [InlineData("end_interval_time", "2025-01-06T05:00:00-05:00")]
    public async Task IngestTraces_TimeWithOffsetOrFraction_IsAccepted(string field, string value)
    {
        var body = Sample();
        Transaction(body)[field] = value;

        await AssertInsertedOneAsync(await PostAsync(body));
    }

    [Theory]
    [InlineData("insertion", "2025-01-06T11:00:01Z", "2025-01-06T11:00:00Z")]
    [InlineData("insertion", "2025-01-06T10:30:00-01:00", "2025-01-06T11:00:00Z")]
    [InlineData("interval", "2025-01-06T10:00:00.001Z", "2025-01-06T10:00:00Z")]
    [InlineData("interval", "2025-01-06T09:30:00-01:00", "2025-01-06T10:00:00Z")]
    public async Task IngestTraces_StartAfterEnd_Returns400NamingTheStart(string span, string start, string end)
    {
        // "09:30-01:00" is 10:30Z: after the end at 10:00Z as an instant, though not as text.
        var body = Sample();
        Transaction(body)[$"start_{span}_time"] = start;
        Transaction(body)[$"end_{span}_time"] = end;

        await AssertRejectedAsync(await PostAsync(body), $"trace_transactions[0].start_{span}_time");
    }

    [Theory]
    [InlineData("insertion", "2025-01-06T11:00:00Z", "2025-01-06T11:00:00Z")]
    [InlineData("insertion", "2025-01-06T12:00:00+01:00", "2025-01-06T11:00:00Z")]
    [InlineData("interval", "2025-01-06T10:00:00Z", "2025-01-06T10:00:00Z")]
    [InlineData("interval", "2025-01-06T10:30:00+01:00", "2025-01-06T10:00:00Z")]
    public async Task IngestTraces_StartAtOrBeforeEndAsAnInstant_IsAccepted(string span, string start, string end)
    {
        // "10:30+01:00" is 09:30Z: before the end at 10:00Z as an instant, though not as text.
        var body = Sample();
        Transaction(body)[$"start_{span}_time"] = start;
        Transaction(body)[$"end_{span}_time"] = end;

        await AssertInsertedOneAsync(await PostAsync(body));
    }

    [Theory]
    [InlineData("status", "\"\"")]
    [InlineData("status", "\"  \"")]
    [InlineData("status", "7")]
    [InlineData("transaction_type", "\"\"")]
    [InlineData("transaction_type", "\"  \"")]
    [InlineData("transaction_type", "false")]
    public async Task IngestTraces_EmptyStatusOrTransactionType_Returns400NamingTheField(string field, string value)
    {
        var body = Sample();
        Transaction(body).Set(field, value);

        await AssertRejectedAsync(await PostAsync(body), $"trace_transactions[0].{field}");
    }

    [Fact]
    public async Task IngestTraces_InvalidSecondTransaction_NamesItsIndex()
    {
        var body = Sample();
        var second = Transaction(body).DeepClone().AsObject();
        second["id"] = "0b5d6f0e-8c1a-4e57-9a0f-6a0d8d2b1c3e";
        second["trace_count"] = -3;
        body["trace_transactions"]!.AsArray().Add(second);

        await AssertRejectedAsync(await PostAsync(body), "trace_transactions[1].trace_count");
    }

    [Fact]
    public async Task IngestTraces_UnknownPropertyInTransaction_IsAcceptedAndReportedAsFinding()
    {
        var body = Sample();
        Transaction(body)["extra"] = "value";

        await AssertInsertedOneAsync(await PostAsync(body));
        var capture = await Client.LastCaptureAsync();
        var finding = Assert.Single(capture.OfTheRoute());
        Assert.Equal("trace_transactions[0].extra", finding.GetProperty("path").GetString());
        Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task IngestTraces_UnknownTopLevelProperty_IsAcceptedAndReportedAsFinding()
    {
        var body = Sample();
        body["batch_id"] = 17;

        await AssertInsertedOneAsync(await PostAsync(body));
        var capture = await Client.LastCaptureAsync();
        var finding = Assert.Single(capture.OfTheRoute());
        Assert.Equal("batch_id", finding.GetProperty("path").GetString());
    }

    [Fact]
    public async Task IngestTraces_DocumentedSample_HasNoFindings()
    {
        await AssertInsertedOneAsync(await PostAsync(Sample()));

        var capture = await Client.LastCaptureAsync();
        Assert.Empty(capture.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public async Task IngestTraces_RejectedBatch_InsertsNothing()
    {
        var body = Sample();
        Transaction(body)["trace_count"] = -1;
        await AssertRejectedAsync(await PostAsync(body), "trace_transactions[0].trace_count");

        // The same id, now valid, is new: the refused batch left nothing in the ledger.
        await AssertInsertedOneAsync(await PostAsync(Sample()));
    }

    private static JsonNode Sample() => Validation.SampleObject("ingest-traces-request");

    private static JsonObject Transaction(JsonNode body) => body["trace_transactions"]![0]!.AsObject();

    private Task<HttpResponseMessage> PostAsync(JsonNode body) => Client.PostJsonAsync(Route, body.ToJsonString());

    /// <summary>Refused naming exactly <paramref name="field"/>, and nothing was ingested.</summary>
    private async Task AssertRejectedAsync(HttpResponseMessage response, string field)
    {
        var (_, capture) = await Client.AssertRejectedAsync(response, field);
        Assert.True(!capture.TryGetProperty("details", out var details) || details.ValueKind == JsonValueKind.Null);
    }

    private static async Task AssertInsertedOneAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"inserted_count":1}""", await response.Content.ReadAsStringAsync());
    }
}
