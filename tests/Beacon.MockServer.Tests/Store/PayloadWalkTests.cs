using System.Text;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Tests.Store;

/// <summary>A payload's values, one by one, each with its path as findings write it and its field without indexes.</summary>
public sealed class PayloadWalkTests
{
    [Fact]
    public void AJsonBody_IsWalkedInDocumentOrder_WithItsPaths()
    {
        var walked = Walk("""{"a": 1, "tags": {"x.y": "z", "it's": true}, "list": [{"b": null}, [2.5]], "e": ""}""");

        Assert.Equal(
        [
            ("", "", "", PayloadValueType.Object, ""),
            ("a", "a", "a", PayloadValueType.Number, "1"),
            ("tags", "tags", "tags", PayloadValueType.Object, ""),
            ("tags['x.y']", "tags['x.y']", "x.y", PayloadValueType.String, "z"),
            ("tags['it\\'s']", "tags['it\\'s']", "it's", PayloadValueType.Boolean, ""),
            ("list", "list", "list", PayloadValueType.Array, ""),
            ("list[0]", "list[]", "", PayloadValueType.Object, ""),
            ("list[0].b", "list[].b", "b", PayloadValueType.Null, ""),
            ("list[1]", "list[]", "", PayloadValueType.Array, ""),
            ("list[1][0]", "list[][]", "", PayloadValueType.Number, "2.5"),
            ("e", "e", "e", PayloadValueType.String, ""),
        ], walked);
    }

    [Fact]
    public void EscapedStrings_AreHandedOverUnescaped()
    {
        var walked = Walk("""{"k\u00e9y": "line\nbreak \"quoted\" \ud83d\ude00"}""");

        Assert.Equal(("kéy", "line\nbreak \"quoted\" 😀"), (walked[1].Name, walked[1].Text));
    }

    [Fact]
    public void APathPastItsLength_IsCut_AndTheWalkGoesOn()
    {
        var deep = new StringBuilder();
        for (var i = 0; i < 200; i++)
            deep.Append("{\"level\":");
        deep.Append("\"bottom\"").Append('}', 200);

        var walked = Walk(deep.ToString());

        Assert.Equal(201, walked.Count);
        Assert.Equal(PayloadPath.MaxLength, walked[^1].Path.Length);
        Assert.EndsWith("…", walked[^1].Path);
        Assert.Equal("bottom", walked[^1].Text);
    }

    [Fact]
    public void TextThatStopsBeingJson_IsWalkedAsFarAsItIs()
    {
        var walked = Walk("""{"a": "b", "c": """);

        Assert.Equal(["", "a"], walked.Select(w => w.Path));
    }

    [Fact]
    public void AnUnreadBody_IsOneStringAtTheRoot()
    {
        var values = new Recorder();

        TextPayload.Of("not json: a@example.com"u8, 1024)!.Visit(values);

        Assert.Equal(("", PayloadValueType.String, "not json: a@example.com"), (values.Seen.Single().Path, values.Seen.Single().Type, values.Seen.Single().Text));
    }

    private static List<(string Path, string Field, string Name, PayloadValueType Type, string Text)> Walk(string json)
    {
        var values = new Recorder();
        new JsonPayload(RawJson.FromValidated(Encoding.UTF8.GetBytes(json))).Visit(values);
        return values.Seen;
    }

    internal sealed class Recorder : IPayloadVisitor
    {
        public List<(string Path, string Field, string Name, PayloadValueType Type, string Text)> Seen { get; } = [];

        public void Visit(in PayloadValue value) =>
            Seen.Add((value.Path.ToString(), value.Field.ToString(), value.Name.ToString(), value.Type, value.Text.ToString()));
    }
}
