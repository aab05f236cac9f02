using System.Text.Json;

namespace Beacon.MockServer.Http;

/// <summary>
/// One forward pass over a body at receipt: is it well-formed JSON, and which license does it carry?
/// Done before any handler runs so that a capture is filterable by license the moment it is stored.
/// </summary>
public readonly record struct JsonBodyScan(bool IsJson, string? License, string? Error)
{
    public const int MaxDepth = 64;

    private static ReadOnlySpan<byte> LicenseName => "license"u8;
    private static ReadOnlySpan<byte> LicenseKeyName => "license_key"u8;
    private static ReadOnlySpan<byte> ApiKeyName => "api_key"u8;

    public static JsonBodyScan Scan(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
            return new JsonBodyScan(false, null, "the body is empty");
        // JSON on the wire is UTF-8 (RFC 8259). The reader checks only the strings it decodes, so check
        // all of it: a capture must never hold bytes that make its own JSON unreadable.
        if (!System.Text.Unicode.Utf8.IsValid(body))
            return new JsonBodyScan(false, null, "the body is not valid UTF-8");

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        string? license = null;
        var licenseRank = int.MaxValue;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                    continue;
                // license, then license_key, then api_key: the first that is a string wins.
                var rank = reader.ValueTextEquals(LicenseName) ? 0
                    : reader.ValueTextEquals(LicenseKeyName) ? 1
                    : reader.ValueTextEquals(ApiKeyName) ? 2
                    : -1;
                reader.Read();
                if (rank >= 0 && rank < licenseRank && reader.TokenType == JsonTokenType.String)
                {
                    license = reader.GetString();
                    licenseRank = rank;
                }
            }
            return new JsonBodyScan(true, license, null);
        }
        catch (JsonException e)
        {
            return new JsonBodyScan(false, null, e.Message);
        }
        catch (InvalidOperationException e)
        {
            // GetString on a string that is not valid UTF-8.
            return new JsonBodyScan(false, null, e.Message);
        }
    }
}
