
namespace Beacon.MockServer.Pipeline;

/// <summary>
/// An OTLP export answered 200 with this many items reported rejected: the outcome a hook (a fault rule) hands the
/// route, which answers it in place of its own, on a route whose kind <see cref="WireKind.AnswersPartialSuccess"/>.
/// </summary>
internal sealed record PartialSuccess(int Rejected, string Message);
