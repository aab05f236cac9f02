using System.Security.Cryptography.X509Certificates;

namespace Beacon.MockServer.Http;

/// <summary>
/// The CA that issues the certificates this mock's own HTTPS endpoints present, for a feature that calls out over
/// HTTPS (pass-through): trusted there, a call that leads back to the mock itself (an upstream URL that the network
/// resolves to the mock) gets through TLS to where the mock can recognise itself, instead of failing the handshake.
/// </summary>
internal interface IOwnCertificateAuthority
{
    /// <summary>The CA's certificate. Read it when it is needed, not at construction: the CA is opened at start.</summary>
    X509Certificate2 Certificate { get; }
}
