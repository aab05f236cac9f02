namespace Beacon.MockServer.Client;

/// <summary>The filters every OTLP view takes. A field left null does not filter.</summary>
public abstract record ViewQuery
{
    /// <summary>Only items whose resource has this <c>service.name</c>.</summary>
    public string? Service { get; init; }

    /// <summary>Only items from exports that carried this license.</summary>
    public string? License { get; init; }

    /// <summary>Only items from exports sent under <c>/ns/{namespace}/</c>; a namespaced client fills it in.</summary>
    public string? Namespace { get; init; }

    /// <summary>Only items from captures whose sequence is greater than this.</summary>
    public long? After { get; init; }

    /// <summary>At most this many items, 1 to 1000 (the mock's default is 100).</summary>
    public int? Limit { get; init; }

    /// <summary>Oldest capture first (the default), or newest first with each export's items reversed.</summary>
    public ListOrder? Order { get; init; }
}

/// <summary>The filters of <c>/mock/otlp/spans</c>.</summary>
public record SpanQuery : ViewQuery
{
    /// <summary>Only spans of this trace (hex, any case).</summary>
    public string? TraceId { get; init; }

    /// <summary>Only spans with this name.</summary>
    public string? Name { get; init; }
}

/// <summary>The filters of <c>/mock/otlp/metrics</c>.</summary>
public record MetricQuery : ViewQuery
{
    /// <summary>Only points of the metric with this name.</summary>
    public string? Name { get; init; }
}

/// <summary>The filters of <c>/mock/otlp/logs</c>.</summary>
public record LogQuery : ViewQuery
{
    /// <summary>Only records with at least this SeverityNumber (9 info, 13 warn, 17 error).</summary>
    public int? MinSeverity { get; init; }

    /// <summary>Only records whose body contains this text, ignoring case.</summary>
    public string? Contains { get; init; }
}

/// <summary>What a wait for spans takes: the list's filters, and how many to wait for, how long and until which stage.</summary>
public sealed record SpanWait : SpanQuery, IWaitFields
{
    /// <summary>How many matching items to wait for, 1 to 1000 (the mock's default is 1).</summary>
    public int? Count { get; init; }

    /// <summary>
    /// How long the mock waits, to the millisecond, before answering 408 (the mock's default is
    /// <c>Beacon:Waits:DefaultTimeoutMs</c>, 10 s). Keep it below <see cref="HttpClient.Timeout"/> (100 s by default),
    /// or the HttpClient gives up first.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Whether an export counts once received, or once answered (the mock's default: exports answered 2xx). Sent only when given.</summary>
    public CaptureStage? Stage { get; init; }
}

/// <summary>What a wait for data points takes: the list's filters, and how many to wait for, how long and until which stage.</summary>
public sealed record MetricWait : MetricQuery, IWaitFields
{
    /// <summary>How many matching items to wait for, 1 to 1000 (the mock's default is 1).</summary>
    public int? Count { get; init; }

    /// <summary>
    /// How long the mock waits, to the millisecond, before answering 408 (the mock's default is
    /// <c>Beacon:Waits:DefaultTimeoutMs</c>, 10 s). Keep it below <see cref="HttpClient.Timeout"/> (100 s by default),
    /// or the HttpClient gives up first.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Whether an export counts once received, or once answered (the mock's default: exports answered 2xx). Sent only when given.</summary>
    public CaptureStage? Stage { get; init; }
}

/// <summary>What a wait for log records takes: the list's filters, and how many to wait for, how long and until which stage.</summary>
public sealed record LogWait : LogQuery, IWaitFields
{
    /// <summary>How many matching items to wait for, 1 to 1000 (the mock's default is 1).</summary>
    public int? Count { get; init; }

    /// <summary>
    /// How long the mock waits, to the millisecond, before answering 408 (the mock's default is
    /// <c>Beacon:Waits:DefaultTimeoutMs</c>, 10 s). Keep it below <see cref="HttpClient.Timeout"/> (100 s by default),
    /// or the HttpClient gives up first.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Whether an export counts once received, or once answered (the mock's default: exports answered 2xx). Sent only when given.</summary>
    public CaptureStage? Stage { get; init; }
}

/// <summary>One page of an OTLP view.</summary>
/// <param name="Items">The spans, data points or log records.</param>
/// <param name="Total">How many match the filters, whatever the limit.</param>
/// <param name="LastSequence">The newest capture sequence assigned so far.</param>
public sealed record OtlpList<T>(IReadOnlyList<T> Items, int Total, long LastSequence);
