using Beacon.MockServer.Http;

namespace Beacon.MockServer.Features.Egress;

/// <summary>
/// <c>GET /mock/egress/baseline</c>: the inventory alone (endpoints, field paths and their types), without counts or
/// examples, to keep beside a deployment's release and compare the next one's with (<c>POST /mock/egress/compare</c>).
/// </summary>
internal sealed record EgressBaseline(IReadOnlyList<BaselineEndpoint>? Endpoints, IReadOnlyList<BaselineField>? Fields)
{
    /// <summary>What is wrong with a baseline that was posted, keyed by its JSON path, into <paramref name="errors"/>.</summary>
    public void Validate(ValidationErrors errors)
    {
        if (Endpoints is null)
            errors.Add("endpoints", "is required: an array of {kind, method, path}, as GET /mock/egress/baseline answers it");
        if (Fields is null)
            errors.Add("fields", "is required: an array of {kind, path, category, types}, as GET /mock/egress/baseline answers it");
        for (var i = 0; i < (Endpoints?.Count ?? 0); i++)
        {
            var endpoint = Endpoints![i];
            Require(errors, $"endpoints[{i}]", endpoint, ("kind", endpoint?.Kind), ("method", endpoint?.Method), ("path", endpoint?.Path));
        }
        for (var i = 0; i < (Fields?.Count ?? 0); i++)
        {
            var field = Fields![i];
            Require(errors, $"fields[{i}]", field, ("kind", field?.Kind), ("path", field?.Path), ("category", field?.Category));
            if (field is { Types: null })
                errors.Add($"fields[{i}].types", "is required: an array of type names");
        }
    }

    private static void Require(ValidationErrors errors, string item, object? value, params (string Name, string? Value)[] members)
    {
        if (value is null)
        {
            errors.Add(item, "must be an object, not null");
            return;
        }
        foreach (var (name, text) in members)
        {
            if (string.IsNullOrEmpty(text))
                errors.Add($"{item}.{name}", "is required and must be a non-empty string");
        }
    }

    /// <summary>What <paramref name="now"/> has that this baseline has not, what it lacks, and the fields whose types differ.</summary>
    public EgressComparison Compare(EgressBaseline now)
    {
        var before = (Endpoints ?? []).Select(e => (e.Kind, e.Method, e.Path)).ToHashSet();
        var after = (now.Endpoints ?? []).Select(e => (e.Kind, e.Method, e.Path)).ToHashSet();
        var endpoints = new EndpointChanges(
            [.. (now.Endpoints ?? []).Where(e => !before.Contains((e.Kind, e.Method, e.Path)))],
            [.. (Endpoints ?? []).Where(e => !after.Contains((e.Kind, e.Method, e.Path)))]);

        var old = (Fields ?? []).GroupBy(f => (f.Kind, f.Path, f.Category)).ToDictionary(g => g.Key, g => g.First());
        var current = (now.Fields ?? []).GroupBy(f => (f.Kind, f.Path, f.Category)).ToDictionary(g => g.Key, g => g.First());
        var changed = new List<FieldChange>();
        foreach (var (key, field) in current)
        {
            if (old.TryGetValue(key, out var was) && !was.Types!.Order(StringComparer.Ordinal).SequenceEqual(field.Types!.Order(StringComparer.Ordinal)))
                changed.Add(new FieldChange(field.Kind, field.Path, field.Category, was.Types!, field.Types!));
        }
        var fields = new FieldChanges(
            [.. current.Where(f => !old.ContainsKey(f.Key)).Select(f => f.Value)],
            [.. old.Where(f => !current.ContainsKey(f.Key)).Select(f => f.Value)],
            changed);
        var identical = endpoints.New.Count + endpoints.Gone.Count + fields.New.Count + fields.Gone.Count + fields.Changed.Count == 0;
        return new EgressComparison(identical, endpoints, fields);
    }
}

internal sealed record BaselineEndpoint(string Kind, string Method, string Path);

/// <param name="Types">The types seen, as the report lists them.</param>
internal sealed record BaselineField(string Kind, string Path, string Category, IReadOnlyList<string>? Types);

/// <summary><c>POST /mock/egress/compare</c>: the inventory now against a baseline.</summary>
/// <param name="Identical">Nothing new, gone or changed: what CI checks (<c>jq -e .identical</c>).</param>
internal sealed record EgressComparison(bool Identical, EndpointChanges Endpoints, FieldChanges Fields);

/// <param name="New">Seen now, not in the baseline: an endpoint nobody approved.</param>
/// <param name="Gone">In the baseline, not seen now.</param>
internal sealed record EndpointChanges(IReadOnlyList<BaselineEndpoint> New, IReadOnlyList<BaselineEndpoint> Gone);

/// <param name="New">Field paths seen now that the baseline lacks: a field nobody approved.</param>
/// <param name="Gone">Field paths of the baseline not seen now.</param>
/// <param name="Changed">Field paths in both whose types differ.</param>
internal sealed record FieldChanges(IReadOnlyList<BaselineField> New, IReadOnlyList<BaselineField> Gone, IReadOnlyList<FieldChange> Changed);

internal sealed record FieldChange(string Kind, string Path, string Category, IReadOnlyList<string> Baseline, IReadOnlyList<string> Now);
