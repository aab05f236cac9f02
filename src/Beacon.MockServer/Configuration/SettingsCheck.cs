using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Configuration;

/// <summary>
/// Reads every key under <c>Beacon</c>, from any source, against the options classes bound there, before anything is
/// bound: a key no class takes (<c>Beacon:RequireKnownLicence</c>) or a value of the wrong type
/// (<c>Beacon:Store:MaxCaptures=many</c>) stops the start with one line each, naming the key as given and, for an
/// unknown one, the nearest valid key. The binder would ignore the first and throw a stack trace for the second.
/// </summary>
internal static class SettingsCheck
{
    public const string Root = "Beacon";

    /// <summary>Throws <see cref="OptionsValidationException"/> naming every key at fault; returns when there is none.</summary>
    public static void Enforce(IConfiguration configuration, IReadOnlyList<SettingsSection> sections)
    {
        var failures = Check(configuration, sections);
        if (failures.Count > 0)
            throw new OptionsValidationException(Root, typeof(SettingsSection), failures);
    }

    /// <summary>What is wrong with the keys under <c>Beacon</c>, one sentence a key.</summary>
    public static List<string> Check(IConfiguration configuration, IReadOnlyList<SettingsSection> sections)
    {
        var failures = new List<string>();
        // Every key, not the section's: a key is named as it was given, whatever the case of its first part.
        foreach (var (key, value) in configuration.AsEnumerable().OrderBy(k => k.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (value is null || !key.StartsWith(Root + ":", StringComparison.OrdinalIgnoreCase))
                continue;
            if (Judge(key, value, sections) is { } failure)
                failures.Add(failure);
        }
        return failures;
    }

    private static string? Judge(string key, string value, IReadOnlyList<SettingsSection> sections)
    {
        var segments = key.Split(':');
        var results = sections
            .Where(s => IsPrefix(s.Section.Split(':'), segments))
            .Select(s => Resolve(s.Type, segments, s.Section.Split(':').Length, value))
            .ToList();
        if (results.Any(r => r.Fine))
            return null;
        if (results.FirstOrDefault(r => r.Expected is not null) is { Expected: { } expected })
            return $"{key} must be {expected} (was '{value}').";
        var sectionsHere = sections.Where(s => string.Equals(s.Section, key, StringComparison.OrdinalIgnoreCase)).SelectMany(s => Bindable(s.Type).Select(p => p.Name));
        if (results.Where(r => r.Group is not null).SelectMany(r => r.Group!).Concat(sectionsHere).Distinct().ToList() is { Count: > 0 } group)
            return $"{key} holds settings ({string.Join(", ", group)}), not a value (was '{value}').";

        // Unknown: the names the deepest failures would have taken, and the sections registered at that depth.
        var depth = results.Count == 0 ? 1 : results.Max(r => r.Depth);
        var names = results.Where(r => r.Depth == depth).SelectMany(r => r.Names)
            .Concat(sections.Select(s => s.Section.Split(':')).Where(s => s.Length > depth && IsPrefix(s[..depth], segments)).Select(s => s[depth]))
            .ToList();
        var given = segments[depth];
        // A list's items are numbered: any other name there is nearest to the first number, however far.
        var nearest = names is ["0"] ? "0" : Nearest.To(given, names).FirstOrDefault();
        var suggestion = nearest is null ? "" : $" (did you mean {string.Join(':', segments[..depth].Append(nearest).Concat(segments[(depth + 1)..]))}?)";
        return $"{key} is not a setting{suggestion}.";
    }

    private static bool IsPrefix(string[] section, string[] key) =>
        section.Length < key.Length && section.Select((s, i) => string.Equals(s, key[i], StringComparison.OrdinalIgnoreCase)).All(x => x);

    /// <summary>Follows <paramref name="segments"/> from <paramref name="at"/> down <paramref name="type"/>'s properties, lists and dictionaries.</summary>
    private static Resolution Resolve(Type type, string[] segments, int at, string value)
    {
        for (var depth = at; ; depth++)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (depth == segments.Length)
            {
                // An empty list or object in a JSON file arrives as its key with an empty value.
                return IsValue(type) ? Accepts(type, value, depth)
                    : value.Length == 0 ? Resolution.Ok(depth)
                    : Resolution.Section(depth, DictionaryValue(type) is null && ListItem(type) is null ? Bindable(type).Select(p => p.Name) : ["..."]);
            }
            if (IsValue(type))
                return Resolution.Unknown(depth, []);
            if (DictionaryValue(type) is { } entry)
            {
                type = entry;
                continue;
            }
            if (ListItem(type) is { } item)
            {
                if (!int.TryParse(segments[depth], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    return Resolution.Unknown(depth, ["0"]);
                type = item;
                continue;
            }
            var properties = Bindable(type);
            var found = properties.FindIndex(p => string.Equals(p.Name, segments[depth], StringComparison.OrdinalIgnoreCase));
            if (found < 0)
                return Resolution.Unknown(depth, properties.Select(p => p.Name));
            type = properties[found].Type;
        }
    }

    private static Resolution Accepts(Type type, string value, int depth)
    {
        if (type == typeof(string) || value.Length == 0)
            return Resolution.Ok(depth);
        var converter = TypeDescriptor.GetConverter(type);
        try
        {
            converter.ConvertFromInvariantString(value);
            return Resolution.Ok(depth);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException || e.InnerException is FormatException or OverflowException)
        {
            return Resolution.Wrong(depth, Describe(type));
        }
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "an integer",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
        _ => $"a {type.Name}",
    };

    /// <summary>A type the binder reads from one value: a string, a number, a flag, or anything with a converter from text.</summary>
    private static bool IsValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    private static Type? DictionaryValue(Type type) =>
        (type.IsGenericType ? [type, .. type.GetInterfaces()] : type.GetInterfaces())
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>)))
            ?.GetGenericArguments()[1];

    private static Type? ListItem(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0]
        : null;

    private static List<(string Name, Type Type)> Bindable(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (p.SetMethod is { IsPublic: true } || !IsValue(p.PropertyType)))
            .Select(p => (p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? p.Name, p.PropertyType))];

    /// <param name="Expected">What the value must be, when the key is right and its value is not.</param>
    /// <param name="Group">The keys under it, when the key names a group of settings but was given a value.</param>
    private sealed record Resolution(bool Fine, int Depth, IEnumerable<string> Names, string? Expected = null, IEnumerable<string>? Group = null)
    {
        public static Resolution Ok(int depth) => new(true, depth, []);

        public static Resolution Unknown(int depth, IEnumerable<string> names) => new(false, depth, names);

        public static Resolution Wrong(int depth, string expected) => new(false, depth, [], expected);

        public static Resolution Section(int depth, IEnumerable<string> keys) => new(false, depth, [], Group: keys);
    }
}
