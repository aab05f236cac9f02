namespace Beacon.MockServer.Tests.OpenApi;

/// <summary>
/// Kiota (the <c>Microsoft.OpenApi.Kiota</c> tool) turns the served document into a C# client that compiles against
/// Microsoft.Kiota.Abstractions. A capture, in a list or alone, is a wrapper with one property per kind (Kiota's
/// form of <c>anyOf</c>): it reads every kind's shape from the capture, so a test narrows by the <c>Kind</c> each of them
/// carries (<c>capture.VerifyCapture is { Kind: Capture_kind.Verify } verify</c>). A misspelled field is a compile error.
/// </summary>
[Collection(OpenApiToolsCollection.Name)]
public sealed class KiotaGeneratorTests(OpenApiTools tools)
{
    private const string Narrowing = """
            using System.Linq;
            using System.Threading.Tasks;
            using Generated.Kiota.Models;

            public static class Use
            {
                public static string? License(CaptureList list) =>
                    list.Items?.FirstOrDefault()?.VerifyCapture is { Kind: Capture_kind.Verify } verify ? verify.Payload?.License : null;

                public static async Task<string?> One(Generated.Kiota.MockClient client) =>
                    (await client.Mock.Captures[7L].GetAsync())?.VerifyCapture is { Kind: Capture_kind.Verify } verify ? verify.Payload?.License : null;

                public static int? Inserted(CaptureList.CaptureList_items capture) =>
                    capture.IngestTracesCapture is { Kind: Capture_kind.IngestTraces } ingest ? ingest.Details?.InsertedCount : null;

                public static string? FirstSpan(CaptureList.CaptureList_items capture) =>
                    capture.TracesCapture is { Kind: Capture_kind.Traces } traces ? traces.Payload?.ResourceSpans?.FirstOrDefault()?.ScopeSpans?.FirstOrDefault()?.Spans?.FirstOrDefault()?.Name : null;
            }
            """;

    private static readonly string[] Misspelled = ["Payload?.Licence", "Payload?.License_key", "Detials"];

    [Fact]
    public async Task TheGeneratedClient_Compiles()
    {
        Assert.Empty((await tools.Kiota).GeneratedErrors);
    }

    [Fact]
    public async Task AVerifyCapture_NarrowsByKind_ToAPayloadWhoseLicenseIsAString()
    {
        Assert.Empty((await tools.Kiota).ErrorsIn(Narrowing));
    }

    [Theory]
    [InlineData("Payload?.Licence", "Licence")]
    [InlineData("Payload?.License_key", "License_key")]
    [InlineData("Detials", "Detials")]
    public async Task AMisspelledField_DoesNotCompile(string access, string misspelled)
    {
        var errors = (await tools.Kiota).ErrorsIn(Generated.Misuse(access));

        Assert.Contains(errors, e => e.Id == "CS1061" && e.GetMessage().Contains(misspelled, StringComparison.Ordinal));
    }

    /// <summary>The client Kiota generates (no serializer libraries: only the abstractions), compiled with every use, once for the run.</summary>
    public static class Generated
    {
        public static async Task<GeneratedCSharp> BuildAsync(OpenApiTools tools)
        {
            var folder = tools.Folder("kiota");
            (await tools.KiotaAsync(folder, "generate", "--language", "CSharp", "--openapi", tools.DocumentPath, "--output", Path.Combine(folder, "client"),
                "--namespace-name", "Generated.Kiota", "--class-name", "MockClient", "--serializer", "none", "--deserializer", "none",
                "--exclude-backward-compatible", "--log-level", "Error")).Succeeded("kiota generate");
            var code = await Task.WhenAll(Directory.EnumerateFiles(Path.Combine(folder, "client"), "*.cs", SearchOption.AllDirectories).Select(f => File.ReadAllTextAsync(f)));
            var abstractions = typeof(Microsoft.Kiota.Abstractions.Serialization.IParsable).Assembly.Location;
            return new GeneratedCSharp(code, [Narrowing, .. Misspelled.Select(Misuse)], [abstractions]);
        }

        public static string Misuse(string access) => $$"""
            public static class Use{{(uint)access.GetHashCode()}}
            {
                public static object? Read(Generated.Kiota.Models.CaptureList.CaptureList_items capture) => capture.VerifyCapture is { } verify ? verify.{{access}} : null;
            }
            """;
    }
}
