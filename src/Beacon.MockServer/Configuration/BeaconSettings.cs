using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Configuration;

/// <summary>A class of options bound under <c>Beacon</c>: what <see cref="SettingsCheck"/> knows a key may be.</summary>
/// <param name="Section">Its configuration section, such as <c>Beacon:Otlp</c>.</param>
internal sealed record SettingsSection(string Section, Type Type);

internal static class BeaconSettings
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/>, validates it at start, and makes its keys known, so
    /// that a key under <c>Beacon</c> that no options class takes stops the start instead of being ignored.
    /// </summary>
    public static OptionsBuilder<T> AddBeaconOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddSingleton(new SettingsSection(section, typeof(T)));
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }
}
