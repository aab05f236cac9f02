using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.Faults;
using Beacon.MockServer.Http;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Capture;

/// <summary>
/// Captures each request to a wire route at receipt, before any handler produces a response, and
/// completes the capture with the response status afterwards: accepted and refused requests alike.
/// </summary>
public sealed class CaptureMiddleware(
    RequestDelegate next, CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, FaultInjector faults)
{
    private readonly BeaconOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<WireRoute>() is not { } route)
        {
            await next(context);
            return;
        }

        // Read, decompress, decode: each step runs only if the one before it succeeded, and whatever
        // arrived is captured either way, with the first failure as the answer.
        var (body, decoded) = await ContentCoding.ReadAsync(context.Request, _options.MaxBodyBytes);
        var read = decoded.Failure is { } unread
            ? WireBody.Unreadable(decoded.Bytes, _options.Store.MaxTextPayloadBytes, unread)
            : route.Format.Read(context, decoded.Bytes, _options);
        var failure = decoded.Failure ?? read.Failure;
        var capture = new Capture
        {
            Kind = route.Kind,
            ReceivedAt = time.GetUtcNow(),
            Method = context.Request.Method,
            Path = context.Request.Path.Value ?? "/",
            Namespace = WireNamespace.Of(context),
            Query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value : null,
            Headers = SelectHeaders(context.Request.Headers),
            License = read.License ?? HeaderLicense(context.Request.Headers),
            BodyBytes = body.BytesSeen,
            Encoding = read.Encoding,
            Compression = decoded.Coding,
            DecodedBytes = decoded.Failure is null ? decoded.Bytes.Length : null,
            Payload = read.Payload,
            Findings = read.Findings,
        };
        // The rule is chosen before the capture is stored, so the capture never shows without its faultId.
        var fault = faults.Fire(capture, decoded: failure is null);
        var entry = store.Append(fault is null ? capture : capture with { FaultId = fault.Id });

        var request = new WireRequest(context, entry, decoded.Bytes, read.Decoded);
        context.Features.Set(request);
        void Complete(int status) => store.Update(entry, c => c with
        {
            Status = status,
            Findings = [.. capture.Findings, .. request.Findings],
            Details = request.Details ?? c.Details,
        });

        // The capture is completed as the response starts, before a byte of it reaches the client: a client
        // that has its answer and then asks the mock finds the status already there.
        context.Response.OnStarting(() =>
        {
            Complete(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            if (fault is not null && await faults.ApplyAsync(context, route, fault))
            {
                // Answered, dropped or abandoned as the rule said: the route never sees the request.
            }
            else if (failure is not null)
            {
                await route.Format.Refuse(context, failure).ExecuteAsync(context);
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
            // A request that got no response (dropped, abandoned, or failed before answering) is completed here.
            if (!context.Response.HasStarted)
                Complete(status);
        }
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
