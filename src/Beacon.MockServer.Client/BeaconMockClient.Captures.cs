using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Beacon.MockServer.Client;

public sealed partial class BeaconMockClient
{
    /// <summary>One page of captures (<c>GET /mock/captures</c>), oldest first unless the query says otherwise.</summary>
    /// <param name="query">The filters; null for every item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<CaptureList> GetCapturesAsync(CaptureQuery? query = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "mock/captures" + Captures(query ?? new()), ClientJson.Default.CaptureList, cancellationToken);

    /// <summary>One page of the captures of the kind <typeparamref name="T"/> reads, typed: <c>GetCapturesAsync&lt;VerifyCapture&gt;()</c>.</summary>
    /// <param name="query">The filters; null for every item of that kind. Its <c>Kind</c>, when set, must be that kind.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<CaptureList<T>> GetCapturesAsync<T>(CaptureQuery? query = null, CancellationToken cancellationToken = default)
        where T : ITypedCapture<T> =>
        Typed<T>(await GetCapturesAsync(OfKind<T>(query ?? new()), cancellationToken).ConfigureAwait(false));

    /// <summary>One capture by its sequence (<c>GET /mock/captures/{sequence}</c>); a 404 when it was never assigned, or is gone.</summary>
    /// <param name="sequence">The capture's sequence.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<CapturedRequest> GetCaptureAsync(long sequence, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"mock/captures/{sequence.ToString(CultureInfo.InvariantCulture)}", ClientJson.Default.CapturedRequest, cancellationToken);

    /// <summary>
    /// Answers once at least <see cref="CaptureWait.Count"/> captures match (<c>GET /mock/captures/wait</c>), with the
    /// list (at least that many items). Woken by each arrival, never by polling.
    /// </summary>
    /// <param name="wait">The filters, and how many to wait for, how long and until which stage; null for the mock's defaults (any capture, 1, 10 s).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="BeaconMockWaitTimeoutException">The mock's timeout passed first.</exception>
    public Task<CaptureList> WaitForCapturesAsync(CaptureWait? wait = null, CancellationToken cancellationToken = default)
    {
        wait ??= new();
        return SendAsync(HttpMethod.Get, "mock/captures/wait" + Captures(wait).Add(wait), ClientJson.Default.CaptureList, cancellationToken);
    }

    /// <summary>
    /// Waits for captures of the kind <typeparamref name="T"/> reads and gives them typed, with the list's
    /// <c>LastSequence</c>: <c>(await mock.WaitForCapturesAsync&lt;VerifyCapture&gt;()).Items[0].Payload?.License</c>.
    /// </summary>
    /// <param name="wait">The filters, and how many to wait for, how long and until which stage; null for the mock's defaults (1, 10 s). Its <c>Kind</c>, when set, must be that kind.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="BeaconMockWaitTimeoutException">The mock's timeout passed first.</exception>
    public async Task<CaptureList<T>> WaitForCapturesAsync<T>(CaptureWait? wait = null, CancellationToken cancellationToken = default)
        where T : ITypedCapture<T> =>
        Typed<T>(await WaitForCapturesAsync(OfKind<T>(wait ?? new()), cancellationToken).ConfigureAwait(false));

    /// <summary>Deletes captures (<c>DELETE /mock/captures</c>), all or of one kind; deleting ingest-traces clears the billing ledger too.</summary>
    /// <param name="kind">Only captures of this kind; null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task DeleteCapturesAsync(CaptureKind? kind = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "mock/captures" + new QueryString().Add("kind", kind).Add("namespace", Namespace), cancellationToken);

    /// <summary>
    /// Every matching capture, oldest first, read line by line from the NDJSON export (<c>GET /mock/captures/export</c>):
    /// a snapshot taken when the call reaches the mock.
    /// </summary>
    /// <param name="filter">Which captures; null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async IAsyncEnumerable<CapturedRequest> ExportCapturesAsync(CaptureFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, "mock/captures/export" + Filter(filter ?? new()));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0)
                yield return JsonSerializer.Deserialize(line, ClientJson.Default.CapturedRequest)!;
        }
    }

    /// <summary>
    /// The live stream (<c>GET /mock/captures/stream</c>, Server-Sent Events): the matching captures already stored, then
    /// each as it arrives, in sequence order, until <paramref name="cancellationToken"/> is cancelled (which ends the
    /// enumeration with <see cref="OperationCanceledException"/>) or the enumeration is left. A capture arrives at
    /// receipt, so its <see cref="CapturedRequest.Status"/> may still be null. To resume after a broken connection, stream again
    /// with <c>After</c> set to the last sequence seen.
    /// </summary>
    /// <param name="filter">Which captures; null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async IAsyncEnumerable<CapturedRequest> StreamCapturesAsync(CaptureFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, "mock/captures/stream" + Filter(filter ?? new()));
        request.Headers.Accept.ParseAdd("text/event-stream");
        // Headers only: the body never ends, and HttpClient.Timeout stops applying once they are read.
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var events = SseParser.Create(stream, (type, data) => type == "capture" ? JsonSerializer.Deserialize(data, ClientJson.Default.CapturedRequest) : null);
            await foreach (var item in events.EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item.Data is { } capture)
                    yield return capture;
            }
        }
    }

    private QueryString Filter(CaptureFilter filter) =>
        new QueryString().Add("kind", filter.Kind).Add("license", filter.License).Add("namespace", Scope(filter.Namespace)).Add("after", filter.After);

    private QueryString Captures(CaptureQuery query) => Filter(query).Add("limit", query.Limit).Add("order", query.Order);

    /// <summary>The query with the kind <typeparamref name="T"/> reads; a query naming another kind is a mistake.</summary>
    private static TQuery OfKind<T, TQuery>(TQuery query) where T : ITypedCapture<T> where TQuery : CaptureFilter
    {
        if (query.Kind is { } kind && kind != T.Kind)
            throw new ArgumentException($"The query asks for kind {kind}, but {typeof(T).Name} reads {T.Kind}.", nameof(query));
        // A record's copy keeps its runtime type: a CaptureWait stays one.
        return (TQuery)((CaptureFilter)query with { Kind = T.Kind });
    }

    private static CaptureQuery OfKind<T>(CaptureQuery query) where T : ITypedCapture<T> => OfKind<T, CaptureQuery>(query);

    private static CaptureWait OfKind<T>(CaptureWait query) where T : ITypedCapture<T> => OfKind<T, CaptureWait>(query);

    private static CaptureList<T> Typed<T>(CaptureList list) where T : ITypedCapture<T> =>
        new([.. list.Items.Select(c => c.As<T>())], list.Total, list.LastSequence, list.Evicted);
}
