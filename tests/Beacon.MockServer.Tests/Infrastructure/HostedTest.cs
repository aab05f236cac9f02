namespace Beacon.MockServer.Tests.Infrastructure;

/// <summary>
/// A test class whose every test gets a mock of its own (xunit makes a new instance for each test): the app with the
/// given settings, a client that reads problems without throwing, and both disposed after the test.
/// </summary>
public abstract class HostedTest : IDisposable
{
    /// <param name="onLoopback">
    /// Serve on a real socket on 127.0.0.1 (a free port) rather than in memory, for a client that needs one: an
    /// OpenTelemetry exporter, a dropped connection, a body the client is still sending.
    /// </param>
    protected HostedTest(IReadOnlyDictionary<string, string?>? settings = null, bool onLoopback = false)
    {
        App = new BeaconApplication(settings);
        if (!onLoopback)
        {
            Client = App.CreateBeaconClient();
            return;
        }
        // An endpoint of Kestrel's own, not UseKestrel(0): that overload rewrites the server's addresses while
        // Program, on its own thread, may already be starting Kestrel with its default http://localhost:8080,
        // so now and then the server binds 8080 as well, or StartServer throws.
        App.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        App.StartServer();
        Client = App.CreateClient();
    }

    /// <summary>The mock: its services, its fake clock (<see cref="BeaconApplication.Clock"/>) and its log events.</summary>
    private protected BeaconApplication App { get; }

    /// <summary>A client of the in-memory mock.</summary>
    protected HttpClient Client { get; }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the client and the app; a test class with more to let go overrides this and calls it.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
            return;
        Client.Dispose();
        App.Dispose();
    }
}
