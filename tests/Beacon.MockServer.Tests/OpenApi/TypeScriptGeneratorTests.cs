using System.Text.RegularExpressions;

namespace Beacon.MockServer.Tests.OpenApi;

/// <summary>
/// openapi-typescript turns the served document into types that compile with <c>tsc --strict</c> (no
/// <c>skipLibCheck</c>), in which a capture, in a list or alone, narrows by <c>kind</c> to its payload and details,
/// and a misspelled field is a compile error. One tsc run compiles the generated file, the code that must compile
/// and each misspelling, in a file of its own.
/// </summary>
[Collection(OpenApiToolsCollection.Name)]
public sealed partial class TypeScriptGeneratorTests(OpenApiTools tools)
{
    /// <summary>What a test author writes against the generated types.</summary>
    private const string Narrowing = """
        import type { components, paths } from "./api";

        type CaptureList = components["schemas"]["CaptureList"];
        type OneCapture = paths["/mock/captures/{sequence}"]["get"]["responses"][200]["content"]["application/json"];

        export function license(list: CaptureList): string | null | undefined {
          for (const c of list.items) {
            if (c.kind === "verify") return c.payload?.license;
          }
          return undefined;
        }

        export function firstSpan(c: OneCapture): string | undefined {
          if (c.kind === "traces") return c.payload?.resourceSpans?.[0]?.scopeSpans?.[0]?.spans?.[0]?.name;
          return undefined;
        }

        export function inserted(c: OneCapture): number | undefined {
          return c.kind === "ingest-traces" ? c.details?.insertedCount : undefined;
        }

        export function refusal(c: CaptureList["items"][number]): string | null | undefined {
          return c.kind === "auth" ? c.details?.refusal : undefined;
        }

        export function intValue(c: OneCapture): string | number | null | undefined {
          return c.kind === "logs" ? c.payload?.resourceLogs?.[0]?.scopeLogs?.[0]?.logRecords?.[0]?.attributes?.[0]?.value?.intValue : undefined;
        }
        """;

    /// <summary>Misspelled reads, each in a file of its own: (file, the code, the name tsc must complain of).</summary>
    public static readonly TheoryData<string, string, string> Misspellings = new()
    {
        { "licence", """if (c.kind === "verify") return c.payload?.licence;""", "licence" },
        { "detials", """if (c.kind === "verify") return c.detials;""", "detials" },
        { "payload-of-another-kind", """if (c.kind === "verify") return c.payload?.resourceSpans;""", "resourceSpans" },
    };

    [Fact]
    public async Task TheGeneratedFileAndTheNarrowingCode_Compile()
    {
        var result = await tools.TypeScript;

        Assert.Empty(result.ErrorsIn("api.ts"));
        Assert.Empty(result.ErrorsIn("use.ts"));
    }

    [Theory]
    [MemberData(nameof(Misspellings))]
    public async Task AMisspelledField_DoesNotCompile(string file, string code, string misspelled)
    {
        _ = code;
        var errors = (await tools.TypeScript).ErrorsIn($"{file}.ts");

        Assert.Contains(errors, e => e.Contains("TS2339", StringComparison.Ordinal) || e.Contains("TS2551", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains($"'{misspelled}'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OtlpInt64Fields_AreStringsThatMayBeNumbers()
    {
        var api = (await tools.TypeScript).Api;

        Assert.Matches(IntValue(), api);
    }

    [GeneratedRegex(@"intValue\?: string \| number \| null;")]
    private static partial Regex IntValue();

    /// <summary>The generated file and one tsc run over it and every use, once for the run (<see cref="OpenApiTools"/> starts it).</summary>
    public static class Compiled
    {
        public static async Task<Result> BuildAsync(OpenApiTools tools)
        {
            var folder = tools.Folder("typescript");
            (await tools.NodeAsync("openapi-typescript", folder, tools.DocumentPath, "-o", "api.ts")).Succeeded("openapi-typescript");
            await File.WriteAllTextAsync(Path.Combine(folder, "use.ts"), Narrowing);
            var files = new List<string> { "api.ts", "use.ts" };
            foreach (var row in Misspellings)
            {
                var (file, code) = ((string)row[0], (string)row[1]);
                await File.WriteAllTextAsync(Path.Combine(folder, file + ".ts"), $$"""
                    import type { components } from "./api";
                    export function read(c: components["schemas"]["CaptureList"]["items"][number]): unknown {
                      {{code}}
                      return undefined;
                    }
                    """);
                files.Add(file + ".ts");
            }
            var run = await tools.NodeAsync("tsc", folder, ["--strict", "--noEmit", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", .. files]);
            var lines = run.Printed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new Result(await File.ReadAllTextAsync(Path.Combine(folder, "api.ts")), lines);
        }
    }

    /// <summary>The generated types, and tsc's error lines (<c>file(line,col): error TSnnnn: ...</c>).</summary>
    public sealed record Result(string Api, IReadOnlyList<string> Errors)
    {
        public IReadOnlyList<string> ErrorsIn(string file) => [.. Errors.Where(e => e.StartsWith(file + "(", StringComparison.Ordinal))];
    }
}
