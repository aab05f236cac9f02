using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Beacon.MockServer.Tests.OpenApi;

/// <summary>
/// NSwag's C# generator turns the served document into a client of the /mock API whose types compile, in which a
/// capture, in a list or alone, narrows by its kind (a verify capture's payload.License is a string) and a misspelled field is a compile
/// error, checked by compiling code against what it generated with Roslyn.
/// </summary>
[Collection(OpenApiToolsCollection.Name)]
public sealed class NSwagGeneratorTests(OpenApiTools tools)
{
    /// <summary>What a test author writes against the generated types: it must compile.</summary>
    private const string Narrowing = """
            using System.Linq;
            using System.Threading.Tasks;

            public static class Use
            {
                public static string? License(Generated.CaptureList list) =>
                    list.Items.FirstOrDefault() is Generated.VerifyCapture verify ? verify.Payload?.License : null;

                public static async Task<string?> One(Generated.MockClient client) =>
                    await client.GetCaptureAsync(7) is Generated.VerifyCapture verify ? verify.Payload?.License : null;

                public static int? Inserted(Generated.Capture capture) => capture is Generated.IngestTracesCapture ingest ? ingest.Details?.InsertedCount : null;

                public static string? FirstSpan(Generated.Capture capture) =>
                    capture is Generated.TracesCapture traces ? traces.Payload?.ResourceSpans?.FirstOrDefault()?.ScopeSpans?.FirstOrDefault()?.Spans?.FirstOrDefault()?.Name : null;

                public static string? Refusal(Generated.Capture capture) => capture is Generated.AuthCapture auth ? auth.Details?.Refusal?.ToString() : null;
            }
            """;

    /// <summary>Misspelled fields, each in a class of its own: each must be a compile error that names it.</summary>
    private static readonly string[] Misspelled = ["Payload?.Licence", "Payload?.License_key", "Detials"];

    [Fact]
    public async Task TheGeneratedClient_Compiles()
    {
        Assert.Empty((await tools.NSwag).Compiled.GeneratedErrors);
    }

    [Fact]
    public async Task AVerifyCapture_NarrowsByKind_ToAPayloadWhoseLicenseIsAString()
    {
        Assert.Empty((await tools.NSwag).Compiled.ErrorsIn(Narrowing));
    }

    [Theory]
    [InlineData("Payload?.Licence", "Licence")]
    [InlineData("Payload?.License_key", "License_key")]
    [InlineData("Detials", "Detials")]
    public async Task AMisspelledField_DoesNotCompile(string access, string misspelled)
    {
        var errors = (await tools.NSwag).Compiled.ErrorsIn(Generated.Misuse(access));

        Assert.Contains(errors, e => e.Id == "CS1061" && e.GetMessage().Contains(misspelled, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheCaptureBase_DeserializesEachKindAsItsSubclass()
    {
        var code = (await tools.NSwag).Code;

        Assert.Contains("class VerifyCapture : Capture", code);
        Assert.Contains("[JsonInheritanceAttribute(\"verify\", typeof(VerifyCapture))]", code);
        Assert.Contains("ICollection<Capture> Items", code);
    }

    /// <summary>The C# NSwag generates from the document, and one compilation of it with every use, once for the run.</summary>
    public static class Generated
    {
        public static async Task<(string Code, GeneratedCSharp Compiled)> BuildAsync(OpenApiTools tools)
        {
            {
                var document = await OpenApiDocument.FromJsonAsync(tools.Document);
                // A client of the mock's own API, as a test author generates it: the wire routes are what the system
                // under test calls. (With them, NSwag 14.8 types the OTLP exports' answers as a FileResponse class it
                // does not write.)
                foreach (var path in document.Paths.Keys.Where(p => !p.StartsWith("/mock/", StringComparison.Ordinal)).ToList())
                    document.Paths.Remove(path);
                var settings = new CSharpClientGeneratorSettings
                {
                    GenerateClientClasses = true,
                    GenerateDtoTypes = true,
                    ClassName = "MockClient",
                    OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
                };
                settings.CSharpGeneratorSettings.Namespace = "Generated";
                settings.CSharpGeneratorSettings.JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson;
                var code = new CSharpClientGenerator(document, settings).GenerateFile();
                return (code, new GeneratedCSharp([code], [Narrowing, .. Misspelled.Select(Misuse)], []));
            }
        }

        /// <summary>A class of its own that reads <paramref name="access"/> off a verify capture.</summary>
        public static string Misuse(string access) => $$"""
            public static class Use{{(uint)access.GetHashCode()}}
            {
                public static object? Read(Generated.Capture capture) => capture is Generated.VerifyCapture verify ? verify.{{access}} : null;
            }
            """;
    }
}
