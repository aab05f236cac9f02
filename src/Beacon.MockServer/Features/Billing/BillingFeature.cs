using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Billing;

internal static class BillingFeature
{
    /// <summary>ingest-traces and the deduplicating ledger it builds.</summary>
    public static IServiceCollection AddBilling(this IServiceCollection services)
    {
        services.AddSingleton<BillingLedger>();
        services.AddSingleton<IResettable>(provider => provider.GetRequiredService<BillingLedger>());
        services.AddSingleton<ICaptureDerived>(provider => provider.GetRequiredService<BillingLedger>());
        return services.AddWireKind(new WireKind(IngestTracesEndpoints.Kind, "IngestTraces", typeof(IngestTracesRequest), typeof(IngestDetails)));
    }
}
