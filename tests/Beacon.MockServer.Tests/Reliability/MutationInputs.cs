using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Beacon.MockServer.Tests.Features.Otlp;
using Beacon.MockServer.Tests.Infrastructure;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Proto = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Tests.Reliability;

/// <summary>
/// What the mutation tests start from and what they vary around a body: the valid exports in both
/// encodings, Content-Types, Content-Encodings, namespaces and keys a careless or hostile client might send.
/// </summary>
internal static class MutationInputs
{
    public static readonly string[] JsonContentTypes =
    [
        "text/plain", "application/json; charset=utf-8", "application/json; charset=latin1", "APPLICATION/JSON", "application/problem+json",
        "application/vnd.beacon+json; v=2", "application/x-protobuf", "application/json;;", "application/*", "*/*", "json", "",
        "application/json; charset=\"", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json, text/plain",
    ];

    public static readonly string[] OtlpContentTypes =
    [
        Otlp.Json, Otlp.Protobuf, "application/protobuf", "application/x-protobuf; charset=binary", "Application/X-Protobuf", "application/grpc",
        "application/x-protobuf, application/json", "application/json; charset=utf-8", "text/plain", "application/octet-stream", "", "protobuf",
    ];

    /// <summary>Namespaces: the first three valid (so their requests are captured), the rest refused before capture.</summary>
    public static readonly string[] Namespaces = ["t1", "T-2_x.y", new('n', 64), "", "a%20b", new('n', 65), "%C3%BC", "a%2Fb", "x!y", "%01"];

    public const int ValidNamespaces = 3;

    /// <summary>License keys and API keys: accepted, refused by configuration, empty, long, not ASCII.</summary>
    public static readonly string[] Keys = ["lcl_ok", "lsv2_pt_key", "lcl_revoked", "lcl_expired", "", "   ", new('k', 5000), "ключ", "a,b", "lcl_\u00ff"];

    /// <summary>
    /// What the mutation tests' mock is configured with: a small body limit, so oversized and inflating bodies
    /// are cheap; and a store large enough for every case, so the capture taken before the run is never evicted.
    /// </summary>
    public static Dictionary<string, string?> Settings(int cases, bool strictOtlp = false) => new()
    {
        ["Beacon:MaxBodyBytes"] = "65536",
        ["Beacon:Store:MaxCaptures"] = (cases + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Beacon:Store:MaxBytes"] = (1L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Beacon:Otlp:Strict"] = strictOtlp ? "true" : "false",
        ["Beacon:Licenses:0:Key"] = "lcl_revoked",
        ["Beacon:Licenses:0:Status"] = "revoked",
        ["Beacon:Licenses:1:Key"] = "lcl_expired",
        ["Beacon:Licenses:1:Status"] = "expired",
    };

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The path under a namespace now and then, and whether the request will be captured.</summary>
    public static (string Url, bool Captured) Namespaced(Mutator mutator, string path)
    {
        if (!mutator.Chance(10))
            return (path, true);
        var index = mutator.Random.Next(Namespaces.Length);
        return ($"/ns/{Namespaces[index]}{path}", index < ValidNamespaces);
    }

    /// <summary>Usually the route's own Content-Type, else one of <paramref name="others"/> or none.</summary>
    public static void ContentType(Mutator mutator, List<(string, string)> headers, string valid, string[] others)
    {
        if (mutator.Chance(75))
            headers.Add(("Content-Type", valid));
        else if (!mutator.Chance(20))
            headers.Add(("Content-Type", mutator.Pick(others)));
    }

    /// <summary>
    /// The body compressed, compressed and cut short, compressed twice, not compressed but said to be, or
    /// under a coding no one supports; the Content-Encoding header goes into <paramref name="headers"/>.
    /// </summary>
    public static byte[] Encode(Mutator mutator, byte[] body, List<(string, string)> headers)
    {
        var gzip = Otlp.Gzip(body);
        var (bytes, coding) = mutator.Random.Next(11) switch
        {
            0 => (gzip, "gzip"),
            1 => (gzip[..mutator.Random.Next(gzip.Length)], "gzip"),
            2 => (body, "gzip"),
            3 => (Compress(body, s => new ZLibStream(s, CompressionLevel.Fastest, leaveOpen: true)), "deflate"),
            4 => (Compress(body, s => new DeflateStream(s, CompressionLevel.Fastest, leaveOpen: true)), "deflate"),
            5 => (body, mutator.Pick((string[])["br", "compress", "gzip, identity", "zstd", "x-unknown", "gzip;q=1"])),
            6 => (Otlp.Gzip(gzip), "gzip"),
            7 => (gzip, mutator.Pick((string[])["GZIP", "x-gzip", " gzip ", "deflate"])),
            8 => (body, mutator.Pick((string[])["identity", ""])),
            9 => (mutator.Bytes(gzip, [body]), "gzip"),
            // Inflates past Beacon:MaxBodyBytes (64 KiB here) from a few hundred bytes.
            _ => (Otlp.Gzip([.. body, .. new byte[256 * 1024]]), "gzip"),
        };
        headers.Add(("Content-Encoding", coding));
        return bytes;
    }

