using Beacon.MockServer.Http;
using Serilog.Core;
using Serilog.Events;

namespace Beacon.MockServer.Features.Upstream;

/// <summary>
/// YARP logs the URL of every request it forwards whole ("Proxying to {targetUrl}"), and a client may have put a
/// key in its query: the URL is masked as the mock masks every URL it logs (<see cref="UrlMasking.Url"/>).
/// </summary>
internal sealed class ForwarderLogMasking : ILogEventEnricher
{
    private const string Property = "targetUrl";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.TryGetValue(Property, out var value) && value is ScalarValue { Value: string url }
            && UrlMasking.Url(url) is var masked && !ReferenceEquals(masked, url))
            logEvent.AddOrUpdateProperty(new LogEventProperty(Property, new ScalarValue(masked)));
    }
}
