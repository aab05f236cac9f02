namespace Beacon.MockServer.Client;

public sealed partial class BeaconMockClient
{
    /// <summary>
    /// The egress audit (<c>GET /mock/egress</c>): what the deployment sent against what Beacon's pages promise, a verdict
    /// per promise with its evidence; a namespaced client's covers its namespace's traffic only.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<EgressReport> GetEgressReportAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "mock/egress" + InNamespace(), EgressJson.Default.EgressReport, cancellationToken);

    /// <summary>The same report as text: <see cref="EgressReportFormat.Markdown"/> for people, <see cref="EgressReportFormat.JUnit"/> (XML) for CI.</summary>
    /// <param name="format">Which text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<string> GetEgressReportTextAsync(EgressReportFormat format, CancellationToken cancellationToken = default)
    {
        var name = format switch
        {
            EgressReportFormat.Markdown => "markdown",
            EgressReportFormat.JUnit => "junit",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Markdown or JUnit."),
        };
        using var request = Request(HttpMethod.Get, "mock/egress" + InNamespace().Add("format", name));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The inventory without counts or examples (<c>GET /mock/egress/baseline</c>), to compare a later run with.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<EgressBaseline> GetEgressBaselineAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "mock/egress/baseline" + InNamespace(), EgressJson.Default.EgressBaseline, cancellationToken);

    /// <summary>What is new, gone or changed since <paramref name="baseline"/> (<c>POST /mock/egress/compare</c>).</summary>
    /// <param name="baseline">A baseline, as <see cref="GetEgressBaselineAsync"/> answered it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<EgressComparison> CompareEgressAsync(EgressBaseline baseline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return SendAsync(HttpMethod.Post, "mock/egress/compare" + InNamespace(), EgressJson.Default.EgressComparison, cancellationToken,
            Json(baseline, EgressJson.Default.EgressBaseline));
    }
}

/// <summary>The text forms of the egress report.</summary>
public enum EgressReportFormat
{
    /// <summary>Markdown, to read or paste into a review.</summary>
    Markdown,

    /// <summary>JUnit XML, one testcase per promise, for CI.</summary>
    JUnit,
}
