using System.Collections.Concurrent;
using System.Diagnostics;

namespace Beacon.MockServer.Tests.Infrastructure;

/// <summary>
/// The built server run as a user runs it (<c>dotnet Beacon.MockServer.dll ...</c>), in its own process, with
/// what it prints collected line by line. Disposing kills it if it is still running.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>A safety net: a server that neither starts nor stops within this fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _error = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<string, bool>? _awaited;
    private TaskCompletionSource<string>? _seen;

    private ServerProcess(Process process) => _process = process;

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "Beacon.MockServer.dll");

    public IReadOnlyCollection<string> Output => _output;

    public IReadOnlyCollection<string> Error => _error;

    public int ExitCode => _process.ExitCode;

    public static ServerProcess Start(string workingDirectory, params string[] args) => Start(new ProcessStartInfo("dotnet"), workingDirectory, args);

    /// <summary>Starts the server through a shell that first sets the process's umask, as a container's entry point might.</summary>
    public static ServerProcess StartUnderUmask(string umask, string workingDirectory, params string[] args)
    {
        var shell = new ProcessStartInfo("sh");
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add($"umask {umask} && exec dotnet \"$@\"");
        shell.ArgumentList.Add("sh");
        return Start(shell, workingDirectory, args);
    }

    private static ServerProcess Start(ProcessStartInfo start, string workingDirectory, string[] args)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = workingDirectory;
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // The child must not inherit a content root or environment from the test host.
        start.Environment.Remove("ASPNETCORE_CONTENTROOT");
        start.Environment.Remove("DOTNET_CONTENTROOT");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var server = new ServerProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        server._process.OutputDataReceived += (_, e) => server.Received(server._output, e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Received(server._error, e.Data);
        server._process.Exited += (_, _) => server._exited.TrySetResult();
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Completes with the first line (on either stream) that matches, or fails if the server exits or the bound passes first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> matches)
    {
        _seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _awaited = matches;
        if (_output.Concat(_error).FirstOrDefault(matches) is { } already)
            return already;
        var first = await Task.WhenAny(_seen.Task, _exited.Task).WaitAsync(Bound);
        if (first != _seen.Task)
            throw new InvalidOperationException($"The server exited ({_process.ExitCode}) first:\n{string.Join('\n', _output.Concat(_error))}");
        return await _seen.Task;
    }

    /// <summary>The addresses the server says it listens on ("Now listening on: ..."), once it has named <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<Uri>> ListeningAsync(int count)
    {
        const string Listening = "Now listening on: ";
        IEnumerable<Uri> Addresses() => _output.Select(l => l.IndexOf(Listening, StringComparison.Ordinal) is >= 0 and var at ? new Uri(l[(at + Listening.Length)..].Trim()) : null).OfType<Uri>();
        await WaitForLineAsync(_ => Addresses().Count() >= count);
        return [.. Addresses()];
    }

    /// <summary>Waits for the server to exit by itself (a start-up failure); the streams are read to their end.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(Bound);
            await _process.WaitForExitAsync(timeout.Token);
        }
        _process.Dispose();
    }

    private void Received(ConcurrentQueue<string> lines, string? line)
    {
        if (line is null)
            return;
        lines.Enqueue(line);
        if (_awaited is { } matches && matches(line))
            _seen?.TrySetResult(line);
    }
}
