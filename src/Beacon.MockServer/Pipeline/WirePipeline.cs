using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Pipeline;

/// <summary>
/// The path every request to a wire route takes: read and decode the body once, capture it at receipt (accepted
/// or refused), show it to the observers, let the hooks answer instead of the route (a fault, the upstream Beacon), refuse what the route
/// cannot take in its own shape, decide its credential once, or run the route; then complete the capture with the
/// status and what the handler learned. Knows no feature: they plug in as formats, hooks and the license policy.
/// </summary>
internal sealed class WirePipeline(
    RequestDelegate next, CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options,
    IEnumerable<IWireHook> hooks, WireHookOrder order, ILicensePolicy licenses, CapturedHeaders kept, IEnumerable<ICaptureObserver> observers)
{
    private readonly BeaconOptions _options = options.Value;
    private readonly IWireHook[] _hooks = order.Sort(hooks);
    private readonly ICaptureObserver[] _observers = [.. observers];

    /// <summary>The failure of a body the process could not hold in memory at the time (a heap cap, many large bodies at once).</summary>
    public static readonly BodyFailure OutOfMemory = new(StatusCodes.Status503ServiceUnavailable, "Out of memory.",
        "The mock could not hold this body in memory: too many large bodies are arriving at once for the memory it may use. "
        + "Send it again later, or send smaller bodies.");

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<WireRoute>() is not { } route)
        {
            await next(context);
            return;
        }

        var started = time.GetTimestamp();
        var (body, decoded, read) = await ReadAsync(context, route);
        var failure = decoded.Failure ?? read.Failure;
        var capture = new Capture
        {
            Kind = route.Kind.Name,
            ReceivedAt = time.GetUtcNow(),
            Method = context.Request.Method,
            Path = context.Request.Path.Value ?? "/",
            Namespace = WireNamespace.Of(context),
            Query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value : null,
            Headers = SelectHeaders(context.Request.Headers),
            License = read.License ?? HeaderCredential(context.Request.Headers, route.Credential.Headers),
            BodyBytes = body.BytesSeen,
            Encoding = read.Encoding,
            Compression = decoded.Coding,
            DecodedBytes = decoded.Failure is null ? decoded.Bytes.Length : null,
            Payload = read.Payload,
        }.WithFindings(read.Findings);

        // Each hook decides before the capture is stored, so the capture never shows without what it decided.
        var claims = new List<(IWireHook Hook, WireHookClaim Claim)>();
        foreach (var hook in _hooks)
        {
            if (hook.Claim(capture, route, decoded: failure is null) is { } claim)
            {
                claims.Add((hook, claim));
                capture = claim.Annotate(capture);
            }
        }
        var entry = store.Append(capture);

        var request = new WireRequest(context, route, entry, read.Decoded, body.Bytes);
        context.Features.Set(request);
        // The observers read the capture as built here, numbered, its payload as decoded here: nothing is read back from
        // the store. What they find is written after the route's own findings as the capture completes.
        List<Finding>? observed = null;
        if (_observers.Length > 0)
        {
            var numbered = capture with { Sequence = entry.Sequence };
            foreach (var observer in _observers)
            {
                try
                {
                    if (observer.Received(numbered) is { Count: > 0 } found)
                        (observed ??= []).AddRange(found);
                }
                catch (OutOfMemoryException)
                {
                    // An observer that cannot afford to read this body now leaves it unread; the request goes on.
                    (observed ??= []).Add(new Finding("$", "an observer of wire requests could not read this body: the mock ran out of memory"));
                }
            }
        }

        // The answer is held (up to a bound) until the capture has recorded it: a client that has its answer and then
        // asks the mock finds it there, status, body and all.
        var recorder = new ResponseRecorder(context.Response.Body, _options.Store.MaxTextPayloadBytes);
        context.Response.Body = recorder;
        request.Recorder = recorder;
        var completed = false;
        void Complete(int status, bool answered)
        {
            var response = new CaptureResponse(status, AnswerHeaders(context.Response.Headers),
                answered ? route.Format.KeepAnswer(context.Response, recorder.Kept.ToArray(), recorder.Cut) : null,
                Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3));
            store.Complete(entry, status, request.Details, response, observed is null ? request.Findings : [.. request.Findings, .. observed]);
            completed = true;
        }

        // A body too long to hold starts the response early: the status is recorded as it starts, the rest at the end.
        context.Response.OnStarting(() =>
        {
            if (!completed)
                store.Update(entry, c => c with { Status = context.Response.StatusCode });
            return Task.CompletedTask;
        });
        var status = StatusCodes.Status500InternalServerError;
        var answered = false;
        try
        {
            if (await ApplyHooksAsync(request, claims) == WireHookOutcome.Answered)
            {
                // Answered, dropped or abandoned as a hook said: the route never sees the request.
            }
            else if ((failure ?? (request.PartialSuccess is null ? Credential(request, capture.License, read.LicenseField) : null)) is { } refusal)
            {
                if (!(read.ExplainsFailure && ReferenceEquals(refusal, failure)))
                    request.AddFindings(WireRefusals.FindingsOf(refusal));
                if (ReferenceEquals(refusal, OutOfMemory))
                    context.Response.Headers.RetryAfter = "1";
                await route.Format.Refuse(context, refusal).ExecuteAsync(context);
            }
            else
            {
                await next(context);
            }
            status = context.Response.StatusCode;
            answered = !context.RequestAborted.IsCancellationRequested;
        }
        catch (BadHttpRequestException e)
        {
            // Answered by the exception handler with this status, once this middleware has let go.
            status = e.StatusCode;
            throw;
        }
        finally
        {
            context.Response.Body = recorder.Inner;
            Complete(status, answered);
            if (answered)
                await recorder.ReleaseAsync(context.RequestAborted);
        }
    }

    /// <summary>Runs the claims in order until one answers, or one leaves the route a partial success to answer.</summary>
    /// <summary>
    /// Reads, decompresses and decodes the body: each step runs only if the one before it succeeded, and whatever
    /// arrived is captured either way, with the first failure as the answer. A body the process cannot hold now is
    /// answered 503 in the route's shape and captured without it, rather than failing the request with a 500.
    /// </summary>
    private async Task<(RequestBody Body, DecodedBody Decoded, WireBody Read)> ReadAsync(HttpContext context, WireRoute route)
    {
        try
        {
            var (body, decoded) = await ContentCoding.ReadAsync(context.Request, _options.MaxBodyBytes);
            var read = decoded.Failure is { } unread
                ? WireBody.Unreadable(decoded.Bytes, _options.Store.MaxTextPayloadBytes, unread)
                : route.Format.Read(context, decoded.Bytes);
            return (body, decoded, read);
        }
        catch (OutOfMemoryException)
        {
            return (new RequestBody([], context.Request.ContentLength ?? 0, OutOfMemory), new DecodedBody([], null, OutOfMemory),
                new WireBody { Failure = OutOfMemory, ExplainsFailure = true, Findings = [new Finding("$", "the body was not kept: the mock ran out of memory reading it")] });
        }
    }

    private static async Task<WireHookOutcome> ApplyHooksAsync(WireRequest request, List<(IWireHook Hook, WireHookClaim Claim)> claims)
    {
        foreach (var (hook, claim) in claims)
        {
            var outcome = await hook.ApplyAsync(request, claim);
            if (outcome != WireHookOutcome.Continue || request.PartialSuccess is not null)
                return outcome;
        }
        return WireHookOutcome.Continue;
    }

    /// <summary>
    /// Decides the request's credential, once, by the license policy: the refusal to answer (401 for one missing
    /// where the route needs one, 403 for one the policy refuses), or null to let the route run with the verdict.
    /// </summary>
    private BodyFailure? Credential(WireRequest request, string? key, string? bodyField)
    {
        var credential = request.Route.Credential;
        if (string.IsNullOrWhiteSpace(key))
        {
            var missing = credential.Missing switch
            {
                CredentialMissing.Refused => $"Send the {credential.Name} in the {credential.Headers[0]} header.",
                CredentialMissing.RefusedWhenPolicySays when licenses.RefusesMissing is { } why && !request.Context.Request.Headers.ContainsKey(CredentialHeaders.DataPlane) =>
                    $"No {credential.Name} was sent and {why}; send it in {credential.Headers[0]}.",
                _ => null,
            };
            return missing is null ? null
                : new BodyFailure(StatusCodes.Status401Unauthorized, $"{Capitalized(credential.Name)} missing.", missing, Field: credential.Headers[0]);
        }

        if (!credential.Decided)
            return null;
        var verdict = licenses.Decide(new LicenseQuestion(key, request.Namespace, credential.Verifies));
        request.License = verdict;
        if (verdict.Accepted)
            return null;
        request.SetDetails(new RefusalDetails(verdict.RefusalCode!), KernelJson.Default.RefusalDetails);
        return new BodyFailure(StatusCodes.Status403Forbidden, $"The {credential.Name} was refused.", $"The {credential.Name} {verdict.RefusalText}.",
            Extensions: new Dictionary<string, object?> { ["reason"] = verdict.RefusalCode },
            Field: bodyField ?? credential.Headers.FirstOrDefault(h => request.Context.Request.Headers.ContainsKey(h)));
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The answer's headers a client acts on.</summary>
    private static Dictionary<string, string> AnswerHeaders(IHeaderDictionary headers)
    {
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in (ReadOnlySpan<string>)["Content-Type", "Retry-After", "Location", "WWW-Authenticate", "Allow"])
        {
            if (headers.TryGetValue(name, out var value))
                kept[name] = value.ToString();
        }
        return kept;
    }

    private Dictionary<string, string> SelectHeaders(IHeaderDictionary headers)
    {
        var selected = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in kept.Names)
        {
            if (headers.TryGetValue(name, out var value))
                selected[name] = value.ToString();
        }
        return selected;
    }

    private static string? HeaderCredential(IHeaderDictionary headers, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()))
                return value.ToString();
        }
        return null;
    }
}
