using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Beacon.MockServer.Tests.Infrastructure;
using Beacon.MockServer.Tests.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Proto = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Tests.Pipeline;

/// <summary>
/// Under a heap cap, many large bodies at once can leave the process unable to hold one more. That body is answered
/// 503 in its route's shape, and captured with why, rather than failing the request with a 500 and leaving no trace.
/// </summary>
public sealed class OutOfMemoryTests : IDisposable
{
    private readonly BeaconApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("application/x-protobuf")]
    [InlineData("application/json")]
    public async Task ABodyTheProcessCannotHold_Is503AsAStatusInTheRequestsEncoding_AndIsCaptured(string contentType)
    {
        var context = Request(contentType, new RunsOutOfMemory(new OtlpWireFormat(OtlpSignal.Traces)));

        await Pipeline().InvokeAsync(context);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter);
        Assert.StartsWith(contentType, context.Response.ContentType, StringComparison.Ordinal);
        var status = contentType == "application/json"
            ? Proto.Status.Parser.WithDiscardUnknownFields(true).ParseJson(System.Text.Encoding.UTF8.GetString(Answer(context)))
            : Proto.Status.Parser.ParseFrom(Answer(context));
        Assert.Equal(14, status.Code); // UNAVAILABLE: the exporter retries it.
        Assert.Contains("could not hold this body in memory", status.Message, StringComparison.Ordinal);

        var capture = Assert.Single(Store().Query(new CaptureFilter(), 10).Items);
        Assert.Equal(("traces", 503), (capture.Kind, capture.Status));
        Assert.Equal(4, capture.BodyBytes);
        Assert.Null(capture.Payload);
        var finding = Assert.Single(capture.Findings);
        Assert.Equal("the body was not kept: the mock ran out of memory reading it", finding.Message);
        Assert.Equal(503, capture.Response!.Status);
    }

    [Fact]
    public async Task OnABeaconJsonRoute_TheAnswerIsAProblem_AndWhatWasCapturedBeforeIsKept()
    {
        var before = Store().Append(CaptureStores.Capture("verify"));
        var context = Request("application/json", new RunsOutOfMemory(new OtlpWireFormat(OtlpSignal.Logs), problem: true));

        await Pipeline().InvokeAsync(context);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Contains("\"title\":\"Out of memory.\"", System.Text.Encoding.UTF8.GetString(Answer(context)), StringComparison.Ordinal);
        Assert.Equal([before.Sequence, before.Sequence + 1], Store().Query(new CaptureFilter(), 10).Items.Select(c => c.Sequence));
    }

    [Fact]
    public async Task AnObserverThatRunsOutOfMemory_LeavesTheBodyUnread_AndTheRequestIsAnsweredAndCaptured()
    {
        var context = Request("application/x-protobuf", new OtlpWireFormat(OtlpSignal.Traces));
        context.Request.Body = new MemoryStream([]);
        context.Request.ContentLength = 0;
        var pipeline = ActivatorUtilities.CreateInstance<WirePipeline>(_app.Services,
            (RequestDelegate)(c => { c.Response.StatusCode = 200; return Task.CompletedTask; }), new ICaptureObserver[] { new RunsOutOfMemoryObserving() });

        await pipeline.InvokeAsync(context);

        Assert.Equal(200, context.Response.StatusCode);
        var capture = Assert.Single(Store().Query(new CaptureFilter(), 10).Items);
        Assert.Equal(200, capture.Status);
        Assert.Contains(capture.Findings, f => f.Message == "an observer of wire requests could not read this body: the mock ran out of memory");
    }

    private sealed class RunsOutOfMemoryObserving : ICaptureObserver
    {
        public IReadOnlyList<Finding> Received(Capture capture) => throw new OutOfMemoryException();
    }

    private WirePipeline Pipeline() => ActivatorUtilities.CreateInstance<WirePipeline>(_app.Services, (RequestDelegate)(_ => throw new InvalidOperationException("the route must not run")));

    private CaptureStore Store() => _app.Services.GetRequiredService<CaptureStore>();

    private DefaultHttpContext Request(string contentType, IWireFormat format)
    {
        var context = new DefaultHttpContext { RequestServices = _app.Services };
        context.Request.Method = "POST";
        context.Request.Path = "/v1/beacon/v1/traces";
        context.Request.ContentType = contentType;
        context.Request.ContentLength = 4;
        context.Request.Body = new MemoryStream([1, 2, 3, 4]);
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(
            new WireRoute(new WireKind("traces", "OTLP traces"), format, WireCredential.RecordedOnly)), "test"));
        return context;
    }

    private static byte[] Answer(HttpContext context) => ((MemoryStream)context.Response.Body).ToArray();

    /// <summary>A route's format whose reading runs out of memory, as it can under a heap cap; it refuses as the real one does.</summary>
    private sealed class RunsOutOfMemory(IWireFormat real, bool problem = false) : IWireFormat
    {
        public WireBody Read(HttpContext context, byte[] body) => throw new OutOfMemoryException();

        public IResult Refuse(HttpContext context, BodyFailure failure) => problem ? failure.ToJsonAnswer() : real.Refuse(context, failure);
    }
}
