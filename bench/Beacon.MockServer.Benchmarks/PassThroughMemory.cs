using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Wire = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// What pass-through holds in memory, against the mock built in the directory given (ports PORT to PORT+2). Linux only.
/// <list type="number">
/// <item><b>bodies</b>: 40 OTLP log exports (protobuf) of 15 MiB, 20 at a time, to a mock whose heap is capped at 768 MiB
/// (<c>DOTNET_GCHeapHardLimit</c>), then to one without a cap: each time once without pass-through, once passing them to
/// a second mock. Printed: the answers by status, the captures the store received, the peak resident memory (VmHWM)
/// over that at start, and the resident memory after.</item>
/// <item><b>answers</b>: 25 clients at once each read 64 MiB of an upstream answer that never ends, through a mock
/// without a heap cap. Printed: the peak resident memory over that at start, and the resident memory once they left.</item>
/// </list>
/// </summary>
public static class PassThroughMemory
{
    private const int Mib = 1024 * 1024;
    private const string HeapCap = "0x30000000";

    public static async Task<int> RunAsync(string directory, int port)
    {
        var body = LogsExport(records: 15, recordBytes: Mib);
        foreach (var capped in new[] { true, false })
        {
            Console.WriteLine($"bodies: 40 posts of {body.Length / (double)Mib:0.0} MiB, 20 at a time, {(capped ? "heap capped at 768 MiB" : "no heap cap")}");
            await BodiesAsync(directory, port, body, passThrough: false, capped);
            await BodiesAsync(directory, port, body, passThrough: true, capped);
        }
        Console.WriteLine("answers: 25 clients at once, each reading 64 MiB of an endless upstream answer");
        await EndlessAnswersAsync(directory, port);
        return 0;
    }

