namespace Beacon.MockServer.Tests.Infrastructure;

/// <summary>
/// A test class whose every test gets a mock of its own, in memory (xunit makes a new instance for each test): the
/// app with the given settings, a client that reads problems without throwing, and both disposed after the test.
/// </summary>
public abstract class HostedTest : IDisposable
{
    protected HostedTest(IReadOnlyDictionary<string, string?>? settings = null)
    {
        App = new BeaconApplication(settings);
        Client = App.CreateBeaconClient();
    }

    /// <summary>The mock: its services, its fake clock (<see cref="BeaconApplication.Clock"/>) and its log events.</summary>
    protected BeaconApplication App { get; }

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
