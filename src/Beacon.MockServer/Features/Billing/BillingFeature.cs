using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Billing;

internal static class BillingFeature
{
    /// <summary>ingest-traces and the deduplicating ledger it builds.</summary>
    public static IServiceCollection AddBilling(this IServiceCollection services)
    {
        services.AddBeaconOptions<BillingOptions>(BillingOptions.Section);
        services.AddSingleton<IValidateOptions<BillingOptions>, BillingOptionsValidator>();
        services.AddSingleton<BillingLedger>();
        services.AddSingleton<IResettable>(provider => provider.GetRequiredService<BillingLedger>());
        services.AddSingleton<ICaptureDerived>(provider => provider.GetRequiredService<BillingLedger>());
        services.AddJsonContext(BillingJson.Default);
        return services.AddWireKind(IngestTracesEndpoints.Kind);
    }
}
