using Beacon.MockServer;
using Beacon.MockServer.Configuration;

try
{
    var app = BeaconMockServer.Create(args);
    app.ValidateSettings();
    app.Run();
    return 0;
}
catch (Exception e) when (StartupFailure.Explain(e) is { } line)
{
    // A bad setting or a taken port: say so in one line and exit non-zero, rather than crash with a dump.
    Console.Error.WriteLine(line);
    return 1;
}

/// <summary>The entry point, public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
