using Beacon.MockServer.Features.License;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Tests.Features.License;

/// <summary>
/// The registry's caps are exact however many requests race for the last place: the check and the insert
/// are one step, so 64 clients never get 10,001 changes (or keys tracked) past a cap of 10,000.
/// </summary>
public sealed class LicenseRegistryCapTests
{
    private const int Racers = 8;
    private const int Rounds = 25;

    [Fact]
    public void ChangesRacingForTheLastPlace_OnlyOneIsAccepted()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var registry = New();
            for (var i = 0; i < LicenseRegistry.MaxTrackedLicenses - 1; i++)
                Assert.True(registry.Set($"lcl_{i}", null, Revoked));

            var accepted = Race(racer => registry.Set($"lcl_racer_{round}_{racer}", null, Revoked));

            Assert.Equal(1, accepted);
        }
    }

    [Fact]
    public void KeysSeenRacingForTheLastPlace_OnlyOneIsTracked()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var registry = New();
            for (var i = 0; i < LicenseRegistry.MaxTrackedLicenses - 1; i++)
                registry.Check($"lcl_{i}", null);

            Race(racer =>
            {
                registry.Check($"lcl_racer_{round}_{racer}", null);
                return true;
            });

            Assert.Equal(LicenseRegistry.MaxTrackedLicenses, registry.List().Count);
        }
    }

    private static readonly LicenseDefinition Revoked = new(LicenseStatus.Revoked, null, null, new Dictionary<string, System.Text.Json.JsonElement>());

    private static LicenseRegistry New() => new(Options.Create(new LicenseOptions()), TimeProvider.System, NullLogger<LicenseRegistry>.Instance);

    /// <summary>Runs <paramref name="act"/> on <see cref="Racers"/> threads released together; counts the trues.</summary>
    private static int Race(Func<int, bool> act)
    {
        using var start = new Barrier(Racers);
        var accepted = 0;
        var threads = Enumerable.Range(0, Racers).Select(racer => new Thread(() =>
        {
            start.SignalAndWait();
            if (act(racer))
                Interlocked.Increment(ref accepted);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return accepted;
    }
}
