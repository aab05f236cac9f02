namespace Beacon.MockServer.Http;

/// <summary>
/// Field names in problem bodies and findings, written the way System.Text.Json writes the paths of
/// its own errors, so that one field always has one name: <c>tags.region</c> but <c>tags['a.b']</c>.
/// </summary>
internal static class JsonPath
{
    private static readonly char[] NeedsQuoting = ['.', ' ', '\'', '/', '"', '[', ']', '(', ')', '\\', '\t', '\n', '\r', '\f', '\b'];

    public static string Member(string parent, string name)
    {
        if (name.IndexOfAny(NeedsQuoting) >= 0)
            return $"{parent}['{name.Replace("'", "\\'")}']";
        return parent.Length == 0 ? name : $"{parent}.{name}";
    }
}
