using System.Security.Cryptography;

namespace Beacon.MockServer.Tests.Infrastructure;

/// <summary>
/// One RSA signing key for the whole test run, in a PEM file. Generating a 2048-bit key costs 100 to 300 ms,
/// and every in-memory mock that answers a verify would otherwise pay it; a test that needs a key of its own
/// still sets <c>Beacon:Token:SigningKeyPath</c>, to <see cref="OtherPath"/> when it needs one unlike the rest.
/// </summary>
internal static class TestSigningKey
{
    private static readonly Lazy<string> File = new(() => Write("signing"));
    private static readonly Lazy<string> OtherFile = new(() => Write("other-signing"));

    /// <summary>The key every in-memory mock signs with unless its settings name another.</summary>
    public static string Path => File.Value;

    /// <summary>A second key, for a test with two mocks whose tokens must not validate against each other.</summary>
    public static string OtherPath => OtherFile.Value;

    private static string Write(string name)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"beacon-tests-{Environment.ProcessId}-{name}.pem");
        using var rsa = RSA.Create(2048);
        System.IO.File.WriteAllText(path, rsa.ExportRSAPrivateKeyPem());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.File.Delete(path);
        return path;
    }
}
