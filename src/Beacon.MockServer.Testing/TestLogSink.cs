using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace Beacon.MockServer.Testing;

/// <summary>Writes each log event as one line to a test's output.</summary>
internal sealed class TestLogSink(Action<string> write) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        var line = $"[{logEvent.Timestamp:HH:mm:ss.fff} {Level(logEvent.Level)}] {logEvent.RenderMessage(CultureInfo.InvariantCulture)}";
        if (logEvent.Exception is { } exception)
            line += Environment.NewLine + exception;
        try
        {
            write(line);
        }
        catch (InvalidOperationException)
        {
            // xunit's ITestOutputHelper throws once its test has ended; a line the mock logs after that has nowhere to go.
        }
    }

    private static string Level(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "VRB",
        LogEventLevel.Debug => "DBG",
        LogEventLevel.Information => "INF",
        LogEventLevel.Warning => "WRN",
        LogEventLevel.Error => "ERR",
        _ => "FTL",
    };
}
