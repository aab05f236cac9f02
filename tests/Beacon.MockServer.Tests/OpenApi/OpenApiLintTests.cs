using System.Text.Json;

namespace Beacon.MockServer.Tests.OpenApi;

/// <summary>
/// Redocly's linter, with its recommended rules, finds no error in the served document (examples valid against their
/// schemas, unique operationIds, security declared, no trailing slash on the server), and no warning but the two the
/// README lists with their reasons.
/// </summary>
[Collection(OpenApiToolsCollection.Name)]
public sealed class OpenApiLintTests(OpenApiTools tools)
{
    /// <summary>
    /// The warnings the README lists: the two routes that never answer a 4xx, and the server, which is the address
    /// the document was read from (<c>http://localhost</c> here, as in the test host).
    /// </summary>
    private static readonly string[] Expected =
    [
        "no-server-example.com #/servers/0/url",
        "operation-4xx-response #/paths/~1.well-known~1jwks.json/get/responses",
        "operation-4xx-response #/paths/~1healthz/get/responses",
    ];

    [Fact]
    public async Task RedoclyLint_FindsNoError()
    {
        var problems = (await tools.Lint);

        Assert.Empty(problems.Where(p => p.Severity == "error").Select(p => p.ToString()));
    }

    [Fact]
    public async Task RedoclyLint_WarnsOnlyOfWhatTheReadmeLists()
    {
        var problems = (await tools.Lint);

        Assert.Equal(Expected, problems.Where(p => p.Severity == "warn").Select(p => $"{p.Rule} {p.Pointer}").Order());
    }

    public sealed record Problem(string Severity, string Rule, string Message, string Pointer)
    {
        public override string ToString() => $"{Severity} {Rule} at {Pointer}: {Message}";
    }

    /// <summary><c>redocly lint --format=json</c> over the document, once for the run (<see cref="OpenApiTools"/> starts it).</summary>
    public static class Linted
    {
        public static async Task<IReadOnlyList<Problem>> LintAsync(OpenApiTools tools)
        {
            var folder = tools.Folder("lint");
            // Exit code 1 when it finds an error: the report says which, and the tests above name them.
            var run = await tools.NodeAsync("redocly", folder, "lint", tools.DocumentPath, "--format=json", "--extends=recommended");
            var start = run.Output.IndexOf('{', StringComparison.Ordinal);
            if (start < 0)
                throw new InvalidOperationException($"redocly lint printed no report (exit code {run.ExitCode}):\n{run.Printed}");
            using var report = JsonDocument.Parse(run.Output[start..]);
            return [.. report.RootElement.GetProperty("problems").EnumerateArray().Select(p => new Problem(
                p.GetProperty("severity").GetString()!, p.GetProperty("ruleId").GetString()!, p.GetProperty("message").GetString()!,
                string.Join(' ', p.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString()))))];
        }
    }
}
