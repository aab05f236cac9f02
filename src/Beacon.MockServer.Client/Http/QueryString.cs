using System.Globalization;
using System.Text;

namespace Beacon.MockServer.Client;

/// <summary>
/// A query string of the parameters that were given, escaped. Only what the caller sets is sent: the mock refuses a
/// parameter it does not document, so nothing is sent by default.
/// </summary>
internal sealed class QueryString
{
    private readonly StringBuilder _text = new();

    public QueryString Add(string name, string? value)
    {
        if (value is null)
            return this;
        _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryString Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryString Add(string name, ListOrder? order) => Add(name, order switch
    {
        null => null,
        ListOrder.NewestFirst => "desc",
        _ => "asc",
    });

    public QueryString Add(string name, CaptureKind? kind) => Add(name, kind?.Name());

    public QueryString Add(IWaitFields wait)
    {
        Add("count", wait.Count);
        Add("timeoutMs", wait.Timeout is { } timeout ? (long)Math.Ceiling(timeout.TotalMilliseconds) : null);
        return Add("stage", wait.Stage switch
        {
            null => null,
            CaptureStage.Completed => "completed",
            _ => "received",
        });
    }

    public override string ToString() => _text.ToString();
}
