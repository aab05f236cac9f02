using System.Text;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.DataPlane;

/// <summary>How data plane tokens are checked: <c>Beacon:DataPlane</c>.</summary>
internal sealed class DataPlaneOptions
{
    public const string Section = "Beacon:DataPlane";

    /// <summary>The HS256 secret data plane tokens are signed with, at least 32 bytes; unset, tokens are recorded but not checked.</summary>
    public string? Secret { get; set; }
}

internal sealed class DataPlaneOptionsValidator : IValidateOptions<DataPlaneOptions>
{
    public ValidateOptionsResult Validate(string? name, DataPlaneOptions options) =>
        options.Secret is { } secret && Encoding.UTF8.GetByteCount(secret) < 32
            ? ValidateOptionsResult.Fail($"{DataPlaneOptions.Section}:Secret must be at least 32 bytes when set.")
            : ValidateOptionsResult.Success;
}
