using Beacon.MockServer.Features.Egress;
using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Store;
using Beacon.MockServer.Tests.Features.Otlp;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Egress;

/// <summary>
/// The audit reads a decoded export by what its walk says each value is (a span's name, an attribute's key...), and an
/// export kept as the JSON it came as by what the value's path says. The two must agree on every value, or the same
/// export would be counted two ways.
/// </summary>
public sealed class EgressRolesTests : HostedTest
{
    [Theory]
    [MemberData(nameof(OtlpPayloadWalkTests.Samples), MemberType = typeof(OtlpPayloadWalkTests))]
    public async Task TheDocumentedSample_SaysTheSameRoles_FromItsModel_AsFromItsJson(string path, string sample) =>
        AssertRolesAgree(await OtlpPayloadWalkTests.SampleAsync(Client, App.Services, path, sample));

    [Theory]
    [MemberData(nameof(OtlpPayloadWalkTests.Messages), MemberType = typeof(OtlpPayloadWalkTests))]
    public async Task AnExportOfEveryShape_SaysTheSameRoles_FromItsModel_AsFromItsJson(string path) =>
        AssertRolesAgree(await OtlpPayloadWalkTests.EveryShapeAsync(Client, App.Services, path));

    private static void AssertRolesAgree(OtlpPayload payload)
    {
        Assert.True(payload.VisitsRoles);
        var model = new Roles(fromPath: false);
        payload.Visit(model);
        var json = new Roles(fromPath: true);
        JsonPayloadWalk.Walk(payload.ToUtf8().Span, json);

        Assert.NotEmpty(model.Seen);
        Assert.Equal(json.Seen, model.Seen);
        // Every role a visitor that skips containers needs is still handed over.
        var leaves = new Roles(fromPath: false, containers: false);
        payload.Visit(leaves);
        Assert.Equal(model.Seen, leaves.Seen);
    }

    /// <summary>Each value that is something to the audit, with its path: as the walk says, or as its path says.</summary>
    private sealed class Roles(bool fromPath, bool containers = true) : IPayloadVisitor
    {
        public List<(string Path, PayloadRole Role)> Seen { get; } = [];

        public bool WantsContainers => containers;

        public void Visit(in PayloadValue value)
        {
            var role = fromPath ? CaptureAudit.RoleOf(value) : value.Role;
            if (role != PayloadRole.None)
                Seen.Add((value.Path.ToString(), role));
        }
    }
}
