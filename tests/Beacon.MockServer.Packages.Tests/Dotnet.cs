using System.Diagnostics;
using System.Text;

namespace Beacon.MockServer.Packages.Tests;

/// <summary>Runs the .NET CLI as a developer would from a shell, and gives its exit code and everything it printed.</summary>
internal static class Dotnet
{
    /// <summary>A safety net for one command (a pack or a restore may be slow on a busy machine), not a measure.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // What the test host's own build left in the environment (MSBuild's paths and switches, the test platform's)
        // belongs to that build: the commands here start from a clean slate, as in a developer's shell.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        // No build nodes left running once the command is done.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var lines = new object();
        process.OutputDataReceived += (_, e) => { lock (lines) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (lines) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {Limit}:\n{output}");
        }
        process.WaitForExit();
        lock (lines)
            return (process.ExitCode, output.ToString());
    }

    /// <summary>Runs a command that must succeed, and gives its output.</summary>
    public static async Task<string> SucceedAsync(string workingDirectory, params string[] arguments)
    {
        var (exitCode, output) = await RunAsync(workingDirectory, arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        return output;
    }
}
