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
internal sealed class AdminToken(RequestDelegate next, IOptions<BeaconOptions> options)
{
    public const string PathPrefix = "/mock";

    private readonly byte[]? _expected = options.Value.Admin.Token is { } token ? Encoding.UTF8.GetBytes(token) : null;

    public Task InvokeAsync(HttpContext context)
    {
        // StartsWithSegments ignores case, as routing does: /MOCK/captures is still /mock/captures.
        if (_expected is null || !context.Request.Path.StartsWithSegments(PathPrefix) || Presents(context.Request, _expected))
            return next(context);
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"Beacon.MockServer /mock\"";
        return Problems.Status(StatusCodes.Status401Unauthorized, "Admin token required.",
            "Beacon:Admin:Token is set: send it as 'Authorization: Bearer <token>' to use the /mock routes.").ExecuteAsync(context);
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
