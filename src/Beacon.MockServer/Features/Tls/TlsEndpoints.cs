using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Features.Tls;

internal static class TlsEndpoints
{
    public const string PemContentType = "application/x-pem-file";

    public static IEndpointConventionBuilder MapTlsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/mock/tls/ca.pem", CaCertificate)
            .WithTags("Mock")
            .WithName("GetTlsCaCertificate")
            .WithSummary("The mock's CA certificate (PEM, never its key): trust it to reach the mock over HTTPS under any host name")
            .Produces<string>(StatusCodes.Status200OK, PemContentType);

    internal static ContentHttpResult CaCertificate(CertificateAuthority authority) =>
        TypedResults.Text(authority.CertificatePem, PemContentType);
}
