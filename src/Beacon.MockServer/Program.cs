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

// Internal, and declared, so that the framework's generator does not make it public: a test project that references
// this package beside an ASP.NET Core app of its own would otherwise see two global Program types (CS0433) at its
// WebApplicationFactory<Program>. Hosting the mock from another assembly goes through BeaconMockServer.Create; this
// repository's own tests see Program through InternalsVisibleTo.
internal partial class Program;
