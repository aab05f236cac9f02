using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Beacon.MockServer.Tests.Reliability;

/// <summary>
/// An HTTP/1.1 request written on a bare loopback socket, for requests past Kestrel's own limits. Kestrel answers
/// those as soon as it has read enough to refuse them and closes the connection with the rest unread, which resets
/// it: an HttpClient still sending its request then fails with "an error occurred while sending the request", and
/// never reads the answer that had already arrived. Here the request is written in the background and the answer
/// read whatever becomes of the write (Linux keeps data received before a reset readable).
/// </summary>
internal static class RawHttp
{
    public static async Task<HttpResponseMessage> SendAsync(Uri server, string method, string target, IEnumerable<(string Name, string Value)> headers,
        byte[] body, string? contentType, CancellationToken cancellation)
    {
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        if (contentType is not null)
            head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        head.Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
        byte[] request = [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port), cancellation);
        var writing = WriteAsync(socket, request, cancellation);
        var answer = await ReadToEndAsync(socket, cancellation);
        await writing;
        return Parse(answer);
    }

    /// <summary>Writes the request; a write the server cut short by closing is expected, not a failure.</summary>
    private static async Task WriteAsync(Socket socket, byte[] request, CancellationToken cancellation)
    {
        try
        {
            await socket.SendAsync(request, SocketFlags.None, cancellation);
        }
        catch (SocketException)
        {
        }
    }

    /// <summary>Everything the server sent until it closed the connection, or reset it after answering.</summary>
    private static async Task<byte[]> ReadToEndAsync(Socket socket, CancellationToken cancellation)
    {
        using var answer = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellation)) > 0)
                answer.Write(buffer, 0, read);
        }
        catch (SocketException) when (answer.Length > 0)
        {
        }
        return answer.ToArray();
    }

    /// <summary>The status line and body of an answer that ends where the connection did (Connection: close).</summary>
    private static HttpResponseMessage Parse(byte[] answer)
    {
        var text = Encoding.Latin1.GetString(answer);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || end < 0)
            throw new HttpRequestException($"not an HTTP answer: {text[..Math.Min(text.Length, 200)]}");
        var status = int.Parse(text.AsSpan(9, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(answer[(end + 4)..]) };
        foreach (var line in text[..end].Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !response.Headers.TryAddWithoutValidation(line[..colon], line[(colon + 1)..].Trim()))
                response.Content.Headers.TryAddWithoutValidation(line[..colon], line[(colon + 1)..].Trim());
        }
        return response;
    }
}
