using System.Buffers;

namespace Beacon.MockServer.Store;

/// <summary>
/// Turns a <see cref="Capture"/> into the store's compact form (<see cref="StoredCapture"/>) and back. What is written
/// at receipt is read back as it was: the same capture, the same JSON, key order included. Reading builds the strings,
/// lists and payload a reader needs, when one asks; the store itself holds none of them.
/// </summary>
internal static class CaptureCodec
{
    public static StoredCapture Encode(Capture capture, long sequence)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (int)Math.Min(capture.Payload?.Stored.Bytes.Length ?? 0, int.MaxValue - 1024));
        var writer = new BlobWriter(buffer);
        writer.String(capture.Path);
        writer.String(capture.Query);
        Headers(ref writer, capture.Headers);
        var payload = capture.Payload?.Stored;
        var payloadStart = writer.Written + BlobWriter.SizeOfLength(payload is { } p ? p.Bytes.Length + 1 : 0);
        writer.Bytes(payload is { } stored ? stored.Bytes.Span : default, payload is not null);
        var tailStart = writer.Written;
        // Which findings the payload makes again is asked only when there are findings: asking reads the payload.
        Findings(ref writer, capture.Findings, capture.Findings.Count == 0 ? [] : capture.Payload?.DerivedFindings ?? []);
        writer.Bytes(capture.Details is { } details ? details.Utf8.Span : default, capture.Details is not null);
        writer.Varint((ulong)capture.Fields.Count);
        foreach (var (name, value) in capture.Fields)
        {
            writer.String(name);
            writer.Bytes(value.Utf8.Span);
        }
        var answer = Answer(ref writer, capture.Response);
        return new StoredCapture
        {
            Sequence = sequence,
            Kind = capture.Kind,
            ReceivedAtTicks = capture.ReceivedAt.Ticks,
            ReceivedAtOffsetMinutes = (short)capture.ReceivedAt.Offset.TotalMinutes,
            Method = Known(capture.Method)!,
            License = Interned.Of(capture.License),
            Namespace = Interned.Of(capture.Namespace),
            StatusCode = capture.Status ?? -1,
            BodyBytes = capture.BodyBytes,
            DecodedBytes = capture.DecodedBytes ?? -1,
            Encoding = Known(capture.Encoding),
            Compression = Known(capture.Compression),
            FindingsDropped = capture.FindingsDropped,
            PayloadReader = payload?.Reader,
            AnswerReader = answer,
            Blob = buffer.WrittenSpan.ToArray(),
            PayloadStart = payloadStart,
            PayloadLength = payload?.Bytes.Length ?? 0,
            TailStart = tailStart,
        };
    }

    /// <summary>
    /// The stored capture once its answer is done: its status, the handler's details, the answer and the findings it
    /// added, written after the head as it was received (copied, never read back into strings).
    /// </summary>
    public static StoredCapture Complete(StoredCapture stored, int status, RawJson? details, CaptureResponse response, IReadOnlyList<Finding> more)
    {
        var buffer = new ArrayBufferWriter<byte>(stored.Blob.Length + 256 + (response.Body?.Stored.Bytes.Length ?? 0));
        var writer = new BlobWriter(buffer);
        writer.Raw(stored.Blob.AsSpan(0, stored.TailStart));
        var reader = new BlobReader(stored.Blob);
        reader.Skip(stored.TailStart);
        var (count, start, end) = FindingsSection(ref reader);
        var derivedAt = (int)reader.Varint();
        var derivedCount = (int)reader.Varint();
        var room = Math.Max(0, Capture.MaxFindings - count - derivedCount);
        var added = more.Take(room).ToList();
        writer.Varint((ulong)(count + added.Count));
        writer.Raw(stored.Blob.AsSpan(start, end - start));
        foreach (var finding in added)
        {
            writer.String(finding.Path);
            writer.String(finding.Message);
        }
        writer.Varint((ulong)derivedAt);
        writer.Varint((ulong)derivedCount);
        var oldDetails = reader.Bytes();
        writer.Bytes(details is not null ? details.Utf8.Span : oldDetails is { } kept ? kept.Span : default, details is not null || oldDetails is not null);
        var fieldsStart = reader.Position;
        SkipFields(ref reader);
        writer.Raw(stored.Blob.AsSpan(fieldsStart, reader.Position - fieldsStart));
        var answer = Answer(ref writer, response);
        return Copy(stored, buffer.WrittenSpan.ToArray(), status, answer, stored.FindingsDropped + more.Count - added.Count);
    }

    /// <summary>The capture a stored one holds, built now: its strings, lists and payload (which reads its bytes when written).</summary>
    /// <param name="payload">False to leave the payload out (and the findings it would make again), when reading it cannot be afforded.</param>
    public static Capture Decode(StoredCapture stored, bool payload = true)
    {
        var reader = new BlobReader(stored.Blob);
        var path = reader.String()!;
        var query = reader.String();
        var headers = ReadHeaders(ref reader);
        var kept = reader.Bytes();
        var body = payload && kept is { } bytes && stored.PayloadReader is { } payloadReader ? payloadReader.Read(bytes) : null;
        var findingsCount = (int)reader.Varint();
        var written = new Finding[findingsCount];
        for (var i = 0; i < findingsCount; i++)
            written[i] = new Finding(reader.String()!, reader.String()!);
        var (derivedAt, derivedCount) = ((int)reader.Varint(), (int)reader.Varint());
        IReadOnlyList<Finding> findings = derivedCount == 0 || body is null ? written
            : [.. written[..derivedAt], .. body.DerivedFindings.Take(derivedCount), .. written[derivedAt..]];
        var details = reader.Bytes() is { } json ? RawJson.Over(json) : null;
        var fieldCount = (int)reader.Varint();
        var fields = new Dictionary<string, RawJson>(fieldCount, StringComparer.Ordinal);
        for (var i = 0; i < fieldCount; i++)
            fields[reader.String()!] = RawJson.Over(reader.Bytes()!.Value);
        CaptureResponse? response = null;
        if (reader.Varint() == 1)
        {
            var status = (int)reader.Varint();
            var answerHeaders = ReadHeaders(ref reader);
            var answerBody = reader.Bytes() is { } answer && stored.AnswerReader is { } answerReader ? answerReader.Read(answer) : null;
            response = new CaptureResponse(status, answerHeaders, answerBody, reader.Double());
        }
        return new Capture
        {
            Sequence = stored.Sequence,
            Kind = stored.Kind,
            ReceivedAt = new DateTimeOffset(stored.ReceivedAtTicks, TimeSpan.FromMinutes(stored.ReceivedAtOffsetMinutes)),
            Method = stored.Method,
            Path = path,
            Namespace = stored.Namespace,
            Query = query,
            Headers = headers,
            License = stored.License,
            BodyBytes = stored.BodyBytes,
            Encoding = stored.Encoding,
            Compression = stored.Compression,
            DecodedBytes = stored.DecodedBytes < 0 ? null : stored.DecodedBytes,
            Status = stored.Status,
            Findings = findings,
            FindingsDropped = stored.FindingsDropped,
            Payload = body,
            Details = details,
            Fields = fields,
            Response = response,
        };
    }

    private static StoredCapture Copy(StoredCapture stored, byte[] blob, int status, PayloadReader? answer, long findingsDropped) => new()
    {
        Sequence = stored.Sequence,
        Kind = stored.Kind,
        ReceivedAtTicks = stored.ReceivedAtTicks,
        ReceivedAtOffsetMinutes = stored.ReceivedAtOffsetMinutes,
        Method = stored.Method,
        License = stored.License,
        Namespace = stored.Namespace,
        StatusCode = status,
        BodyBytes = stored.BodyBytes,
        DecodedBytes = stored.DecodedBytes,
        Encoding = stored.Encoding,
        Compression = stored.Compression,
        FindingsDropped = findingsDropped,
        PayloadReader = stored.PayloadReader,
        AnswerReader = answer,
        Blob = blob,
        PayloadStart = stored.PayloadStart,
        PayloadLength = stored.PayloadLength,
        TailStart = stored.TailStart,
    };

    private static void Headers(ref BlobWriter writer, IReadOnlyDictionary<string, string> headers)
    {
        writer.Varint((ulong)headers.Count);
        foreach (var (name, value) in headers)
        {
            writer.String(name);
            writer.String(value);
        }
    }

    private static Dictionary<string, string> ReadHeaders(ref BlobReader reader)
    {
        var count = (int)reader.Varint();
        var headers = new Dictionary<string, string>(count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < count; i++)
            headers[reader.String()!] = reader.String()!;
        return headers;
    }

    /// <summary>
    /// The findings, less those the payload makes again when read (<paramref name="derived"/>, where they stand
    /// together in <paramref name="findings"/>): their text is not kept, only where they stand and how many.
    /// </summary>
    private static void Findings(ref BlobWriter writer, IReadOnlyList<Finding> findings, IReadOnlyList<Finding> derived)
    {
        var (at, count) = Where(findings, derived);
        writer.Varint((ulong)(findings.Count - count));
        for (var i = 0; i < findings.Count; i++)
        {
            if (i >= at && i < at + count)
                continue;
            writer.String(findings[i].Path);
            writer.String(findings[i].Message);
        }
        writer.Varint((ulong)at);
        writer.Varint((ulong)count);
    }

    /// <summary>Where the derived findings start among all of them, and how many of them are there (the cap may have cut some).</summary>
    private static (int At, int Count) Where(IReadOnlyList<Finding> findings, IReadOnlyList<Finding> derived)
    {
        if (derived.Count == 0)
            return (0, 0);
        for (var at = 0; at < findings.Count; at++)
        {
            if (!ReferenceEquals(findings[at], derived[0]))
                continue;
            var count = 0;
            while (count < derived.Count && at + count < findings.Count && ReferenceEquals(findings[at + count], derived[count]))
                count++;
            return (at, count);
        }
        return (0, 0);
    }

    /// <summary>How many findings there are, and where their entries start and end.</summary>
    private static (int Count, int Start, int End) FindingsSection(ref BlobReader reader)
    {
        var count = (int)reader.Varint();
        var start = reader.Position;
        for (var i = 0; i < 2 * count; i++)
            reader.Bytes();
        return (count, start, reader.Position);
    }

    private static void SkipFields(ref BlobReader reader)
    {
        var count = (int)reader.Varint();
        for (var i = 0; i < 2 * count; i++)
            reader.Bytes();
    }

    private static PayloadReader? Answer(ref BlobWriter writer, CaptureResponse? response)
    {
        if (response is null)
        {
            writer.Varint(0);
            return null;
        }
        writer.Varint(1);
        writer.Varint((ulong)response.Status);
        Headers(ref writer, response.Headers);
        var body = response.Body?.Stored;
        writer.Bytes(body is { } kept ? kept.Bytes.Span : default, body is not null);
        writer.Double(response.DurationMs);
        return body?.Reader;
    }

    /// <summary>The one instance of a word every capture says (a method, an encoding), so no capture holds its own copy.</summary>
    private static string? Known(string? text) => text switch
    {
        "POST" => "POST",
        "GET" => "GET",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "json" => "json",
        "protobuf" => "protobuf",
        "gzip" => "gzip",
        "deflate" => "deflate",
        _ => text,
    };
}
