using System.Buffers;
using System.Globalization;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Egress;

// An OTLP export, read from the values its walk hands over: what it names (resource attributes, scopes, metrics, spans,
// events, attributes, severities), and each log record's severity against the threshold.
internal sealed partial class CaptureAudit
{
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(".'/\"[]() \\\t\n\r\f\b");

    private char[]? _name;
    private char[]? _recordPath;
    private int _recordPathLength;
    private bool _inRecord;
    private int _severity;
    private string? _severityText;

    // The attribute whose key was just seen, waiting for its value's type; the metric whose name was, for its data's.
    private FieldTally? _attribute;
    private long _attributeLooks;
    private FieldTally? _metric;

    // Which value of its field the last one counted was, of those this thread counted: what an example is sampled by.
    private long _looks;

    /// <summary>An export's value: what it names, counted; and its text searched, unless it is a name counted clean before.</summary>
    private void Otlp(in PayloadValue value, bool text)
    {
        var role = _roles ? value.Role : RoleOf(value);
        var name = value.Name;
        if (_attribute is { } attribute)
        {
            if (value.Type == PayloadValueType.Object && name.SequenceEqual("value"))
                return;
            _attribute = null;
            var type = AnyValueType(name);
            attribute.Held(type.IsEmpty ? TypeNames.Empty : TypeNames.Bit(type));
            if (!type.IsEmpty)
            {
                if (text)
                {
                    Text(value.Text, value);
                    Example(attribute, value.Text, _attributeLooks, credential: false);
                }
                return;
            }
        }

        switch (role)
        {
            case PayloadRole.ResourceAttributeKey when text:
                _attribute = Named(value, FieldCategories.ResourceAttribute, "resource.attributes", 0);
                _attributeLooks = _looks;
                return;
            case PayloadRole.AttributeKey when text:
                _attribute = Named(value, FieldCategories.Attribute, "attributes", 0);
                _attributeLooks = _looks;
                return;
            case PayloadRole.ScopeName when text:
                Named(value, FieldCategories.Scope, "scopes", TypeNames.String);
                return;
            case PayloadRole.MetricName when text:
                _metric = Named(value, FieldCategories.Metric, "metrics", 0);
                return;
            case PayloadRole.SpanName when text:
                Named(value, FieldCategories.Span, "spans", TypeNames.String);
                return;
            case PayloadRole.EventName when text:
                Named(value, FieldCategories.Event, "events", TypeNames.String);
                return;
            case PayloadRole.LogRecord:
                EndRecord();
                StartRecord(value.Path);
                break;
            case PayloadRole.MetricData when _metric is { } metric:
                metric.Held(TypeNames.Bit(name));
                break;
            case PayloadRole.SeverityNumber when _inRecord:
                _severity = int.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var severity) ? severity : 0;
                break;
            case PayloadRole.SeverityText when _inRecord:
                _severityText = Ellipsis.Cut(value.Text.ToString(), AuditLimits.MaxExampleChars);
                break;
        }
        if (text)
            Text(value.Text, value);
    }

    /// <summary>
    /// What a value of an export's JSON is, read from its path: for an export kept as the JSON it came as (one that did
    /// not decode), whose walk does not say. The same as a walk of the decoded export says of the value at that path.
    /// </summary>
    internal static PayloadRole RoleOf(in PayloadValue value)
    {
        var field = value.Field;
        var name = value.Name;
        // By member name first: most values (ids, times, attribute values) are none of these, and cost one comparison.
        switch (name)
        {
            case "key" when value.Type == PayloadValueType.String:
                if (field.EndsWith("resource.attributes[].key"))
                    return PayloadRole.ResourceAttributeKey;
                if ((field.EndsWith("attributes[].key") || field.EndsWith("Attributes[].key") || field.EndsWith(".metadata[].key")) && !field.EndsWith("Value.values[].key"))
                    return PayloadRole.AttributeKey;
                break;
            case "name" when value.Type == PayloadValueType.String:
                if (field.EndsWith("scope.name"))
                    return PayloadRole.ScopeName;
                if (field.EndsWith("metrics[].name"))
                    return PayloadRole.MetricName;
                if (field.EndsWith("spans[].name"))
                    return PayloadRole.SpanName;
                if (field.EndsWith("events[].name"))
                    return PayloadRole.EventName;
                break;
            case "" when value.Type == PayloadValueType.Object && field.EndsWith("logRecords[]"):
                return PayloadRole.LogRecord;
            case "gauge" or "sum" or "histogram" or "exponentialHistogram" or "summary"
                when value.Type == PayloadValueType.Object && field[..^name.Length].EndsWith("metrics[]."):
                return PayloadRole.MetricData;
            case "severityNumber" when field.EndsWith("logRecords[].severityNumber"):
                return PayloadRole.SeverityNumber;
            case "severityText" when field.EndsWith("logRecords[].severityText"):
                return PayloadRole.SeverityText;
        }
        return PayloadRole.None;
    }

    private void StartRecord(ReadOnlySpan<char> path)
    {
        _recordPath ??= new char[PayloadPath.MaxLength];
        path.CopyTo(_recordPath);
        _recordPathLength = path.Length;
        _inRecord = true;
        _severity = 0;
        _severityText = null;
    }

    /// <summary>A log record has been read whole: its severity is tallied, and held to the threshold.</summary>
    private void EndRecord()
    {
        if (!_inRecord)
            return;
        _inRecord = false;
        _state.LogRecord();
        Span<char> digits = stackalloc char[11];
        _severity.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        if (Counted(FieldCategories.Severity, "severities", digits[..written], TypeNames.Number) is { } tally && _severityText is { } text)
            Example(tally, text, _looks, credential: false);
        if (_severity >= _rules.MinLogSeverity)
            return;
        var path = $"{_recordPath.AsSpan(0, _recordPathLength)}.severityNumber";
        var level = $"{_severity} ({Severity(_severity)})";
        Break(EgressPromises.LogsWarningOrAbove, path, "logRecords[].severityNumber", level, $"severity {_severity}",
            _severity == 0
                ? $"A log record without a severity, so not shown to be at least {_rules.MinLogSeverity} ({Severity(_rules.MinLogSeverity)})."
                : $"A log record at {level}, below {_rules.MinLogSeverity} ({Severity(_rules.MinLogSeverity)}).");
    }

    /// <summary>
    /// Counts one name an export carries (<c>spans.receive_request</c>), under its category, and searches it: a name
    /// counted before and found clean against the same keys is not searched again (its path holds it whole).
    /// </summary>
    private FieldTally? Named(in PayloadValue value, string category, string prefix, uint type)
    {
        var name = value.Text;
        _name ??= new char[AuditLimits.MaxPathChars + 16];
        var length = Member(_name, prefix, name, out var whole);
        var path = _name.AsSpan(0, length);
        // An export of the shape the last one had names the same things in the same order: compared, not looked up.
        var seen = Seen(path);
        if (seen is not null && whole && seen.NameClean == _keys.Version)
        {
            _looks = seen.Saw(type);
            return seen;
        }
        if (Text(name, value))
            return Counted(category, prefix, _rules.Safe(name, _keys), type);
        var tally = seen ?? _state.Field(_capture.Kind, path, category, _contract, name);
        if (tally is null)
            return null;
        if (seen is null)
            Visited(tally);
        if (whole)
            tally.NameClean = _keys.Version;
        _looks = tally.Saw(type);
        return tally;
    }

    /// <summary>Counts a name under its category without searching it: a severity, or a name searched and masked already.</summary>
    private FieldTally? Counted(string category, string prefix, ReadOnlySpan<char> name, uint type)
    {
        _name ??= new char[AuditLimits.MaxPathChars + 16];
        var path = _name.AsSpan(0, Member(_name, prefix, name, out _));
        var tally = Seen(path);
        if (tally is null && (tally = _state.Field(_capture.Kind, path, category, _contract, name)) is not null)
            Visited(tally);
        if (tally is not null)
            _looks = tally.Saw(type);
        return tally;
    }

    /// <summary>A member path as findings write it (<c>prefix.name</c>, <c>prefix['a.b']</c>), cut to fit the buffer.</summary>
    /// <param name="whole">Whether the path holds the whole name (it was not cut to fit).</param>
    private static int Member(char[] buffer, string prefix, ReadOnlySpan<char> name, out bool whole)
    {
        prefix.CopyTo(buffer);
        var length = prefix.Length;
        whole = false;
        if (!name.IsEmpty && !name.ContainsAny(NeedsQuoting))
        {
            buffer[length++] = '.';
            var fits = Math.Min(name.Length, AuditLimits.MaxPathChars - length);
            name[..fits].CopyTo(buffer.AsSpan(length));
            whole = fits == name.Length;
            return length + fits;
        }
        buffer[length++] = '[';
        buffer[length++] = '\'';
        foreach (var c in name)
        {
            if (length >= AuditLimits.MaxPathChars)
                return AuditLimits.MaxPathChars;
            if (c == '\'')
                buffer[length++] = '\\';
            buffer[length++] = c;
        }
        buffer[length++] = '\'';
        buffer[length++] = ']';
        whole = true;
        return length;
    }

    /// <summary>The type an AnyValue's one member holds (<c>intValue</c> is int); empty for a member that is none of them.</summary>
    private static ReadOnlySpan<char> AnyValueType(ReadOnlySpan<char> member) =>
        member.EndsWith("Value") && member.Length > 5 && member[..^5] is var type
            && (type.SequenceEqual("string") || type.SequenceEqual("bool") || type.SequenceEqual("int") || type.SequenceEqual("double")
                || type.SequenceEqual("array") || type.SequenceEqual("kvlist") || type.SequenceEqual("bytes"))
            ? type
            : default;

    /// <summary>OTLP's short name of a severityNumber: 9 to 12 are INFO, 13 to 16 WARN...</summary>
    private static string Severity(int number) => number switch
    {
        >= 1 and <= 4 => "TRACE",
        >= 5 and <= 8 => "DEBUG",
        >= 9 and <= 12 => "INFO",
        >= 13 and <= 16 => "WARN",
        >= 17 and <= 20 => "ERROR",
        >= 21 and <= 24 => "FATAL",
        _ => "UNSPECIFIED",
    };
}
