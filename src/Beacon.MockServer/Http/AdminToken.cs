using System.Security.Cryptography;
using System.Text;
using Beacon.MockServer.Configuration;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Http;

/// <summary>
/// With <c>Beacon:Admin:Token</c> set, every /mock route asks for <c>Authorization: Bearer &lt;token&gt;</c>, so a
/// mock shared between teams cannot be read, reset or rigged by whoever can reach it. The wire routes never
/// ask: the clients under test must not need to know about the mock.
/// </summary>
public static class AdminToken
{
    public const string PathPrefix = "/mock";

    public static IApplicationBuilder UseAdminToken(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<BeaconOptions>>().Value.Admin.Token is not { } token)
            return app;
        var expected = Encoding.UTF8.GetBytes(token);
        return app.Use((context, next) =>
        {
            // StartsWithSegments ignores case, as routing does: /MOCK/captures is still /mock/captures.
            if (!context.Request.Path.StartsWithSegments(PathPrefix) || Presents(context.Request, expected))
                return next(context);
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"Beacon.MockServer /mock\"";
            return Problems.Status(StatusCodes.Status401Unauthorized, "Admin token required.",
                "Beacon:Admin:Token is set: send it as 'Authorization: Bearer <token>' to use the /mock routes.").ExecuteAsync(context);
        });
    }

    private static bool Presents(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        var presented = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        // Constant time, so the comparison does not tell an attacker how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
