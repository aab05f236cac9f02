namespace Beacon.MockServer.Client;

/// <summary>Which captures: the filters the stream and the export take. A field left null does not filter.</summary>
public record CaptureFilter
{
    /// <summary>Only captures of this kind.</summary>
    public CaptureKind? Kind { get; init; }

    /// <summary>Only captures carrying this license or API key.</summary>
    public string? License { get; init; }

    /// <summary>
    /// Only captures sent under <c>/ns/{namespace}/</c>. A client made by <see cref="BeaconMockClient.ForNamespace"/>
    /// fills it in; giving another one there is an error.
    /// </summary>
    public string? Namespace { get; init; }

    /// <summary>Only captures whose sequence is greater than this: a list's <c>LastSequence</c>, or the last capture seen.</summary>
    public long? After { get; init; }
}

/// <summary>Which captures, and how many in which order: what the list takes.</summary>
public record CaptureQuery : CaptureFilter
{
    /// <summary>At most this many items, 1 to 1000 (the mock's default is 100). A wait answers with at least its count.</summary>
    public int? Limit { get; init; }

    /// <summary>Oldest first (the mock's default) or newest first.</summary>
    public ListOrder? Order { get; init; }
}

/// <summary>
/// What a capture wait takes: the list's filters, and how many to wait for, how long and until which stage. Every field
/// is optional: <c>WaitForCapturesAsync&lt;VerifyCapture&gt;(new() { Timeout = TimeSpan.FromSeconds(10) })</c>.
/// </summary>
public sealed record CaptureWait : CaptureQuery, IWaitFields
{
    /// <summary>How many matching items to wait for, 1 to 1000 (the mock's default is 1).</summary>
    public int? Count { get; init; }

    /// <summary>
    /// How long the mock waits, to the millisecond, before answering 408 (the mock's default is
    /// <c>Beacon:Waits:DefaultTimeoutMs</c>, 10 s). Keep it below <see cref="HttpClient.Timeout"/> (100 s by default),
    /// or the HttpClient gives up first.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Whether a capture counts once received, or once completed with its status and details set (the mock's default). Sent only when given.</summary>
    public CaptureStage? Stage { get; init; }
}

/// <summary>What every wait adds to its list's filters, so one query string writes them.</summary>
internal interface IWaitFields
{
    int? Count { get; }

    TimeSpan? Timeout { get; }

    CaptureStage? Stage { get; }
}

/// <summary>The order of a list.</summary>
public enum ListOrder
{
    /// <summary>Oldest capture first (<c>order=asc</c>).</summary>
    OldestFirst,

    /// <summary>Newest capture first (<c>order=desc</c>).</summary>
    NewestFirst,
}

/// <summary>When a capture counts for a wait.</summary>
public enum CaptureStage
{
    /// <summary>At receipt, before the response is produced (<c>stage=received</c>).</summary>
    Received,

    /// <summary>Once answered: its status and details are set (<c>stage=completed</c>).</summary>
    Completed,
}

/// <summary>One page of captures.</summary>
/// <param name="Items">The captures, in the order asked for.</param>
/// <param name="Total">How many captures match the filters, whatever the limit.</param>
/// <param name="LastSequence">The newest sequence assigned so far: pass it as <c>After</c> to see only what comes next.</param>
/// <param name="Evicted">How many captures the store's caps have evicted since start.</param>
public sealed record CaptureList(IReadOnlyList<CapturedRequest> Items, int Total, long LastSequence, long Evicted);

/// <summary>One page of captures of one kind, typed: what the typed list and wait answer.</summary>
/// <typeparam name="T">The typed capture: <see cref="VerifyCapture"/>, <see cref="IngestTracesCapture"/>, ...</typeparam>
/// <param name="Items">The captures, in the order asked for.</param>
/// <param name="Total">How many captures match the filters, whatever the limit.</param>
/// <param name="LastSequence">The newest sequence assigned so far: pass it as <c>After</c> to see only what comes next.</param>
/// <param name="Evicted">How many captures the store's caps have evicted since start.</param>
public sealed record CaptureList<T>(IReadOnlyList<T> Items, int Total, long LastSequence, long Evicted) where T : ITypedCapture<T>;
