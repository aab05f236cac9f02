using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Configuration;

/// <summary>
/// A start that cannot succeed because of how the server was set up (a bad setting, a port already in use)
/// ends with one line that says why and exit code 1: a stack trace would only hide the line that matters.
/// </summary>
internal static class StartupFailure
{
    /// <summary>Checks every setting now, before the host starts and would log a failure with its stack trace.</summary>
    public static void ValidateSettings(this WebApplication app) =>
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();

    /// <summary>The one line for a failure the user can fix; null for any other exception, which keeps its stack trace.</summary>
    public static string? Explain(Exception exception) => exception switch
    {
        OptionsValidationException bad => $"Beacon.MockServer did not start: {bad.Message}",
        InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" } mistyped => $"Beacon.MockServer did not start: {mistyped.Message}",
        IOException { InnerException: AddressInUseException } inUse =>
            $"Beacon.MockServer did not start: {inUse.Message} Stop what is using it, or choose another address with --urls.",
        IOException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AccessDenied } } denied =>
            $"Beacon.MockServer did not start: {denied.Message} A port below 1024 needs privileges: choose another with --urls, "
            + "or let unprivileged processes bind it (sysctl net.ipv4.ip_unprivileged_port_start=0; compose: sysctls).",
        _ => null,
    };

    /// <summary>Whether a log event's exception is one <see cref="Explain"/> reports, so it is not also logged with its stack trace.</summary>
    public static bool Explains(Exception? exception) => exception is not null && Explain(exception) is not null;
}