    private static async Task BodiesAsync(string directory, int port, byte[] body, bool passThrough, bool capped)
    {
        using var front = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        using var upstreamClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port + 1}") };
        using var upstream = passThrough ? await DecodeBound.StartAsync(directory, port + 1, upstreamClient) : null;
        var environment = new Dictionary<string, string>();
        if (capped)
            environment["DOTNET_GCHeapHardLimit"] = HeapCap;
        if (passThrough)
        {
            environment["Beacon__Upstream__Url"] = upstreamClient.BaseAddress!.ToString().TrimEnd('/');
            // Memory is measured here, not speed: an upstream slowed by the load (on two shared cores) must not time out.
            environment["Beacon__Upstream__TimeoutMs"] = "300000";
        }
        using var mock = await DecodeBound.StartAsync(directory, port, front, environment);
        try
        {
            await PostBodiesAsync(front, mock, body, passThrough ? "pass-through" : "mock alone");
        }
        finally
        {
            Stop(mock);
            if (upstream is not null)
                Stop(upstream);
        }
    }

    private static async Task PostBodiesAsync(HttpClient front, Process mock, byte[] body, string name)
    {
        var idle = DecodeBound.Status(mock.Id, "VmRSS");
        using var gate = new SemaphoreSlim(20);
        var clock = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                using var content = new ByteArrayContent(body) { Headers = { ContentType = new("application/x-protobuf") } };
                using var response = await front.PostAsync("/v1/beacon/v1/logs", content);
                return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException e)
            {
                return $"no answer ({e.Message})";
            }
            finally
            {
                gate.Release();
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var counts = string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} x {g.Key}"));
        if (mock.HasExited)
        {
            Console.WriteLine($"  {name,-13} answers: {counts}; the mock exited ({mock.ExitCode}); {elapsed:0.0} s");
        }
        else
        {
            var peak = DecodeBound.Status(mock.Id, "VmHWM") - idle;
            var after = DecodeBound.Status(mock.Id, "VmRSS");
            var received = (await front.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("store").GetProperty("received").GetInt64();
            Console.WriteLine($"  {name,-13} answers: {counts}; captured {received} of 40; "
                + $"peak RSS over start {DecodeBound.Mib(peak)} (start {DecodeBound.Mib(idle)}), RSS after {DecodeBound.Mib(after)}; {elapsed:0.0} s");
        }
    }

    private static async Task EndlessAnswersAsync(string directory, int port)
    {
        using var stop = new CancellationTokenSource();
        var listener = new TcpListener(IPAddress.Loopback, port + 2);
        listener.Start();
        var serving = ServeEndlessAsync(listener, stop.Token);
        using var front = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        using var mock = await DecodeBound.StartAsync(directory, port, front, new Dictionary<string, string> { ["Beacon__Upstream__Url"] = $"http://127.0.0.1:{port + 2}" });
        try
        {
            await ReadEndlessAnswersAsync(front, mock);
        }
        finally
        {
            Stop(mock);
            await stop.CancelAsync();
            listener.Stop();
            await serving;
        }
    }

    private static async Task ReadEndlessAnswersAsync(HttpClient front, Process mock)
    {
        var idle = DecodeBound.Status(mock.Id, "VmRSS");

        var clock = Stopwatch.StartNew();
        var read = await Task.WhenAll(Enumerable.Range(0, 25).Select(async _ =>
        {
            long total = 0;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/beacon/v1/logs") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
                using var response = await front.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var stream = await response.Content.ReadAsStreamAsync();
                var buffer = new byte[64 * 1024];
                int n;
                while (total < 64L * Mib && (n = await stream.ReadAsync(buffer)) > 0)
                    total += n;
                return (Read: total, Broken: false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                return (Read: total, Broken: true);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        if (mock.HasExited)
        {
            Console.WriteLine($"  the mock exited ({mock.ExitCode}); {elapsed:0.0} s");
            return;
        }
        var peak = DecodeBound.Status(mock.Id, "VmHWM") - idle;
        var after = DecodeBound.Status(mock.Id, "VmRSS");
        Console.WriteLine($"  read {read.Sum(r => r.Read) / (double)Mib:0} MiB in all ({read.Min(r => r.Read) / (double)Mib:0} to {read.Max(r => r.Read) / (double)Mib:0} MiB each, "
            + $"{read.Count(r => r.Broken)} cut off) in {elapsed:0.0} s; peak RSS over start {DecodeBound.Mib(peak)} (start {DecodeBound.Mib(idle)}); "
            + $"RSS once the clients left {DecodeBound.Mib(after)}");
    }

    /// <summary>An HTTP/1.1 upstream whose every answer is a chunked body that never ends: it writes until the mock hangs up.</summary>
    private static async Task ServeEndlessAsync(TcpListener listener, CancellationToken stop)
    {
        var chunk = Encoding.ASCII.GetBytes($"{64 * 1024:x}\r\n{new string('x', 64 * 1024)}\r\n");
        var answers = new List<Task>();
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(stop);
                answers.Add(Task.Run(async () =>
                {
                    await using var stream = new NetworkStream(socket, ownsSocket: true);
                    try
                    {
                        await ReadRequestAsync(stream, stop);
                        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray(), stop);
                        while (true)
                            await stream.WriteAsync(chunk, stop);
                    }
                    catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
                    {
                        // The mock hung up, or the run is over.
                    }
                }, CancellationToken.None));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            // Stopped.
        }
        await Task.WhenAll(answers);
    }

    /// <summary>Reads a request's head and its Content-Length's worth of body.</summary>
    private static async Task ReadRequestAsync(NetworkStream stream, CancellationToken stop)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 64 * 1024 && !(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, stop) == 0)
                throw new IOException("The request ended early.");
            head.Add(one[0]);
        }
        var length = Encoding.ASCII.GetString([.. head]).Split("\r\n")
            .Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, stop);
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
            process.Kill();
        process.WaitForExit();
    }

    /// <summary>
    /// An OTLP protobuf logs export of <paramref name="records"/> records, each with a body of <paramref name="recordBytes"/>
    /// bytes (a bytes value: decoded, it is held once, where JSON text would be held twice, as UTF-16).
    /// </summary>
    private static byte[] LogsExport(int records, int recordBytes)
    {
        var scope = new Wire.ScopeLogs();
        scope.LogRecords.Add(Enumerable.Range(0, records).Select(i => new Wire.LogRecord
        {
            SeverityNumber = 9,
            Body = new Wire.AnyValue { BytesValue = ByteString.CopyFrom(new byte[recordBytes]) },
        }));
        return new Wire.ExportLogsServiceRequest { ResourceLogs = { new Wire.ResourceLogs { ScopeLogs = { scope } } } }.ToByteArray();
    }
}
