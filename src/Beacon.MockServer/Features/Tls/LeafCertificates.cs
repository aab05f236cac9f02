using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Beacon.MockServer.Features.Tls;

/// <summary>
/// The leaf certificate for each host name clients ask for, issued by the CA on first use and kept until a day
/// before it expires. A client chooses the name, so the cache is capped: past <see cref="Capacity"/> names, the
/// name least recently asked for is forgotten for each new one (and issued again if asked for again), counted in
/// <see cref="Forgotten"/>, so a flood of new names never pushes out the one clients keep using. A forgotten or
/// renewed certificate is left to the GC, not disposed: a handshake may still be using it.
/// </summary>
internal sealed class LeafCertificates(CertificateAuthority authority, TimeProvider clock, ILogger<LeafCertificates> logger,
    int capacity = LeafCertificates.DefaultCapacity)
{
    public const int DefaultCapacity = 1_000;

    /// <summary>How long before its end a cached leaf is replaced.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, Leaf> _leaves = new(StringComparer.Ordinal);
    private readonly Lock _issuing = new();
    private readonly RefusalLog _refusals = new(clock);
    private long _uses;
    private long _forgotten;

    public int Capacity => capacity;

    public int Count => _leaves.Count;

    public long Forgotten => Interlocked.Read(ref _forgotten);

    /// <summary>
    /// The certificate for a handshake that asked for <paramref name="serverName"/> (null without SNI) on a connection
    /// to <paramref name="localAddress"/>; null, which fails the handshake, for a name no certificate can carry.
    /// </summary>
    public X509Certificate2? For(string? serverName, IPAddress? localAddress)
    {
        if (ServerIdentity.For(serverName, localAddress) is not { } identity)
        {
            _refusals.Refused(logger, Printable(serverName!), serverName!.Length);
            return null;
        }
        var now = clock.GetUtcNow();
        // A hit takes no lock: it only stamps the leaf with its turn, which is all forgetting needs.
        if (_leaves.TryGetValue(identity.Key, out var cached) && now < cached.RenewAt)
            return cached.Use(Interlocked.Increment(ref _uses));

        // One at a time: two handshakes for a new name get one certificate, and the cap holds.
        lock (_issuing)
        {
            if (_leaves.TryGetValue(identity.Key, out cached) && now < cached.RenewAt)
                return cached.Use(Interlocked.Increment(ref _uses));
            if (CertificateProfiles.NewLeaf(authority.Certificate, identity, now) is not { } certificate)
            {
                TlsLog.AuthorityNotValid(logger, identity.CommonName);
                return null;
            }
            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
            // A leaf cut short by the CA's own end cannot be renewed into a longer one: keep it to its end.
            var renewAt = notAfter - RenewBefore > now ? notAfter - RenewBefore : notAfter;
            var leaf = new Leaf(certificate, renewAt);
            leaf.Use(Interlocked.Increment(ref _uses));
            _leaves[identity.Key] = leaf;
            TlsLog.Issued(logger, identity.Key, notAfter);
            Forget(identity.Key);
            return certificate;
        }
    }

    /// <summary>
    /// Forgets the least recently used names until the cap holds, never the one just issued. A scan of at most
    /// <see cref="Capacity"/> leaves, and only when a new name arrives at a full cache: issuing the leaf costs more.
    /// </summary>
    private void Forget(string issued)
    {
        while (_leaves.Count > capacity)
        {
            var (oldest, turn) = ((string?)null, long.MaxValue);
            foreach (var (name, leaf) in _leaves)
            {
                if (name != issued && leaf.LastUse < turn)
                    (oldest, turn) = (name, leaf.LastUse);
            }
            if (oldest is null || !_leaves.TryRemove(oldest, out _))
                return;
            if (Interlocked.Increment(ref _forgotten) == 1)
                TlsLog.CacheFull(logger, capacity);
        }
    }

    /// <summary>The name's start, control characters replaced: a client chooses it, and it must not forge log lines.</summary>
    private static string Printable(string serverName) =>
        new([.. serverName.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);

    private sealed class Leaf(X509Certificate2 certificate, DateTimeOffset renewAt)
    {
        private long _lastUse;

        public DateTimeOffset RenewAt { get; } = renewAt;

        /// <summary>The turn (a count of every use of every leaf) at which this one was last handed out.</summary>
        public long LastUse => Volatile.Read(ref _lastUse);

        public X509Certificate2 Use(long turn)
        {
            Volatile.Write(ref _lastUse, turn);
            return certificate;
        }
    }
}
