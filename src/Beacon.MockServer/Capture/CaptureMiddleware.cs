using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Capture;

/// <summary>
/// Captures each request to a wire route at receipt, before any handler produces a response, and
/// completes the capture with the response status afterwards: accepted and refused requests alike.
/// </summary>
public sealed class CaptureMiddleware(RequestDelegate next, CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options)
{
    private readonly int _maxBodyBytes = options.Value.MaxBodyBytes;
    private readonly int _maxTextBytes = options.Value.Store.MaxTextPayloadBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<WireRoute>() is not { } route)
        {
            await next(context);
            return;
        }

        var body = await RequestBody.ReadAsync(context.Request, _maxBodyBytes, context.RequestAborted);
        var scan = body.Failure is null ? JsonBodyScan.Scan(body.Bytes) : default;
        var entry = store.Append(new Capture
        {
            Kind = route.Kind,
            ReceivedAt = time.GetUtcNow(),
            Method = context.Request.Method,
            Path = context.Request.Path.Value ?? "/",
            Query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value : null,
            Headers = SelectHeaders(context.Request.Headers),
            License = scan.License ?? HeaderLicense(context.Request.Headers),
            BodyBytes = body.BytesSeen,
            Payload = PayloadOf(body, scan),
            Findings = body.Failure is { } unread ? [new Finding("$", $"{unread.Detail} The payload holds what arrived.")] : [],
        });

        var request = new WireRequest(context, entry, body.Bytes, scan);
        context.Features.Set(request);
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            if (body.Failure is { } failure)
            {
                await failure.ToProblem().ExecuteAsync(context);
            }
            else
            {
                await next(context);
            }
            status = context.Response.StatusCode;
        }
        catch (BadHttpRequestException e)
        {
            // Answered by the exception handler with this status, once this middleware has let go.
            status = e.StatusCode;
            throw;
        }
        finally
        {
            store.Update(entry, c => c with
            {
                Status = status,
                Findings = [.. c.Findings, .. request.Findings],
                Details = request.Details ?? c.Details,
            });
        }
    }

    private RawJson? PayloadOf(RequestBody body, JsonBodyScan scan)
    {
        if (body.Bytes.Length == 0)
            return null;
        if (scan.IsJson)
            return RawJson.FromValidated(body.Bytes);
        // Not JSON: keep the start of it as text, so a test can still see what was sent. The cut backs off
        // to a character boundary so that it never splits a multi-byte character.
        var cut = Math.Min(body.Bytes.Length, _maxTextBytes);
        while (cut > 0 && cut < body.Bytes.Length && (body.Bytes[cut] & 0xC0) == 0x80)
            cut--;
        return RawJson.FromText(System.Text.Encoding.UTF8.GetString(body.Bytes, 0, cut));
    }

    private static Dictionary<string, string> SelectHeaders(IHeaderDictionary headers)
    {
        var selected = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in CapturedHeaders.Names)
        {
            if (headers.TryGetValue(name, out var value))
                selected[name] = value.ToString();
        }
        return selected;
    }

    private static string? HeaderLicense(IHeaderDictionary headers)
    {
        foreach (var name in (ReadOnlySpan<string>)[CapturedHeaders.LicenseKey, CapturedHeaders.ApiKey])
        {
            if (headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()))
                return value.ToString();
        }
        return null;
    }
}
