using System.Text.Json.Serialization.Metadata;

namespace Beacon.MockServer.Store;

/// <summary>
/// A field a feature adds to every capture (a fault rule's id, a pass-through exchange): written right after the
/// capture's own field <see cref="After"/>, null until the feature sets it (<see cref="Capture.WithField"/>).
/// </summary>
/// <param name="Type">What it holds, for the OpenAPI document.</param>
/// <param name="After">The capture's own JSON field it follows (camelCase), or another feature field registered before it.</param>
internal sealed record CaptureField(string Name, Type Type, string Description, string After);

internal static class CaptureFields
{
    /// <summary>Adds a field to every capture, in the JSON the /mock API answers and in the OpenAPI document.</summary>
    public static IServiceCollection AddCaptureField(this IServiceCollection services, CaptureField field) => services.AddSingleton(field);

    /// <summary>A contract modifier that writes each registered field of a capture in its place.</summary>
    public static Action<JsonTypeInfo> Writer(IEnumerable<CaptureField> fields) => type =>
    {
        if (type.Type != typeof(Capture))
            return;
        foreach (var field in fields)
        {
            var property = type.CreateJsonPropertyInfo(typeof(RawJson), field.Name);
            var name = field.Name;
            property.Get = capture => ((Capture)capture).Fields.GetValueOrDefault(name);
            var after = type.Properties.Select((p, i) => (p.Name, i)).FirstOrDefault(p => p.Name == field.After);
            if (after.Name is null)
                throw new InvalidOperationException($"The capture field '{field.Name}' follows '{field.After}', which a capture does not have.");
            type.Properties.Insert(after.i + 1, property);
        }
    };
}
