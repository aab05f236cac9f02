using System.Runtime.CompilerServices;
using Microsoft.Extensions.Primitives;
using Serilog;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace Beacon.MockServer;

/// <summary>
/// The <c>Serilog</c> section, read without Serilog's configuration reader when it says no more than this server's
/// own settings and hosts say: levels (<c>MinimumLevel</c>, or its <c>Default</c> and <c>Override</c>) and the Console
/// and Debug sinks without arguments. That reader finds sinks by loading and searching every assembly whose name
/// holds "Serilog", by reflection, at each start: a dozen assemblies and a tenth of the start's compiled methods, for
/// what these few lines do. Anything else the section holds (an <c>Args</c>, another sink, <c>Enrich</c>,
/// <c>Using</c>, <c>LevelSwitches</c>, a level given as a number...) hands the whole section to the reader, as before.
/// Levels follow the file as the reader's do: a changed appsettings.json changes them while the server runs.
/// </summary>
internal sealed class SerilogSettings
{
    private const string Section = "Serilog";

    private readonly IConfigurationSection? _default;
    private readonly List<IConfigurationSection> _overrides = [];
    private readonly List<string> _sinks = [];

    private SerilogSettings(IConfigurationSection? level) => _default = level;

    /// <summary>The section's settings, when it holds only what <see cref="SerilogSettings"/> reads; null otherwise.</summary>
    public static SerilogSettings? Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var level = section.GetSection("MinimumLevel");
        var settings = new SerilogSettings(level.Value is not null ? level : level.GetSection("Default") is { Value: not null } d ? d : null);
        foreach (var child in section.GetChildren())
        {
            var read = Is(child, "MinimumLevel") ? settings.ReadLevels(child)
                : Is(child, "WriteTo") && settings.ReadSinks(child);
            if (!read)
                return null;
        }
        return settings;
    }

    /// <summary>Applies the levels (over <paramref name="defaults"/>, which the section overrides) and sinks.</summary>
    public void ApplyTo(LoggerConfiguration logger, IReadOnlyDictionary<string, LogEventLevel> defaults)
    {
        if (_default is not null)
            logger.MinimumLevel.ControlledBy(Switch(_default));
        foreach (var (source, level) in defaults)
        {
            if (!_overrides.Any(o => string.Equals(o.Key, source, StringComparison.OrdinalIgnoreCase)))
                logger.MinimumLevel.Override(source, level);
        }
        foreach (var level in _overrides)
            logger.MinimumLevel.Override(level.Key, Switch(level));
        foreach (var sink in _sinks)
        {
            if (sink == "Console")
                logger.WriteTo.Console();
            else
                WriteToDebug(logger);
        }
    }

    /// <summary>Apart, so that the Debug sink's assembly is loaded only when a setting asks for it (as the tests' hosts do).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WriteToDebug(LoggerConfiguration logger) => logger.WriteTo.Debug();

    private bool ReadLevels(IConfigurationSection level)
    {
        if (level.Value is not null)
            return IsLevel(level.Value) && !level.GetChildren().Any();
        foreach (var child in level.GetChildren())
        {
            if (Is(child, "Default"))
            {
                if (child.Value is not { } value || !IsLevel(value) || child.GetChildren().Any())
                    return false;
            }
            else if (Is(child, "Override"))
            {
                foreach (var source in child.GetChildren())
                {
                    if (source.Value is not { } value || !IsLevel(value) || source.GetChildren().Any())
                        return false;
                    _overrides.Add(source);
                }
            }
            else
            {
                return false;
            }
        }
        return true;
    }

    /// <summary><c>WriteTo</c> as a list of names (<c>["Console"]</c>) or of <c>{ "Name": ... }</c> with nothing else.</summary>
    private bool ReadSinks(IConfigurationSection sinks)
    {
        if (sinks.Value is not null)
            return false;
        foreach (var sink in sinks.GetChildren())
        {
            var children = sink.GetChildren().ToList();
            var name = sink.Value is { } value && children.Count == 0 ? value
                : sink.Value is null && children is [var only] && Is(only, "Name") && !only.GetChildren().Any() ? only.Value
                : null;
            if (name is not ("Console" or "Debug"))
                return false;
            _sinks.Add(name);
        }
        return true;
    }

    /// <summary>A level switch set from the setting, and set again whenever the configuration is reloaded.</summary>
    private static LoggingLevelSwitch Switch(IConfigurationSection setting)
    {
        var level = new LoggingLevelSwitch(Enum.Parse<LogEventLevel>(setting.Value!, ignoreCase: true));
        ChangeToken.OnChange(setting.GetReloadToken, () =>
        {
            if (setting.Value is { } value && IsLevel(value))
                level.MinimumLevel = Enum.Parse<LogEventLevel>(value, ignoreCase: true);
            else
                SelfLog.WriteLine("The value {0} of {1} is not a Serilog level; the level stays {2}.", setting.Value, setting.Path, level.MinimumLevel);
        });
        return level;
    }

    /// <summary>A level by its name (<c>Warning</c>, in any case); a number or anything else is left to Serilog's reader.</summary>
    private static bool IsLevel(string value) => Enum.GetNames<LogEventLevel>().Contains(value, StringComparer.OrdinalIgnoreCase);

    private static bool Is(IConfigurationSection section, string key) => string.Equals(section.Key, key, StringComparison.OrdinalIgnoreCase);
}
