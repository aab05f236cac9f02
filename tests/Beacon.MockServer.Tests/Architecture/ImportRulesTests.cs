using System.Text.RegularExpressions;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Architecture;

/// <summary>
/// Imports run one way: <c>Configuration</c>, then <c>Http</c>, <c>Store</c>, <c>Pipeline</c>, <c>Api</c>, each importing
/// only the layers before it; a feature imports the kernel and never another feature; only the composition root
/// (the files at the project's top) knows them all. Read from the source as text, the way grep would: a <c>using</c>,
/// a fully qualified name, or a name qualified from the parent namespace (<c>Pipeline.KernelJson</c>) all count.
/// </summary>
public sealed partial class ImportRulesTests
{
    /// <summary>The kernel's layers, lowest first: each may import those before it.</summary>
    private static readonly string[] Kernel = ["Configuration", "Http", "Store", "Pipeline", "Api"];

    [Fact]
    public void EverySourceFile_ImportsOnlyWhatItsLayerMay()
    {
        var root = Path.Combine(Repository.Root, "src", "Beacon.MockServer");
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();
        Assert.True(files.Count > 100, $"found only {files.Count} source files under {root}");

        var violations = files.SelectMany(f => Violations(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f))).ToList();

        Assert.True(violations.Count == 0, "Imports that run the wrong way:\n" + string.Join("\n", violations));
    }

    [Theory]
    [InlineData("Features/Faults/FaultHook.cs", "using Beacon.MockServer.Features.Otlp;", "Features/Faults imports Features/Otlp")]
    [InlineData("Features/License/LicenseClaims.cs", "var x = Pipeline.KernelJson.Default; var y = Features.Tokens.TokenOptions.Section;", "Features/License imports Features/Tokens")]
    [InlineData("Http/StrictQuery.cs", "using Beacon.MockServer.Pipeline;", "Http imports Pipeline")]
    [InlineData("Store/CaptureStore.cs", "x = Beacon.MockServer.Api.Paging.MaxLimit;", "Store imports Api")]
    [InlineData("Pipeline/WirePipeline.cs", "using Beacon.MockServer.Features.Faults;", "Pipeline imports Features/Faults")]
    public void TheCheck_FindsAnImportThatRunsTheWrongWay(string file, string source, string expected) =>
        Assert.Contains(expected, Assert.Single(Violations(file, source)));

    [Theory]
    [InlineData("Features/Otlp/OtlpEndpoints.cs", "using Beacon.MockServer.Features.Otlp.Model;\nusing Beacon.MockServer.Pipeline;\nusing Beacon.MockServer.Api;")]
    [InlineData("Hosting.cs", "using Beacon.MockServer.Features.Faults;\nusing Beacon.MockServer.Features.Upstream;")]
    [InlineData("Api/Waits.cs", "using Beacon.MockServer.Store;\n// Pipeline.Something in a comment does not count\nvar s = \"Features.Otlp.X\";")]
    [InlineData("Http/Problems.cs", "using Microsoft.AspNetCore.Http.HttpResults;\nvar c = builder.Configuration.GetSection(\"x\");")]
    public void TheCheck_AllowsWhatALayerMayImport(string file, string source) => Assert.Empty(Violations(file, source));

    /// <summary>What <paramref name="source"/>, at <paramref name="file"/> (relative to the project), imports that its layer may not.</summary>
    private static IEnumerable<string> Violations(string file, string source)
    {
        var layer = LayerOf(file);
        var code = StringsAndComments().Replace(source, "");
        var referenced = Qualified().Matches(code).Select(m => m.Groups["layer"].Value)
            .Select(name => name.StartsWith("Features.", StringComparison.Ordinal) ? "Features/" + name["Features.".Length..] : name)
            .Distinct();
        foreach (var target in referenced)
        {
            if (!May(layer, target))
                yield return $"{file}: {layer} imports {target}";
        }
    }

    /// <summary><c>Configuration</c>... <c>Api</c>, <c>Features/Otlp</c>, or <c>Root</c> for the composition root.</summary>
    private static string LayerOf(string file)
    {
        var parts = file.Split('/');
        return parts.Length == 1 ? "Root" : parts[0] == "Features" ? $"Features/{parts[1]}" : parts[0];
    }

    private static bool May(string layer, string target)
    {
        if (layer == "Root" || layer == target)
            return true;
        var kernelTarget = Array.IndexOf(Kernel, target);
        if (layer.StartsWith("Features/", StringComparison.Ordinal))
            return kernelTarget >= 0;
        var kernelLayer = Array.IndexOf(Kernel, layer);
        return kernelLayer >= 0 && kernelTarget >= 0 && kernelTarget < kernelLayer;
    }

    /// <summary>A namespace of ours, fully qualified or qualified from the parent namespace, not preceded by another name.</summary>
    [GeneratedRegex(@"(?<![\w.])(?:Beacon\.MockServer\.)?(?<layer>Configuration|Http|Store|Pipeline|Api|Features\.\w+)(?:\.[A-Za-z_]|\s*;)")]
    private static partial Regex Qualified();

    /// <summary>String literals (regular, verbatim, raw) and comments, which may name anything.</summary>
    [GeneratedRegex(@"""""""[\s\S]*?""""""|@""(?:[^""]|"""")*""|""(?:\\.|[^""\\\n])*""|//[^\n]*|/\*[\s\S]*?\*/")]
    private static partial Regex StringsAndComments();
}
