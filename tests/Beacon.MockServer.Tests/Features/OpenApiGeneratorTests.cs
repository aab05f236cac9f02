using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;

namespace Beacon.MockServer.Tests.Features;

/// <summary>
/// The OpenAPI document is typed enough for an off-the-shelf generator: NSwag's C# generator turns it into types in
/// which a capture narrows by its kind (a verify capture's payload.License is a string) and a misspelled field is a
/// compile error, checked by compiling code against what it generated with Roslyn.
/// </summary>
public sealed class OpenApiGeneratorTests(OpenApiGeneratorTests.Generated generated) : IClassFixture<OpenApiGeneratorTests.Generated>
{
    /// <summary>What a test author writes against the generated types: it must compile.</summary>
    private const string Narrowing = """
            using System.Linq;

            public static class Use
            {
                public static string? License(Generated.Capture capture) => capture is Generated.VerifyCapture verify ? verify.Payload?.License : null;

                public static int? Inserted(Generated.Capture capture) => capture is Generated.IngestTracesCapture ingest ? ingest.Details?.InsertedCount : null;

                public static string? FirstSpan(Generated.Capture capture) =>
                    capture is Generated.TracesCapture traces ? traces.Payload?.ResourceSpans?.FirstOrDefault()?.ScopeSpans?.FirstOrDefault()?.Spans?.FirstOrDefault()?.Name : null;

                public static string? Refusal(Generated.Capture capture) => capture is Generated.AuthCapture auth ? auth.Details?.Refusal?.ToString() : null;
            }
            """;

    /// <summary>Misspelled fields, each in a class of its own: each must be a compile error that names it.</summary>
    private static readonly string[] Misspelled = ["Payload?.Licence", "Payload?.License_key", "Detials"];

    [Fact]
    public void AVerifyCapture_NarrowsByKind_ToAPayloadWhoseLicenseIsAString()
    {
        Assert.Empty(generated.ErrorsIn(Narrowing));
    }

    [Theory]
    [InlineData("Payload?.Licence", "Licence")]
    [InlineData("Payload?.License_key", "License_key")]
    [InlineData("Detials", "Detials")]
    public void AMisspelledField_DoesNotCompile(string access, string misspelled)
    {
        var errors = generated.ErrorsIn(Generated.Misuse(access));

        Assert.Contains(errors, e => e.Id == "CS1061" && e.GetMessage().Contains(misspelled, StringComparison.Ordinal));
    }

    [Fact]
    public void TheGeneratedTypes_ReadARealCaptureList_IntoTheKindsSubtypes()
    {
        Assert.Contains("class VerifyCapture : Capture", generated.Code);
        Assert.Contains("\"kind\"", generated.Code);
    }

    /// <summary>The document, the C# NSwag generates from it, and one compilation of it with every use, once for the class.</summary>
    public sealed class Generated : IDisposable
    {
        private readonly BeaconApplication _app = new();
        private readonly IReadOnlyList<Diagnostic> _errors;

        public Generated()
        {
            var json = _app.CreateBeaconClient().GetStringAsync("/openapi/v1.json").GetAwaiter().GetResult();
            var document = OpenApiDocument.FromJsonAsync(json).GetAwaiter().GetResult();
            var settings = new CSharpClientGeneratorSettings { GenerateClientClasses = false, GenerateDtoTypes = true };
            settings.CSharpGeneratorSettings.Namespace = "Generated";
            settings.CSharpGeneratorSettings.JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson;
            Code = new CSharpClientGenerator(document, settings).GenerateFile();
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p));
            var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
            var trees = new[] { Code, Narrowing }.Concat(Misspelled.Select(Misuse)).Select(text => CSharpSyntaxTree.ParseText(text, options, path: text == Code ? "Generated.cs" : text));
            var compilation = CSharpCompilation.Create("UsesGenerated", trees, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            _errors = [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
        }

        public string Code { get; }

        /// <summary>A class of its own that reads <paramref name="access"/> off a verify capture.</summary>
        public static string Misuse(string access) => $$"""
            public static class Use{{(uint)access.GetHashCode()}}
            {
                public static object? Read(Generated.Capture capture) => capture is Generated.VerifyCapture verify ? verify.{{access}} : null;
            }
            """;

        /// <summary>The compile errors in the code <paramref name="use"/>, compiled with the generated types.</summary>
        public IReadOnlyList<Diagnostic> ErrorsIn(string use) => [.. _errors.Where(e => e.Location.SourceTree?.FilePath == use)];

        public void Dispose() => _app.Dispose();
    }
}
