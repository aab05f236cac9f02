using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;

namespace Beacon.MockServer.Tests;

/// <summary>
/// The Serilog section the server's own files and hosts write is read without Serilog's configuration reader, with the
/// same effect; anything more goes to the reader, as before.
/// </summary>
public sealed class SerilogSettingsTests
{
    private static readonly Dictionary<string, LogEventLevel> Defaults = new() { ["Microsoft.AspNetCore"] = LogEventLevel.Warning };

    public static TheoryData<string> Simple => new()
    {
        // appsettings.json as shipped
        """{"MinimumLevel": {"Default": "Information", "Override": {"Microsoft.AspNetCore": "Warning", "Microsoft.Hosting.Lifetime": "Information"}}, "WriteTo": [{"Name": "Console"}]}""",
        // what BeaconMock and the tests' hosts set
        """{"MinimumLevel": {"Default": "Warning", "Override": {"Microsoft.AspNetCore": "Warning"}}, "WriteTo": [{"Name": "Debug"}]}""",
        // Serilog__MinimumLevel__Default=Warning alone, and the short forms
        """{"MinimumLevel": {"Default": "warning"}}""",
        """{"MinimumLevel": "Debug", "WriteTo": ["Console", "Debug"]}""",
        """{}""",
    };

    public static TheoryData<string> More => new()
    {
        """{"WriteTo": [{"Name": "File", "Args": {"path": "log.txt"}}]}""",
        """{"WriteTo": [{"Name": "Console", "Args": {"outputTemplate": "{Message}{NewLine}"}}]}""",
        """{"Using": ["Serilog.Sinks.Console"], "WriteTo": ["Console"]}""",
        """{"Enrich": ["FromLogContext"]}""",
        """{"Properties": {"Application": "mock"}}""",
        """{"LevelSwitches": {"$level": "Debug"}, "MinimumLevel": {"ControlledBy": "$level"}}""",
        """{"MinimumLevel": {"Default": "2"}}""",
        """{"MinimumLevel": {"Default": "Loud"}}""",
        """{"MinimumLevel": {"Override": {"Microsoft": "$level"}}}""",
        """{"Whatever": {"Goes": "here"}}""",
    };

    [Theory]
    [MemberData(nameof(Simple))]
    public void Read_WhatTheServersOwnSettingsSay_ReadsItDirectly(string section) =>
        Assert.NotNull(SerilogSettings.Read(Configuration(section)));

    [Theory]
    [MemberData(nameof(More))]
    public void Read_AnythingMore_LeavesTheWholeSectionToSerilogsReader(string section) =>
        Assert.Null(SerilogSettings.Read(Configuration(section)));

    [Fact]
    public void Levels_FilterAsConfigured_OverTheServersDefaults()
    {
        var settings = SerilogSettings.Read(Configuration(
            """{"MinimumLevel": {"Default": "Warning", "Override": {"Beacon.MockServer": "Debug"}}}"""))!;
        var sink = new CollectingSink();
        using var logger = Logger(settings, sink);

        logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Other").Information("dropped");
        logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Other").Warning("kept: the default level");
        logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Beacon.MockServer.Hosting").Debug("kept: an override");
        logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Microsoft.AspNetCore.Routing").Information("dropped: the server's own default");
        logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Microsoft.AspNetCore.Routing").Warning("kept");

        Assert.Equal(["kept: the default level", "kept: an override", "kept"], sink.Events.Select(e => e.MessageTemplate.Text));
    }

    [Fact]
    public void AnOverrideOfTheServersDefault_Replaces_It()
    {
        var settings = SerilogSettings.Read(Configuration("""{"MinimumLevel": {"Override": {"Microsoft.AspNetCore": "Debug"}}}"""))!;
        var sink = new CollectingSink();
        using var logger = Logger(settings, sink);

        logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Microsoft.AspNetCore.Routing").Debug("kept");

        Assert.Equal("kept", Assert.Single(sink.Events).MessageTemplate.Text);
    }

    [Fact]
    public void Levels_FollowTheConfiguration_WhenItIsReloaded()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
        }).Build();
        var settings = SerilogSettings.Read(configuration)!;
        var sink = new CollectingSink();
        using var logger = Logger(settings, sink);

        logger.Information("dropped");
        configuration["Serilog:MinimumLevel:Default"] = "Information";
        configuration.Reload();
        logger.Information("kept");
        configuration["Serilog:MinimumLevel:Default"] = "not a level";
        configuration.Reload();
        logger.Information("kept: a bad value leaves the level as it was");

        Assert.Equal(["kept", "kept: a bad value leaves the level as it was"], sink.Events.Select(e => e.MessageTemplate.Text));
    }

    [Fact]
    public async Task ASinkWithArguments_IsStillConfiguredBySerilogsReader()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("beacon-serilog-").FullName, "log.txt");
        using (var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:1:Name"] = "File",
            ["Serilog:WriteTo:1:Args:path"] = file,
            ["Serilog:WriteTo:1:Args:outputTemplate"] = "file: {Message:lj}{NewLine}",
        }))
        {
            await app.CreateBeaconClient().GetAsync("/mock/captures");
        }

        Assert.Contains(File.ReadAllLines(file), l => l.StartsWith("file: HTTP GET /mock/captures responded 200", StringComparison.Ordinal));
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    private static Serilog.Core.Logger Logger(SerilogSettings settings, CollectingSink sink)
    {
        var configuration = new LoggerConfiguration().MinimumLevel.Information().WriteTo.Sink(sink);
        settings.ApplyTo(configuration, Defaults);
        return configuration.CreateLogger();
    }

    private static IConfiguration Configuration(string section) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""{"Serilog": {{section}}}"""))).Build();
}
