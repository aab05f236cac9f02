using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Store;
using Beacon.MockServer.Tests.Infrastructure;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using static Beacon.MockServer.Tests.Infrastructure.Otlp;
using Recorder = Beacon.MockServer.Tests.Store.PayloadWalkTests.Recorder;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>
/// An export walked from its model says what its OTLP JSON says, in the same paths and order: every value it hands over
/// is one the JSON has, and every string of the JSON is handed over but those that only say when or how many.
/// </summary>
public sealed class OtlpPayloadWalkTests : HostedTest
{
    public static TheoryData<string, string> Samples => new()
    {
        { Traces, "otlp-traces-request" },
        { Metrics, "otlp-metrics-request" },
        { Logs, "otlp-logs-request" },
    };

    public static TheoryData<string> Messages => [Traces, Metrics, Logs];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task TheDocumentedSample_WalkedFromItsModel_SaysWhatItsJsonSays(string path, string sample) =>
        AssertWalksAgree(await SampleAsync(Client, App.Services, path, sample));

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task AnExportOfEveryShape_WalkedFromItsModel_SaysWhatItsJsonSays(string path) =>
        AssertWalksAgree(await EveryShapeAsync(Client, App.Services, path));

    /// <summary>The documented sample of a signal, posted as JSON, as the store keeps its payload.</summary>
    internal static async Task<OtlpPayload> SampleAsync(HttpClient client, IServiceProvider services, string path, string sample)
    {
        await client.PostOtlpJsonAsync(path, Wire.Sample(sample));
        return LastPayload(services);
    }

    /// <summary>An export of every shape a signal has, posted as protobuf, as the store keeps its payload.</summary>
    internal static async Task<OtlpPayload> EveryShapeAsync(HttpClient client, IServiceProvider services, string path)
    {
        IMessage message = path switch
        {
            Traces => OtlpMessages.Traces(),
            Metrics => OtlpMessages.Metrics(),
            _ => OtlpMessages.Logs(),
        };
        await client.PostProtobufAsync(path, message);
        return LastPayload(services);
    }

    private static OtlpPayload LastPayload(IServiceProvider services)
    {
        var store = services.GetRequiredService<CaptureStore>();
        return Assert.IsType<OtlpPayload>(store.Find(store.Stats.LastSequence)!.Payload);
    }

    private static void AssertWalksAgree(CapturePayload payload)
    {
        var model = new Recorder();
        payload.Visit(model);
        var json = new Recorder();
        JsonPayloadWalk.Walk(payload.ToUtf8().Span, json);

        // In the same order: the model's values are the JSON's, some left out.
        var next = 0;
        foreach (var value in model.Seen)
        {
            while (next < json.Seen.Count && json.Seen[next] != value)
                next++;
            Assert.True(next < json.Seen.Count, $"the model walk handed over {value}, which the JSON has not (or not in that order)");
            next++;
        }
        var left = json.Seen.Where(v => v.Type == PayloadValueType.String && !SaysWhenOrHowMany(v.Field)).Except(model.Seen).ToList();
        Assert.True(left.Count == 0, "strings of the JSON the model walk left out: " + string.Join(", ", left));
        Assert.Contains(model.Seen, v => v.Type == PayloadValueType.String);
    }

    private static bool SaysWhenOrHowMany(string field) =>
        field.EndsWith("timeUnixNano", StringComparison.OrdinalIgnoreCase) || field.EndsWith("asInt", StringComparison.Ordinal)
        || field.EndsWith("count", StringComparison.Ordinal) || field.EndsWith("Count", StringComparison.Ordinal) || field.EndsWith("bucketCounts[]", StringComparison.Ordinal);
}
