using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Beacon.MockServer.Testing;

/// <summary>Writes each log event as one line to a test's output.</summary>
internal sealed class TestLogSink(Action<string> write) : ILogEventSink
{
    // Strings unquoted (":l"), as a console shows them.
    private static readonly MessageTemplateTextFormatter Format =
        new("[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj}{NewLine}{Exception}", System.Globalization.CultureInfo.InvariantCulture);

    public void Emit(LogEvent logEvent)
    {
        using var line = new StringWriter();
        Format.Format(logEvent, line);
        try
        {
            write(line.ToString().TrimEnd());
        }
        catch (InvalidOperationException)
        {
            // xunit's ITestOutputHelper throws once its test has ended; a line the mock logs after that has nowhere to go.
        }
    }
}
