using System.Globalization;

namespace Beacon.MockServer.Client;

public sealed partial class BeaconMockClient
{
    /// <summary>The billing ledger (<c>GET /mock/billing/transactions</c>): an account per license and namespace.</summary>
    /// <param name="license">Only this license's accounts; null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<BillingList> GetBillingTransactionsAsync(string? license = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "mock/billing/transactions" + new QueryString().Add("license", license).Add("namespace", Namespace),
            ClientJson.Default.BillingList, cancellationToken);

    /// <summary>Every license or API key configured, set or seen, as requests in this client's namespace see them (<c>GET /mock/licenses</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<LicenseList> GetLicensesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "mock/licenses" + InNamespace(), ClientJson.Default.LicenseList, cancellationToken);

    /// <summary>One license (<c>GET /mock/licenses/{key}</c>); a 404 for a key never configured, set or seen.</summary>
    /// <param name="key">The license or API key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<LicenseView> GetLicenseAsync(string key, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, LicensePath(key), ClientJson.Default.LicenseView, cancellationToken);

    /// <summary>
    /// Sets a license's whole definition from the next request on (<c>PUT /mock/licenses/{key}</c>), for this client's
    /// namespace only when it has one. Tokens already issued keep their claims.
    /// </summary>
    /// <param name="key">The license or API key.</param>
    /// <param name="change">The whole definition it takes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<LicenseView> SetLicenseAsync(string key, LicenseChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return SendAsync(HttpMethod.Put, LicensePath(key), ClientJson.Default.LicenseView, cancellationToken, Json(change, ClientJson.Default.LicenseChange));
    }

    /// <summary>Removes a license (<c>DELETE /mock/licenses/{key}</c>): from the next request on it is unknown. A 404 when it has no definition there.</summary>
    /// <param name="key">The license or API key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task DeleteLicenseAsync(string key, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, LicensePath(key), cancellationToken);

    /// <summary>
    /// Adds a fault rule (<c>POST /mock/faults</c>) and answers it as the mock holds it (its id, its seed). A namespaced
    /// client's rule matches only that namespace.
    /// </summary>
    /// <param name="rule">What to match, what to do, how often.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<FaultRule> AddFaultAsync(FaultRuleRequest rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (Namespace is not null)
            rule = rule with { Match = (rule.Match ?? new()) with { Namespace = Scope(rule.Match?.Namespace) } };
        return SendAsync(HttpMethod.Post, "mock/faults", ClientJson.Default.FaultRule, cancellationToken, Json(rule, ClientJson.Default.FaultRuleRequest));
    }

    /// <summary>Every fault rule, oldest first, with how often each fired (<c>GET /mock/faults</c>); a namespaced client lists that namespace's.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<FaultRuleList> GetFaultsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "mock/faults" + InNamespace(), ClientJson.Default.FaultRuleList, cancellationToken);

    /// <summary>Deletes one fault rule (<c>DELETE /mock/faults/{id}</c>); a 404 when there is none.</summary>
    /// <param name="id">The rule's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task DeleteFaultAsync(long id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"mock/faults/{id.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    /// <summary>Deletes every fault rule (<c>DELETE /mock/faults</c>), configured ones too until a reset; a namespaced client deletes that namespace's.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task DeleteFaultsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "mock/faults" + InNamespace(), cancellationToken);

    /// <summary>
    /// <c>POST /mock/reset</c>: captures and the billing ledger cleared, fault rules and licenses back to the startup
    /// configuration; a namespaced client resets only its namespace. Sequences keep counting.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task ResetAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "mock/reset" + InNamespace(), cancellationToken);

    /// <summary><c>GET /healthz</c>: ready, and the store's counters.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<HealthStatus> GetHealthAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "healthz", ClientJson.Default.HealthStatus, cancellationToken);

    /// <summary>The CA certificate that signs the mock's HTTPS certificates, as PEM (<c>GET /mock/tls/ca.pem</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<string> GetCaCertificatePemAsync(CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, "mock/tls/ca.pem");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private QueryString InNamespace() => new QueryString().Add("namespace", Namespace);

    private string LicensePath(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        // Escaped whole, so a key holding '/' stays one path segment.
        return $"mock/licenses/{Uri.EscapeDataString(key)}" + InNamespace();
    }
}
