using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;
using Google.Protobuf;
using Xunit.Abstractions;
using static Beacon.MockServer.Tests.Reliability.MutationInputs;

namespace Beacon.MockServer.Tests.Reliability;

/// <summary>
/// Seeded mutations of the documented samples on every route that takes input: bodies changed in structure
/// and in bytes, odd Content-Types and Content-Encodings, namespaces, headers and query strings. Whatever
/// arrives, the answer is a 2xx or a 4xx in the route's own error shape, never a 5xx or a hang; and after the
/// run the server is healthy, every wire request is accounted for, and what it held before is unchanged.
/// Each test has a fixed seed so CI is deterministic; see <see cref="MutationSettings"/> to run more or replay.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output) : IDisposable
{
    private static readonly (string Route, string Sample)[] JsonRoutes =
    [
        ("/v1/beacon/verify", "verify-request"),
        ("/v1/beacon/ingest-traces", "ingest-traces-request"),
        ("/v1/beacon/usage-snapshot", "usage-snapshot-request"),
        ("/v1/metadata/submit", "metadata-submit-request"),
        ("/v1/beacon/metadata/submit", "metadata-submit-request"),
    ];

    private readonly List<BeaconApplication> _apps = [];

    public void Dispose()
    {
        foreach (var app in _apps)
            app.Dispose();
    }

    private (MutationRun Run, Mutator Mutator) Start(int fixedSeed, bool strictOtlp = false)
    {
        var app = new BeaconApplication(Settings(MutationSettings.Cases, strictOtlp));
        app.EndWaitsAtOnce(); // The /mock cases send waits no arrival will satisfy.
        _apps.Add(app);
        var seed = MutationSettings.Seed(fixedSeed);
        return (new MutationRun(app.CreateBeaconClient(), seed, output), new Mutator(new Random(seed)));
    }

    private static HttpRequestMessage Post(string path, byte[] body, string contentType) =>
        new(HttpMethod.Post, path) { Content = Otlp.Content(body, contentType) };

    private static IEnumerable<HttpRequestMessage> ValidWireRequests() =>
    [
        .. JsonRoutes.Select(r => Post(r.Route, Utf8(Wire.Sample(r.Sample)), Otlp.Json)),
        .. Exports().SelectMany(e => (HttpRequestMessage[])[Post(e.Path, Utf8(e.Json[0]), Otlp.Json), Post(e.Path, e.Protobuf[1], Otlp.Protobuf)]),
    ];

    [Fact]
    public async Task BeaconJsonRoutes_MutatedBodies_AreAnsweredWithProblemsAndCaptured()
    {
        var (run, mutator) = Start(fixedSeed: 101);
        await run.SeedAsync(ValidWireRequests());
        var samples = JsonRoutes.Select(r => Utf8(Wire.Sample(r.Sample))).ToArray();

        var cases = MutationSettings.Cases;
        for (var i = 0; i < cases; i++)
        {
            var (route, sample) = mutator.Pick(JsonRoutes);
            var headers = new List<(string, string)>();
            ContentType(mutator, headers, Otlp.Json, JsonContentTypes);
            var body = MaybeOversized(mutator, mutator.Body(Wire.Sample(sample), samples));
            if (mutator.Chance(15))
                body = Encode(mutator, body, headers);
            var (url, captured) = Namespaced(mutator, route);

            await run.SendAsync(new MutationCase(i, HttpMethod.Post, url, Surface.Problem) { Body = body, Headers = headers, Captured = captured });
        }

        await run.AssertAfterRunAsync("Beacon JSON", cases);
    }

    [Theory]
    [InlineData(false, 201)]
    [InlineData(true, 202)]
    public async Task OtlpRoutes_MutatedExports_AreAnsweredWithAStatusAndCaptured(bool strict, int fixedSeed)
    {
        var (run, mutator) = Start(fixedSeed, strict);
        await run.SeedAsync(ValidWireRequests());
        var exports = Exports();
        var all = exports.SelectMany(e => e.Json.Select(Utf8).Concat(e.Protobuf)).ToArray();

        var cases = MutationSettings.Cases;
        for (var i = 0; i < cases; i++)
        {
            var export = mutator.Pick(exports);
            var headers = new List<(string, string)>();
            byte[] body;
            if (mutator.Chance(50))
            {
                ContentType(mutator, headers, Otlp.Json, OtlpContentTypes);
                body = mutator.Body(mutator.Pick(export.Json), all);
            }
            else
            {
                ContentType(mutator, headers, Otlp.Protobuf, OtlpContentTypes);
                var valid = mutator.Pick(export.Protobuf);
                body = mutator.Random.Next(10) switch
                {
                    0 => valid,
                    < 4 => WithField(mutator, valid),
                    4 when export.Path == Otlp.Logs => DeepLogs(mutator.Random.Next(10, 60)).ToByteArray(),
                    _ => mutator.Bytes(valid, all),
                };
            }
            body = MaybeOversized(mutator, body);
            if (mutator.Chance(20))
                body = Encode(mutator, body, headers);
            if (mutator.Chance(30))
                headers.Add(("X-Langchain-License-Key", mutator.Pick(Keys)));
            if (mutator.Chance(10))
                headers.Add(("X-Data-Plane-Auth", mutator.Pick(Keys)));
            var (url, captured) = Namespaced(mutator, export.Path);

            await run.SendAsync(new MutationCase(i, HttpMethod.Post, url, Surface.Otlp)
            {
                Body = body,
                Headers = headers,
                Captured = captured,
                View = export.View,
            });
        }

        await run.AssertAfterRunAsync(strict ? "OTLP (strict)" : "OTLP", cases);
    }

    [Fact]
    public async Task Auth_MutatedHeadersAndQueries_AreAnsweredWithProblemsAndCaptured()
    {
        var (run, mutator) = Start(fixedSeed: 301);
        await run.SeedAsync(ValidWireRequests());
        string[] queries =
        [
            "", "?langgraph-api=true", "?langgraph-api=false", "?langgraph-api=", "?langgraph-api=true&langgraph-api=false", "?%zz=1",
            "?langgraph-api=%C3%28", "?a=" + new string('q', 4000), "?", "?&&=&", "?langgraph-api=%00",
        ];
        string[] authorizations = ["Bearer lcl_ok", "Bearer", "Basic Zm9vOmJhcg==", "", "Bearer " + new string('t', 3000), "Négociation"];
        var samples = JsonRoutes.Select(r => Utf8(Wire.Sample(r.Sample))).ToArray();

        var cases = MutationSettings.Cases;
        for (var i = 0; i < cases; i++)
        {
            var headers = new List<(string, string)>();
            for (var keys = mutator.Random.Next(4) == 0 ? 2 : 1; keys > 0; keys--)
            {
                if (mutator.Chance(80))
                    headers.Add(("X-Api-Key", mutator.Pick(Keys)));
            }
            if (mutator.Chance(20))
                headers.Add(("X-Langchain-License-Key", mutator.Pick(Keys)));
            if (mutator.Chance(20))
                headers.Add(("Authorization", mutator.Pick(authorizations)));
            var post = mutator.Chance(40);
            byte[]? body = null;
            if (post && mutator.Chance(50))
            {
                body = mutator.Body(Wire.Sample(mutator.Pick(JsonRoutes).Sample), samples);
                ContentType(mutator, headers, Otlp.Json, JsonContentTypes);
                if (mutator.Chance(20))
                    body = Encode(mutator, body, headers);
            }
            var (url, captured) = Namespaced(mutator, "/auth" + mutator.Pick(queries));

            await run.SendAsync(new MutationCase(i, post ? HttpMethod.Post : HttpMethod.Get, url, Surface.Problem)
            {
                Body = body,
                Headers = headers,
                Captured = captured,
            });
        }

        await run.AssertAfterRunAsync("/auth", cases);
    }

    [Fact]
    public async Task MockRoutes_MutatedBodiesAndQueries_AreAnsweredWithProblems()
    {
        var (run, mutator) = Start(fixedSeed: 401);
        await run.SeedAsync(ValidWireRequests());
        var queries = new MockQueries(mutator);

        var cases = MutationSettings.Cases;
        for (var i = 0; i < cases; i++)
        {
            var mutation = queries.Next(i);
            var answer = await run.SendAsync(mutation);
            // A rule that was taken is removed at once: rules pile up otherwise, and the next case starts from the same state.
            if (answer is ({ } status, var body) && (int)status == 201 && mutation.Url.StartsWith("/mock/faults", StringComparison.Ordinal))
            {
                var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
                await run.SendAsync(new MutationCase(i, HttpMethod.Delete, $"/mock/faults/{id}", Surface.Problem));
            }
        }

        await run.AssertAfterRunAsync("/mock", cases);
    }
}
