using System.Text;

namespace OpsCenter.AppHost.Tests.Support;

/// <summary>What a <see cref="ConsoleLog"/> said, readable by the test while the supervisor still writes.</summary>
internal sealed class LogRecorder : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public override Encoding Encoding => Encoding.UTF8;

    public ConsoleLog Log => new(this);

    public override void Write(char value)
    {
        lock (_lock)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            _text.Append(value);
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }
}