    /// <summary>Now and then, the body padded past Beacon:MaxBodyBytes (64 KiB here).</summary>
    public static byte[] MaybeOversized(Mutator mutator, byte[] body) =>
        mutator.Chance(2) ? [.. body, .. Enumerable.Repeat((byte)' ', 70 * 1024)] : body;

    private static byte[] Compress(byte[] body, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
            stream.Write(body);
        return output.ToArray();
    }

    /// <summary>An OTLP signal's route, and its valid exports: the documented JSON sample and a full message, each as JSON and as protobuf.</summary>
    public sealed record OtlpExports(string Path, string View, string[] Json, byte[][] Protobuf);

    public static OtlpExports[] Exports() =>
    [
        Exports(Otlp.Traces, "spans", "otlp-traces-request", OtlpMessages.Traces()),
        Exports(Otlp.Metrics, "metrics", "otlp-metrics-request", OtlpMessages.Metrics()),
        Exports(Otlp.Logs, "logs", "otlp-logs-request", OtlpMessages.Logs()),
    ];

    private static OtlpExports Exports(string path, string view, string sample, IMessage message)
    {
        var documented = Wire.Sample(sample);
        return new OtlpExports(path, view, [documented, Otlp.ToOtlpJson(message)], [ProtobufOf(documented, message.Descriptor), message.ToByteArray()]);
    }

    /// <summary>
    /// A documented OTLP JSON sample as protobuf. Its ids are hex (base64 in proto3 JSON); the ones that are not
    /// hex (the traces sample has one) go over as their text's bytes, and fields in the wrong place are dropped.
    /// </summary>
    private static byte[] ProtobufOf(string otlpJson, MessageDescriptor descriptor)
    {
        var json = JsonNode.Parse(otlpJson)!;
        RewriteIds(json);
        var parser = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
        return parser.Parse(json.ToJsonString(), descriptor).ToByteArray();
    }

    private static void RewriteIds(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
                RewriteIds(item);
        }
        if (node is not JsonObject json)
            return;
        foreach (var (key, value) in json.ToList())
        {
            if (key is "traceId" or "spanId" or "parentSpanId" && value is JsonValue id)
            {
                var text = id.GetValue<string>();
                var bytes = text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit) ? Convert.FromHexString(text) : Utf8(text);
                json[key] = Convert.ToBase64String(bytes);
            }
            else
            {
                RewriteIds(value);
            }
        }
    }

    /// <summary>A logs export whose record body nests arrays <paramref name="depth"/> levels deep: valid protobuf, deeper than any JSON reader here goes.</summary>
    public static Proto.ExportLogsServiceRequest DeepLogs(int depth)
    {
        var value = new Proto.AnyValue { StringValue = "bottom" };
        for (var i = 0; i < depth; i++)
            value = new Proto.AnyValue { ArrayValue = new Proto.ArrayValue { Values = { value } } };
        return new Proto.ExportLogsServiceRequest
        {
            ResourceLogs = { new Proto.ResourceLogs { ScopeLogs = { new Proto.ScopeLogs { LogRecords = { new Proto.LogRecord { SeverityNumber = 9, Body = value } } } } } },
        };
    }

    /// <summary>
    /// A protobuf field added before or after a valid message: any field number and wire type (groups and the
    /// two that do not exist among them), a length that may lie, and the message itself as a field's bytes.
    /// </summary>
    public static byte[] WithField(Mutator mutator, byte[] message)
    {
        var random = mutator.Random;
        var field = new List<byte>();
        var number = mutator.Pick((uint[])[1, 2, 3, 4, 5, 15, 16, 1000, 536_870_911, 0, (uint)random.Next(1, 20)]);
        var wireType = (uint)random.Next(8);
        Varint(field, ((ulong)number << 3) | wireType);
        switch (wireType)
        {
            case 0:
                Varint(field, mutator.Pick((ulong[])[0, 1, 127, 128, int.MaxValue, uint.MaxValue, long.MaxValue, ulong.MaxValue, (ulong)random.NextInt64()]));
                break;
            case 1:
                field.AddRange(mutator.Noise(8));
                break;
            case 2:
                var content = random.Next(2) == 0 ? message : mutator.Noise(random.Next(0, 64));
                Varint(field, random.Next(4) == 0 ? mutator.Pick((ulong[])[0, 1, 0xFFFF_FFFF, long.MaxValue, (ulong)content.Length + 1]) : (ulong)content.Length);
                field.AddRange(content);
                break;
            case 5:
                field.AddRange(mutator.Noise(4));
                break;
        }
        return random.Next(2) == 0 ? [.. message, .. field] : [.. field, .. message];
    }

    private static void Varint(List<byte> bytes, ulong value)
    {
        for (; value >= 0x80; value >>= 7)
            bytes.Add((byte)(value | 0x80));
        bytes.Add((byte)value);
    }
}
