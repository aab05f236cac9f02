using Beacon.MockServer.Tests.Configuration;

namespace Beacon.MockServer.Tests.Features.Egress;

/// <summary>A bad <c>Beacon:Egress</c> setting stops the server at start, with a message that names its key.</summary>
public sealed class EgressOptionsTests
{
    [Theory]
    [InlineData("Beacon:Egress:Disabled:0", "log", "Beacon:Egress:Disabled:0 must be a capture kind")]
    [InlineData("Beacon:Egress:MinLogSeverity", "25", "Beacon:Egress:MinLogSeverity must be an OTLP severityNumber")]
    [InlineData("Beacon:Egress:MinLogSeverity", "0", "Beacon:Egress:MinLogSeverity")]
    [InlineData("Beacon:Egress:Patterns:0:Regex", "(?<=x)y", "Beacon:Egress:Patterns:0:Regex is not a regular expression the audit can run")]
    [InlineData("Beacon:Egress:Patterns:0:Regex", "[", "Beacon:Egress:Patterns:0:Regex")]
    [InlineData("Beacon:Egress:MaxExamples", "4", "Beacon:Egress:MaxExamples must be between 0 and 3")]
    [InlineData("Beacon:Egress:MaxFieldPaths", "0", "Beacon:Egress:MaxFieldPaths")]
    [InlineData("Beacon:Egress:MaxEndpoints", "0", "Beacon:Egress:MaxEndpoints")]
    [InlineData("Beacon:Egress:MaxNamespaces", "0", "Beacon:Egress:MaxNamespaces")]
    [InlineData("Beacon:Egress:MaxEvidence", "0", "Beacon:Egress:MaxEvidence")]
    [InlineData("Beacon:Egress:MaxKeys", "0", "Beacon:Egress:MaxKeys")]
    [InlineData("Beacon:Egress:Enabled", "maybe", "Beacon:Egress:Enabled")]
    public void ABadSetting_FailsNamingTheKey(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Beacon:Egress:Patterns:0:", StringComparison.Ordinal))
            settings["Beacon:Egress:Patterns:0:Name"] = "mine";

        var error = Assert.ThrowsAny<Exception>(() => ConfigurationTests.Resolve(settings));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void APatternWithoutAName_FailsNamingTheKey()
    {
        var error = Assert.ThrowsAny<Exception>(() => ConfigurationTests.Resolve(new Dictionary<string, string?> { ["Beacon:Egress:Patterns:2:Regex"] = "EMP-[0-9]+" }));

        Assert.Contains("Beacon:Egress:Patterns:2:Name", error.Message);
    }

    [Fact]
    public void GoodSettings_Start()
    {
        using var provider = ConfigurationTests.Resolve(new Dictionary<string, string?>
        {
            ["Beacon:Egress:Disabled:0"] = "usage-snapshot",
            ["Beacon:Egress:MinLogSeverity"] = "17",
            ["Beacon:Egress:Patterns:0:Name"] = "employee-id",
            ["Beacon:Egress:Patterns:0:Regex"] = "EMP-[0-9]{6}",
            ["Beacon:Egress:MaxExamples"] = "0",
        });
    }
}
