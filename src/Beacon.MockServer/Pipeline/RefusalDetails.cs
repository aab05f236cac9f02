
namespace Beacon.MockServer.Pipeline;

/// <summary>What the capture of a refused request records.</summary>
internal sealed record RefusalDetails(string Refusal);
