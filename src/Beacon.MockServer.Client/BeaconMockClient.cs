using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Beacon.MockServer.Client;

/// <summary>
/// A typed client for the mock's own API (<c>/mock</c>, <c>/healthz</c>) over an <see cref="HttpClient"/> whose
/// <see cref="HttpClient.BaseAddress"/> is the mock. It holds no state but its namespace, so one instance serves a
/// whole test run and many tests at once. An error answer throws <see cref="BeaconMockException"/>.
/// </summary>
public sealed partial class BeaconMockClient
{
    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue? _adminToken;

    // The mock's address, always ending in '/', so that relative paths keep any path prefix it was given.
    private readonly Uri _root;

    /// <summary>A client for the mock at <paramref name="http"/>'s base address.</summary>
    /// <param name="http">Its <see cref="HttpClient.BaseAddress"/> is the mock (<c>http://localhost:8080</c>). The client does not dispose it.</param>
    /// <param name="adminToken">Sent as <c>Authorization: Bearer</c> on every /mock call, when the mock sets <c>Beacon:Admin:Token</c>.</param>
    public BeaconMockClient(HttpClient http, string? adminToken = null)
        : this(http, adminToken is null ? null : new AuthenticationHeaderValue("Bearer", adminToken), null)
    {
    }

    private BeaconMockClient(HttpClient http, AuthenticationHeaderValue? adminToken, string? ns)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is not { IsAbsoluteUri: true } address)
            throw new ArgumentException("The HttpClient needs an absolute BaseAddress: the mock's address, such as http://localhost:8080.", nameof(http));
        _http = http;
        _adminToken = adminToken;
        _root = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
        Namespace = ns;
        WireBaseAddress = ns is null ? _root : new Uri(_root, $"ns/{ns}/");
    }

    /// <summary>The namespace every call is scoped to; null for a client that sees every namespace.</summary>
    public string? Namespace { get; }

    /// <summary>
    /// Where wire requests go, ending in <c>/</c>: the mock's address, followed by <c>ns/{namespace}/</c> for a
    /// namespaced client. Point the system under test here (its Beacon endpoint), or build URLs with <see cref="WireUri"/>.
    /// </summary>
    public Uri WireBaseAddress { get; }

    /// <summary>
    /// The OTLP base, <c>{WireBaseAddress}v1/beacon/</c>: what <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> takes, to which an
    /// OpenTelemetry SDK adds <c>v1/traces</c>, <c>v1/metrics</c> and <c>v1/logs</c> itself. An endpoint set in code for
    /// one signal is that signal's full URL: <see cref="OtlpTracesEndpoint"/> and the others.
    /// </summary>
    public Uri OtlpEndpoint => WireUri("v1/beacon/");

    /// <summary>The traces receiver, <c>{WireBaseAddress}v1/beacon/v1/traces</c>: <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>, or an exporter's <c>Endpoint</c> in code.</summary>
    public Uri OtlpTracesEndpoint => WireUri("v1/beacon/v1/traces");

    /// <summary>The metrics receiver, <c>{WireBaseAddress}v1/beacon/v1/metrics</c>: <c>OTEL_EXPORTER_OTLP_METRICS_ENDPOINT</c>, or an exporter's <c>Endpoint</c> in code.</summary>
    public Uri OtlpMetricsEndpoint => WireUri("v1/beacon/v1/metrics");

    /// <summary>The logs receiver, <c>{WireBaseAddress}v1/beacon/v1/logs</c>: <c>OTEL_EXPORTER_OTLP_LOGS_ENDPOINT</c>, or an exporter's <c>Endpoint</c> in code.</summary>
    public Uri OtlpLogsEndpoint => WireUri("v1/beacon/v1/logs");

    /// <summary>The URL of a wire route, in this client's namespace: <c>WireUri("/v1/beacon/verify")</c>.</summary>
    /// <param name="path">The route's path, as Beacon documents it, with or without its leading <c>/</c>.</param>
    public Uri WireUri(string path) => new(WireBaseAddress, path.TrimStart('/'));

    /// <summary>
    /// A client whose every call is scoped to <paramref name="ns"/>: lists, waits, streams, the export, deletes,
    /// billing, licenses, fault rules (added ones match only that namespace) and reset. Its <see cref="WireBaseAddress"/>
    /// sends wire requests under <c>/ns/{ns}/</c>. Same HttpClient, same admin token.
    /// </summary>
    /// <param name="ns">1 to 64 letters, digits, <c>-</c>, <c>_</c> or <c>.</c>.</param>
    public BeaconMockClient ForNamespace(string ns)
    {
        if (!IsNamespace(ns))
            throw new ArgumentException($"'{ns}' is not a namespace: use 1 to 64 letters, digits, '-', '_' or '.'.", nameof(ns));
        return new BeaconMockClient(_http, _adminToken, ns);
    }

    private static bool IsNamespace(string? ns) =>
        ns is { Length: > 0 and <= 64 } && ns.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && ns is not ("." or "..");

    /// <summary>The namespace a call is scoped to: this client's, or the one the query names (they may not differ).</summary>
    private string? Scope(string? requested)
    {
        if (requested is null || Namespace is null || requested == Namespace)
            return requested ?? Namespace;
        throw new ArgumentException($"This client is scoped to namespace '{Namespace}'; the query names '{requested}'.", "query");
    }

    private HttpRequestMessage Request(HttpMethod method, string relative, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_root, relative)) { Content = content };
        request.Headers.Authorization = _adminToken;
        return request;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string relative, JsonTypeInfo<T> answer, CancellationToken cancellationToken, HttpContent? content = null)
    {
        using var request = Request(method, relative, content);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, answer, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException($"The mock answered {method} {relative} with null.");
        }
    }

    private async Task SendAsync(HttpMethod method, string relative, CancellationToken cancellationToken)
    {
        using var request = Request(method, relative);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
            throw await Problems.ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static HttpContent Json<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
