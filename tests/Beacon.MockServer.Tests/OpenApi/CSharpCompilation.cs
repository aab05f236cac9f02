using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Beacon.MockServer.Tests.OpenApi;

/// <summary>
/// Generated C# and code written against it, compiled once in memory with Roslyn: each use in a file of its own, so
/// that the errors of one (a misspelling) are told apart from the others'.
/// </summary>
public sealed class GeneratedCSharp
{
    private readonly IReadOnlyList<Diagnostic> _errors;

    public GeneratedCSharp(IEnumerable<string> generated, IEnumerable<string> uses, IEnumerable<string> extraReferences)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(extraReferences).Distinct().Select(p => MetadataReference.CreateFromFile(p));
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var trees = generated.Select((text, i) => CSharpSyntaxTree.ParseText(text, options, path: $"Generated{i}.cs"))
            .Concat(uses.Select(text => CSharpSyntaxTree.ParseText(text, options, path: text)));
        var compilation = CSharpCompilation.Create("UsesGenerated", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _errors = [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
    }

    /// <summary>The errors in the generated code itself.</summary>
    public IReadOnlyList<Diagnostic> GeneratedErrors => [.. _errors.Where(e => e.Location.SourceTree?.FilePath.StartsWith("Generated", StringComparison.Ordinal) == true)];

    /// <summary>The compile errors in the code <paramref name="use"/>.</summary>
    public IReadOnlyList<Diagnostic> ErrorsIn(string use) => [.. _errors.Where(e => e.Location.SourceTree?.FilePath == use)];
}
