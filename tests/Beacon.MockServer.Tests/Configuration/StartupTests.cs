using System.Net;
using System.Net.Sockets;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Configuration;

/// <summary>
/// The server as a user starts it, in its own process: it loads its settings and logs from wherever it is
/// started, and a start that cannot succeed ends with one line that says why, never a stack trace.
/// </summary>
public sealed class StartupTests
{
    [Fact]
    public async Task StartedFromAnotherFolder_LoadsItsOwnSettings_AndLogsToTheConsole()
    {
        var elsewhere = Directory.CreateTempSubdirectory("beacon-elsewhere-").FullName;
        await using var server = ServerProcess.Start(elsewhere, "--urls", "http://127.0.0.1:0");

        await server.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal));

        var root = await server.WaitForLineAsync(l => l.Contains("Content root path", StringComparison.Ordinal));
        Assert.Contains(AppContext.BaseDirectory.TrimEnd('/'), root);
        Assert.Single(server.Output, l => l.Contains("Now listening on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithNoSettingsFileAtAll_StillLogsToTheConsole()
    {
        var empty = Directory.CreateTempSubdirectory("beacon-no-settings-").FullName;
        await using var server = ServerProcess.Start(empty, "--urls", "http://127.0.0.1:0", "--contentRoot", empty);

        var listening = await server.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal));

        Assert.Contains("http://127.0.0.1:", listening);
        Assert.Single(server.Output, l => l.Contains("Now listening on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithABadSetting_PrintsOneLineNamingTheKey_AndNoStackTrace()
    {
        await using var server = ServerProcess.Start(AppContext.BaseDirectory, "--urls", "http://127.0.0.1:0", "--Beacon:Token:LifetimeSeconds=-5");

        Assert.Equal(1, await server.WaitForExitAsync());

        var line = Assert.Single(server.Error, l => l.Length > 0);
        Assert.Contains("Beacon:Token:LifetimeSeconds must be between 1 and 604800 (was -5)", line);
        AssertNoStackTrace(server);
        Assert.DoesNotContain(server.Output, l => l.Contains("Now listening", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithASettingOfTheWrongType_PrintsOneLineNamingTheKey_AndNoStackTrace()
    {
        await using var server = ServerProcess.Start(AppContext.BaseDirectory, "--urls", "http://127.0.0.1:0", "--Beacon:Store:MaxCaptures=many");

        Assert.Equal(1, await server.WaitForExitAsync());

        Assert.Contains("Beacon:Store:MaxCaptures", Assert.Single(server.Error, l => l.Length > 0));
        AssertNoStackTrace(server);
    }

    [Fact]
    public async Task OnAPortAlreadyInUse_PrintsOneLineNamingTheAddress_AndNoStackTrace()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var server = ServerProcess.Start(AppContext.BaseDirectory, "--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(1, await server.WaitForExitAsync());
        var line = Assert.Single(server.Error, l => l.Length > 0);
        Assert.Contains($"127.0.0.1:{port}", line);
        Assert.Contains("in use", line);
        AssertNoStackTrace(server);
    }

    /// <summary>A port this machine's root may bind, so the refusal itself is made up: what is tested is the one line.</summary>
    [Fact]
    public void APrivilegedPortRefused_IsExplainedInOneLineThatSaysHowToBindIt()
    {
        var refused = new IOException("Failed to bind to address http://0.0.0.0:443.", new SocketException((int)SocketError.AccessDenied));

        var line = Beacon.MockServer.Configuration.StartupFailure.Explain(refused);

        Assert.NotNull(line);
        Assert.Contains("0.0.0.0:443", line);
        Assert.Contains("ip_unprivileged_port_start", line);
        Assert.DoesNotContain('\n', line);
    }

    private static void AssertNoStackTrace(ServerProcess server) =>
        Assert.DoesNotContain(server.Output.Concat(server.Error), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
}
