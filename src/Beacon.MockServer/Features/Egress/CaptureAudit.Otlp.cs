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
    private FieldTally? _metric;

    /// <param name="sensitive">Whether the value held personal data or a key: a name that did is counted masked.</param>
    private void Otlp(in PayloadValue value, bool sensitive)
    {
        var field = value.Field;
        var name = value.Name;
        if (_attribute is { } attribute)
        {
            if (value.Type == PayloadValueType.Object && name.SequenceEqual("value"))
                return;
            _attribute = null;
            var type = AnyValueType(name);
            attribute.Types |= type.IsEmpty ? TypeNames.Empty : TypeNames.Bit(type);
            if (!type.IsEmpty)
            {
                if (value.Type is PayloadValueType.String or PayloadValueType.Number)
                    Example(attribute, value.Text, credential: false);
                return;
            }
        }

        // By member name first: most values (ids, times, attribute values) are none of these, and cost one comparison.
        switch (name)
        {
            case "key" when value.Type == PayloadValueType.String:
                if (field.EndsWith("resource.attributes[].key"))
                    _attribute = Named(FieldCategories.ResourceAttribute, "resource.attributes", value.Text, 0, sensitive);
                else if ((field.EndsWith("attributes[].key") || field.EndsWith("Attributes[].key") || field.EndsWith(".metadata[].key")) && !field.EndsWith("Value.values[].key"))
                    _attribute = Named(FieldCategories.Attribute, "attributes", value.Text, 0, sensitive);
                break;
            case "name" when value.Type == PayloadValueType.String:
                if (field.EndsWith("scope.name"))
                    Named(FieldCategories.Scope, "scopes", value.Text, TypeNames.String, sensitive);
                else if (field.EndsWith("metrics[].name"))
                    _metric = Named(FieldCategories.Metric, "metrics", value.Text, 0, sensitive);
                else if (field.EndsWith("spans[].name"))
                    Named(FieldCategories.Span, "spans", value.Text, TypeNames.String, sensitive);
                else if (field.EndsWith("events[].name"))
                    Named(FieldCategories.Event, "events", value.Text, TypeNames.String, sensitive);
                break;
            case "" when value.Type == PayloadValueType.Object && field.EndsWith("logRecords[]"):
                EndRecord();
                StartRecord(value.Path);
                break;
            case "gauge" or "sum" or "histogram" or "exponentialHistogram" or "summary"
                when value.Type == PayloadValueType.Object && _metric is { } metric && field[..^name.Length].EndsWith("metrics[]."):
                metric.Types |= TypeNames.Bit(name);
                break;
            case "severityNumber" when _inRecord && field.EndsWith("logRecords[].severityNumber"):
                _severity = int.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var severity) ? severity : 0;
                break;
            case "severityText" when _inRecord && field.EndsWith("logRecords[].severityText"):
                _severityText = Ellipsis.Cut(value.Text.ToString(), AuditLimits.MaxExampleChars);
                break;
        }
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
        _state.LogRecords++;
        Span<char> digits = stackalloc char[11];
        _severity.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        if (Named(FieldCategories.Severity, "severities", digits[..written], TypeNames.Number) is { } tally && _severityText is { } text)
            Example(tally, text, credential: false);
        if (_severity >= _rules.MinLogSeverity)
            return;
        var path = $"{_recordPath.AsSpan(0, _recordPathLength)}.severityNumber";
        var level = $"{_severity} ({Severity(_severity)})";
        Break(EgressPromises.LogsWarningOrAbove, path, "logRecords[].severityNumber", level, $"severity {_severity}",
            _severity == 0
                ? $"A log record without a severity, so not shown to be at least {_rules.MinLogSeverity} ({Severity(_rules.MinLogSeverity)})."
                : $"A log record at {level}, below {_rules.MinLogSeverity} ({Severity(_rules.MinLogSeverity)}).");
    }

    /// <summary>Counts one name an export carries (<c>spans.receive_request</c>), under its category.</summary>
    private FieldTally? Named(string category, string prefix, ReadOnlySpan<char> name, uint type, bool sensitive = false)
    {
        if (sensitive)
            name = _rules.Safe(name, _keys);
        _name ??= new char[AuditLimits.MaxPathChars + 16];
        var path = _name.AsSpan(0, Member(_name, prefix, name));
        // An export of the shape the last one had names the same things in the same order: compared, not looked up.
        var tally = Seen(path);
        if (tally is null && (tally = _state.Field(_capture.Kind, path, category, _contract, name)) is not null)
            Visited(tally);
        if (tally is not null)
        {
            tally.Count++;
            tally.Types |= type;
        }
        return tally;
    }

    /// <summary>A member path as findings write it (<c>prefix.name</c>, <c>prefix['a.b']</c>), cut to fit the buffer.</summary>
    private static int Member(char[] buffer, string prefix, ReadOnlySpan<char> name)
    {
        prefix.CopyTo(buffer);
        var length = prefix.Length;
        if (!name.IsEmpty && !name.ContainsAny(NeedsQuoting))
        {
            buffer[length++] = '.';
            var fits = Math.Min(name.Length, AuditLimits.MaxPathChars - length);
            name[..fits].CopyTo(buffer.AsSpan(length));
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
