using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Wire = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// The memory one OTLP export can make the mock take: the worst shapes a body the defaults allow can have
/// (<c>Beacon:MaxBodyBytes</c>, 16 MiB once decompressed), each posted to a mock started afresh for it (the build in
/// the directory given, on the port given, its default configuration but a quiet log), then read back once as a
/// capture, as a test would. Measured: the process's peak resident memory (VmHWM) over its resident memory once
/// started (VmRSS). Linux only.
/// </summary>
public static class DecodeBound
{
    private const int MaxBody = 16 * 1024 * 1024;
    private const string HexTrace = "5b8efff798038103d269b633813fc60c";
    private const string HexSpan = "eee19b7ec3c1b174";
    private const int MaxPolls = 3000;

    private sealed record Shape(string Name, string ContentType, Func<byte[]> Body, bool Gzip = false);

    private static readonly Shape[] Shapes =
    [
        new("8.4M empty spans, gzip (items past the cap)", Protobuf, () => EmptySpans(MaxBody / 2 - 16), Gzip: true),
        new("100,000 spans (the cap), ids and a 128-byte name each", Protobuf, () => Traces(NamedSpans(100_000, 128))),
        new("100,000 spans (the cap) as JSON, ids and a 64-byte name each", Json, () => JsonSpans(100_000, 64)),
        new("one span, 380,000 empty attributes", Protobuf, () => Traces(Attributes(380_000))),
        new("one span, an array of 380,000 empty values", Protobuf, () => Traces(ArrayValue(380_000))),
        new("one span, an array of 3.2M empty values (past the store's cap)", Protobuf, () => Traces(ArrayValue(3_200_000))),
        new("one span, an attribute holding a 16 MiB string", Protobuf, () => Traces(BigString(MaxBody - 1024))),
        new("one span, an attribute holding a 16 MiB string, JSON", Json, () => JsonBigString(MaxBody - 1024)),
        new("a histogram of 1M bucket counts and bounds", Protobuf, () => Histogram(1_000_000).ToByteArray()),
        new("a histogram of 1.5M bucket counts and bounds, JSON", Json, () => JsonHistogram(1_500_000)),
    ];

    private const string Protobuf = "application/x-protobuf";
    private const string Json = "application/json";

