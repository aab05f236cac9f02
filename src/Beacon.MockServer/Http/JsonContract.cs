using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Beacon.MockServer.Http;

/// <summary>
/// Says what a wire contract expects at a JSON path, so a mistyped field is answered with
/// "must be an integer" rather than the serializer's message about .NET types.
/// </summary>
internal static partial class JsonContract
{
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex Segment();

    /// <summary>"a string", "an integer", "an array"...; null when the path leads nowhere in the contract.</summary>
    public static string? ExpectedAt(JsonTypeInfo root, string? path)
    {
        var current = root;
        foreach (Match segment in Segment().Matches(path ?? ""))
        {
            var next = segment.Groups["index"].Success
                ? (current.Kind == JsonTypeInfoKind.Enumerable ? current.ElementType : null)
                : current.Kind switch
                {
                    JsonTypeInfoKind.Dictionary => current.ElementType,
                    JsonTypeInfoKind.Object => current.Properties.FirstOrDefault(p => p.Name == NameOf(segment))?.PropertyType,
                    _ => null,
                };
            if (next is null)
                return null;
            current = root.Options.GetTypeInfo(next);
        }
        return Describe(current);
    }

    private static string NameOf(Match segment) =>
        segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value.Replace("''", "'");

    private static string Describe(JsonTypeInfo typeInfo)
    {
        var type = Nullable.GetUnderlyingType(typeInfo.Type) ?? typeInfo.Type;
        return type switch
        {
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) => "an integer (no fraction, within 64 bits)",
            _ when type == typeof(double) => "a number",
            _ when type == typeof(JsonElement) => "a JSON value",
            _ => typeInfo.Kind switch
            {
                JsonTypeInfoKind.Enumerable => "an array",
                _ => "an object",
            },
        };
    }
}
