using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.OpenApi;

[CollectionDefinition(Name)]
public sealed class OpenApiToolsCollection : ICollectionFixture<OpenApiTools>
{
    public const string Name = "OpenAPI generators";
}

/// <summary>
/// The served document and the tools a user points at it, once for every OpenAPI test class: Redocly's linter,
/// openapi-typescript and TypeScript from npm (the versions in <c>tools/package-lock.json</c>, installed with
/// <c>npm ci</c>), and Kiota from NuGet (<c>dotnet tool install</c>). Installs are kept in a folder of the system's
/// temp directory named for the versions, so a second run installs nothing. Node.js missing fails the tests with how
/// to install it, rather than skip them.
/// </summary>
public sealed class OpenApiTools : IAsyncLifetime
{
    public const string KiotaVersion = "1.38.0";

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(5);

    private readonly string _work = Directory.CreateTempSubdirectory("beacon-openapi-").FullName;

    /// <summary>The document as <c>GET /openapi/v1.json</c> serves it, and where it was written.</summary>
    public string Document { get; private set; } = "";

    public string DocumentPath => Path.Combine(_work, "openapi.json");

    /// <summary>The folder with <c>node_modules</c> (openapi-typescript, tsc, redocly).</summary>
    public string NodeTools { get; private set; } = "";

    /// <summary>The folder with the <c>kiota</c> executable.</summary>
    public string KiotaTools { get; private set; } = "";

    /// <summary>A new empty folder for one test class's output.</summary>
    public string Folder(string name) => Directory.CreateDirectory(Path.Combine(_work, name)).FullName;

    public async Task InitializeAsync()
    {
        using (var app = new BeaconApplication())
            Document = await app.CreateBeaconClient().GetStringAsync("/openapi/v1.json");
        await File.WriteAllTextAsync(DocumentPath, Document);
        // npm and the .NET tool install side by side: each waits on its registry more than on the processor.
        var node = InstallNodeToolsAsync();
        var kiota = InstallKiotaAsync();
        NodeTools = await node;
        KiotaTools = await kiota;
        // Every generator and the linter at once: the suite waits for the slowest, not for their sum.
        TypeScript = Task.Run(() => TypeScriptGeneratorTests.Compiled.BuildAsync(this));
        Kiota = Task.Run(() => KiotaGeneratorTests.Generated.BuildAsync(this));
        NSwag = Task.Run(() => NSwagGeneratorTests.Generated.BuildAsync(this));
        Lint = Task.Run(() => OpenApiLintTests.Linted.LintAsync(this));
    }

    public Task<TypeScriptGeneratorTests.Result> TypeScript { get; private set; } = null!;

    public Task<GeneratedCSharp> Kiota { get; private set; } = null!;

    public Task<(string Code, GeneratedCSharp Compiled)> NSwag { get; private set; } = null!;

    public Task<IReadOnlyList<OpenApiLintTests.Problem>> Lint { get; private set; } = null!;

    public async Task DisposeAsync()
    {
        // Let a run that no test awaited finish before its folder goes.
        await Task.WhenAll(new Task[] { TypeScript, Kiota, NSwag, Lint }.Where(t => t is not null)).ContinueWith(_ => { }, TaskScheduler.Default);
        Directory.Delete(_work, recursive: true);
    }

    /// <summary>Runs a tool installed under <see cref="NodeTools"/> (its <c>node_modules/.bin</c> name) with node.</summary>
    public Task<ToolRun> NodeAsync(string bin, string workingDirectory, params string[] args) =>
        RunAsync(Path.Combine(NodeTools, "node_modules", ".bin", bin), workingDirectory, args);

    public Task<ToolRun> KiotaAsync(string workingDirectory, params string[] args) =>
        RunAsync(Path.Combine(KiotaTools, "kiota"), workingDirectory, args);

    private static async Task<string> InstallNodeToolsAsync()
    {
        var source = Path.Combine(Repository.Root, "tests", "Beacon.MockServer.Tests", "OpenApi", "tools");
        var lockFile = await File.ReadAllBytesAsync(Path.Combine(source, "package-lock.json"));
        var folder = Path.Combine(Path.GetTempPath(), "beacon-openapi-node-" + Convert.ToHexStringLower(SHA256.HashData(lockFile))[..12]);
        var done = Path.Combine(folder, ".installed");
        if (File.Exists(done))
            return folder;
        var node = await TryRunAsync("node", source, "--version");
        if (node is not { ExitCode: 0 })
        {
            throw new InvalidOperationException("The OpenAPI generator tests need Node.js 20 or later and npm on the PATH (they run "
                + "openapi-typescript, tsc and redocly). Install them with: apt-get update && apt-get install -y nodejs npm");
        }
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(source, "package.json"), Path.Combine(folder, "package.json"), overwrite: true);
        File.Copy(Path.Combine(source, "package-lock.json"), Path.Combine(folder, "package-lock.json"), overwrite: true);
        (await RunAsync("npm", folder, "ci", "--no-audit", "--no-fund", "--loglevel=error")).Succeeded("npm ci");
        await File.WriteAllTextAsync(done, "");
        return folder;
    }

    private static async Task<string> InstallKiotaAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "beacon-openapi-kiota-" + KiotaVersion);
        if (File.Exists(Path.Combine(folder, "kiota")))
            return folder;
        (await RunAsync("dotnet", Path.GetTempPath(), "tool", "install", "Microsoft.OpenApi.Kiota", "--version", KiotaVersion, "--tool-path", folder))
            .Succeeded("dotnet tool install Microsoft.OpenApi.Kiota");
        return folder;
    }

    private static async Task<ToolRun?> TryRunAsync(string file, string workingDirectory, params string[] args)
    {
        try
        {
            return await RunAsync(file, workingDirectory, args);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Runs <paramref name="file"/> to its end (at most <see cref="ToolTimeout"/>), collecting what it printed.</summary>
    public static async Task<ToolRun> RunAsync(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // No colours, no update checks: the output is read by the tests.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        start.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ToolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {ToolTimeout}.");
        }
        return new ToolRun($"{Path.GetFileName(file)} {string.Join(' ', args)}", process.ExitCode, await output, await error);
    }
}

/// <summary>What a tool printed and how it ended.</summary>
public sealed record ToolRun(string Command, int ExitCode, string Output, string Error)
{
    public string Printed => new StringBuilder(Output).Append(Error).ToString();

    /// <summary>Throws, with everything it printed, unless it exited 0.</summary>
    public ToolRun Succeeded(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed ({Command}, exit code {ExitCode}):\n{Printed}");
}
