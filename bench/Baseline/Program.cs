using System.Collections.Concurrent;

// The least a server can do for the mock's load: read the whole body, keep it, answer 200. The mock's
// throughput, latency, start-up and memory are read against this, on the same machine in the same run.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();
var received = new ConcurrentQueue<byte[]>();

app.MapGet("/healthz", () => TypedResults.Ok(new Health(received.Count)));
app.MapPost("/{**path}", async (HttpRequest request, CancellationToken cancellationToken) =>
{
    using var buffer = new MemoryStream((int)(request.ContentLength ?? 4096));
    await request.Body.CopyToAsync(buffer, cancellationToken);
    received.Enqueue(buffer.ToArray());
    return TypedResults.Ok(new Health(received.Count));
});

app.Run();

internal sealed record Health(int Received);
