using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Beacon.MockServer.Packages.Tests;

/// <summary>The public types of a packed assembly, read from its metadata (nothing is loaded or run).</summary>
internal static class PublicTypes
{
    /// <summary>Each public type's full name in the documentation's form: <c>Beacon.MockServer.Client.CaptureList`1</c>.</summary>
    public static IReadOnlyList<string> Of(byte[] assembly)
    {
        using var pe = new PEReader(new MemoryStream(assembly));
        var reader = pe.GetMetadataReader();
        var names = new List<string>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            var visibility = type.Attributes & TypeAttributes.VisibilityMask;
            if (visibility == TypeAttributes.Public)
                names.Add($"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}");
            else if (visibility == TypeAttributes.NestedPublic && IsPublic(reader, type.GetDeclaringType()))
                names.Add($"{Name(reader, type.GetDeclaringType())}.{reader.GetString(type.Name)}");
        }
        return names;
    }

    private static bool IsPublic(MetadataReader reader, TypeDefinitionHandle handle) =>
        (reader.GetTypeDefinition(handle).Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public;

    private static string Name(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        return $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}";
    }

    /// <summary>How C# names the type in <c>typeof</c>: <c>CaptureList&lt;&gt;</c> for <c>CaptureList`1</c>.</summary>
    public static string TypeOf(string fullName)
    {
        var name = fullName[(fullName.LastIndexOf('.') + 1)..];
        var tick = name.IndexOf('`');
        return tick < 0 ? name : $"{name[..tick]}<{new string(',', int.Parse(name[(tick + 1)..]) - 1)}>";
    }
}
