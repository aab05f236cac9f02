using System.Globalization;
using System.Text.Json;
using Beacon.MockServer.Pipeline;

namespace Beacon.MockServer.Features.License;

/// <summary>
/// A license's extra token claims, as JSON values: booleans, strings and numbers. A number keeps the digits
/// it was given, so an integer past 2^53 reaches the token exactly, never rounded through a double.
/// </summary>
internal static class LicenseClaims
{
    /// <summary>Claims the mock sets itself; configuring one would forge the token's meaning.</summary>
    public static readonly IReadOnlySet<string> Reserved =
        new HashSet<string>(["iss", "aud", "sub", "iat", "nbf", "exp", "jti", "org_id"], StringComparer.Ordinal);

    /// <summary>A configured value (text): <c>true</c>/<c>false</c> a boolean, a JSON numeral a number, anything else a string.</summary>
    public static JsonElement FromText(string text)
    {
        if (bool.TryParse(text, out var flag))
            return Element(flag ? "true" : "false");
        if (IsNumber(text))
            return Element(text);
        return JsonSerializer.SerializeToElement(text, KernelJson.Default.String);
    }

    /// <summary>The claim a JSON value sent at run time stands for; null when it is not a string, a number or a boolean.</summary>
    public static JsonElement? FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.String => value.Clone(),
        JsonValueKind.Number when IsNumber(value.GetRawText()) => value.Clone(),
        _ => null,
    };

    /// <summary>
    /// A JSON numeral that means a number: any integer, however long, or a finite double
    /// (<c>1e400</c> is a numeral no reader can hold).
    /// </summary>
    private static bool IsNumber(string text)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || reader.BytesConsumed != reader.ValueSpan.Length || reader.Read())
                return false;
        }
        catch (JsonException)
        {
            return false;
        }
        var integer = text.AsSpan().TrimStart('-').IndexOfAnyExcept("0123456789") < 0;
        return integer || double.IsFinite(double.Parse(text, CultureInfo.InvariantCulture));
    }

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