    public static async Task<int> RunAsync(string mockDirectory, int port)
    {
        var server = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        Console.WriteLine($"{"shape",-64} {"sent B",10} {"decoded B",10} {"status",6} {"ms",6} {"RSS idle",10} {"peak rise",10} {"capture B",10}");
        var worst = 0L;
        foreach (var shape in Shapes)
        {
            var decoded = shape.Body();
            var sent = shape.Gzip ? Compress(decoded) : decoded;
            using var mock = await StartAsync(mockDirectory, port, http);
            var idle = Status(mock.Id, "VmRSS");

            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var content = new ByteArrayContent(sent) { Headers = { ContentType = MediaTypeHeaderValue.Parse(shape.ContentType) } };
            if (shape.Gzip)
                content.Headers.ContentEncoding.Add("gzip");
            using var response = await http.PostAsync(Signal(shape), content);
            await response.Content.LoadIntoBufferAsync();
            // Reading the capture back writes its payload as JSON: part of what one export can cost.
            (await http.GetAsync("/mock/captures?order=desc&limit=1")).EnsureSuccessStatusCode();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            var rise = Status(mock.Id, "VmHWM") - idle;
            worst = Math.Max(worst, rise);
            var stored = (await http.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("store").GetProperty("bytes").GetInt64();
            mock.Kill();
            await mock.WaitForExitAsync();

            Console.WriteLine($"{shape.Name,-64} {sent.Length,10} {decoded.Length,10} {(int)response.StatusCode,6} {elapsed,6:0} "
                + $"{Mib(idle),10} {Mib(rise),10} {stored,10}");
            if ((int)response.StatusCode >= 500)
                throw new InvalidOperationException($"{shape.Name}: the mock answered {(int)response.StatusCode}.");
        }
        Console.WriteLine($"worst peak rise over the resident memory at start: {Mib(worst)}");
        return 0;
    }

    private static string Signal(Shape shape) =>
        shape.Name.Contains("histogram", StringComparison.Ordinal) ? "/v1/beacon/v1/metrics" : "/v1/beacon/v1/traces";

    /// <summary>Starts the mock built in <paramref name="directory"/> on <paramref name="port"/>, with a quiet log and any <paramref name="environment"/> added, once it answers /healthz.</summary>
    internal static async Task<Process> StartAsync(string directory, int port, HttpClient http, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", "Beacon.MockServer.dll")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Serilog__MinimumLevel__Default"] = "Warning",
            },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var mock = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        mock.OutputDataReceived += (_, _) => { };
        mock.ErrorDataReceived += (_, _) => { };
        mock.BeginOutputReadLine();
        mock.BeginErrorReadLine();
        for (var polls = 0; polls < MaxPolls; polls++)
        {
            if (mock.HasExited)
                throw new InvalidOperationException($"The mock exited at start ({mock.ExitCode}).");
            try
            {
                using var health = await http.GetAsync("/healthz");
                if (health.IsSuccessStatusCode)
                    return mock;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(10);
            }
        }
        mock.Kill();
        throw new InvalidOperationException($"The mock did not answer /healthz within {MaxPolls} polls.");
    }

    internal static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):0.0} MiB";

    /// <summary>A figure of /proc/PID/status, in bytes.</summary>
    internal static long Status(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static byte[] Compress(byte[] body)
    {
        using var packed = new MemoryStream();
        using (var zip = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
            zip.Write(body);
        return packed.ToArray();
    }

    private static byte[] Traces(Wire.ScopeSpans scope) =>
        new Wire.ExportTraceServiceRequest { ResourceSpans = { new Wire.ResourceSpans { ScopeSpans = { scope } } } }.ToByteArray();

    /// <summary>An ExportTraceServiceRequest of <paramref name="count"/> empty spans, two bytes each, written by hand.</summary>
    private static byte[] EmptySpans(int count)
    {
        var spans = new byte[2 * count];
        for (var i = 0; i < spans.Length; i += 2)
            spans[i] = 0x12; // ScopeSpans.spans (field 2), length 0
        using var output = new MemoryStream();
        var writer = new CodedOutputStream(output);
        writer.WriteTag(1, WireFormat.WireType.LengthDelimited); // ExportTraceServiceRequest.resource_spans
        writer.WriteLength(CodedOutputStream.ComputeLengthSize(spans.Length) + 1 + spans.Length);
        writer.WriteTag(2, WireFormat.WireType.LengthDelimited); // ResourceSpans.scope_spans
        writer.WriteLength(spans.Length);
        writer.Flush();
        output.Write(spans);
        return output.ToArray();
    }

    private static Wire.Span Span(string name = "s") => new()
    {
        TraceId = ByteString.CopyFrom(Convert.FromHexString(HexTrace)),
        SpanId = ByteString.CopyFrom(Convert.FromHexString(HexSpan)),
        Name = name,
    };

    private static Wire.ScopeSpans NamedSpans(int count, int nameLength)
    {
        var scope = new Wire.ScopeSpans();
        scope.Spans.Add(Enumerable.Range(0, count).Select(i => Span(i.ToString("D8", CultureInfo.InvariantCulture).PadRight(nameLength, 'n'))));
        return scope;
    }

    private static Wire.ScopeSpans Attributes(int count)
    {
        var span = Span();
        span.Attributes.Add(Enumerable.Range(0, count).Select(_ => new Wire.KeyValue { Key = "k" }));
        return new Wire.ScopeSpans { Spans = { span } };
    }

    private static Wire.ScopeSpans ArrayValue(int count)
    {
        var array = new Wire.ArrayValue();
        array.Values.Add(Enumerable.Range(0, count).Select(_ => new Wire.AnyValue()));
        var span = Span();
        span.Attributes.Add(new Wire.KeyValue { Key = "k", Value = new Wire.AnyValue { ArrayValue = array } });
        return new Wire.ScopeSpans { Spans = { span } };
    }

    private static Wire.ScopeSpans BigString(int length)
    {
        var span = Span();
        span.Attributes.Add(new Wire.KeyValue { Key = "k", Value = new Wire.AnyValue { StringValue = new string('x', length) } });
        return new Wire.ScopeSpans { Spans = { span } };
    }

    private static Wire.ExportMetricsServiceRequest Histogram(int buckets)
    {
        var point = new Wire.HistogramDataPoint { Count = (ulong)buckets };
        point.BucketCounts.Add(Enumerable.Repeat(1UL, buckets));
        point.ExplicitBounds.Add(Enumerable.Range(0, buckets - 1).Select(i => (double)i));
        var metric = new Wire.Metric { Name = "h", Histogram = new Wire.Histogram { AggregationTemporality = 1, DataPoints = { point } } };
        return new Wire.ExportMetricsServiceRequest { ResourceMetrics = { new Wire.ResourceMetrics { ScopeMetrics = { new Wire.ScopeMetrics { Metrics = { metric } } } } } };
    }

    private static byte[] JsonSpans(int count, int nameLength)
    {
        var json = new StringBuilder("""{"resourceSpans":[{"scopeSpans":[{"spans":[""");
        for (var i = 0; i < count; i++)
            json.Append(i == 0 ? "" : ",").Append($$"""{"traceId":"{{HexTrace}}","spanId":"{{HexSpan}}","name":"{{new string('n', nameLength)}}"}""");
        return Encoding.UTF8.GetBytes(json.Append("]}]}]}").ToString());
    }

    private static byte[] JsonBigString(int length) => Encoding.UTF8.GetBytes(
        $$"""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"{{HexTrace}}","spanId":"{{HexSpan}}","name":"s","attributes":[{"key":"k","value":{"stringValue":"{{new string('x', length)}}"""
        + "\"}}]}]}]}]}");

    private static byte[] JsonHistogram(int buckets)
    {
        var json = new StringBuilder($$"""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"h","histogram":{"aggregationTemporality":1,"dataPoints":[{"count":"{{buckets}}","bucketCounts":[""");
        json.AppendJoin(',', Enumerable.Repeat("1", buckets));
        json.Append("""],"explicitBounds":[""").AppendJoin(',', Enumerable.Range(0, buckets - 1)).Append("]}]}}]}]}]}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }
}
