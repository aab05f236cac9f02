using System.Diagnostics;

namespace Beacon.MockServer.Tests.Features.Tls;

/// <summary>The built server run as a process, as <c>dotnet run</c> or a container runs it.</summary>
internal sealed class ServerProcess : IDisposable
{
    private const string Listening = "Now listening on: ";

    private readonly Process _process;

    private ServerProcess(Process process) => _process = process;

    public static ServerProcess Start(params string[] arguments) => Start(new ProcessStartInfo("dotnet"), arguments);

    /// <summary>Started by a shell that set the umask first (POSIX only): the server's own process inherits it.</summary>
    public static ServerProcess StartUnderUmask(string umask, params string[] arguments)
    {
        var shell = new ProcessStartInfo("sh");
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add($"umask {umask} && exec dotnet \"$@\"");
        shell.ArgumentList.Add("sh");
        return Start(shell, arguments);
    }

    private static ServerProcess Start(ProcessStartInfo start, string[] arguments)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = AppContext.BaseDirectory;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Beacon.MockServer.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return new ServerProcess(Process.Start(start)!);
    }

    /// <summary>The addresses the server says it listens on, read from its log until there are <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<Uri>> ListeningAsync(int count, CancellationToken cancellation)
    {
        var addresses = new List<Uri>();
        while (addresses.Count < count)
        {
            var line = await _process.StandardOutput.ReadLineAsync(cancellation)
                ?? throw new InvalidOperationException("The server stopped: " + await _process.StandardError.ReadToEndAsync(cancellation));
            if (line.IndexOf(Listening, StringComparison.Ordinal) is >= 0 and var at)
                addresses.Add(new Uri(line[(at + Listening.Length)..].Trim()));
        }
        return addresses;
    }

    /// <summary>Waits for a server that should not start to exit, and gives its exit code and what it wrote.</summary>
    public async Task<(int ExitCode, string Output, string Error)> ExitAsync(CancellationToken cancellation)
    {
        var output = _process.StandardOutput.ReadToEndAsync(cancellation);
        var error = _process.StandardError.ReadToEndAsync(cancellation);
        await _process.WaitForExitAsync(cancellation);
        return (_process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
