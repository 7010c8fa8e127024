namespace OpsCenter.LocalServices;

/// <summary>A child's output: appended to a file, the last lines kept for error messages.</summary>
internal sealed class OutputLog : IDisposable
{
    private const int TailLines = 50;
    private readonly Lock _lock = new();
    private readonly Queue<string> _tail = new();
    private readonly Action<string>? _onLine;
    private StreamWriter? _writer;

    public OutputLog(string path, Action<string>? onLine)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new StreamWriter(path, append: true) { AutoFlush = true };
        _onLine = onLine;
    }

    public void Write(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lock)
        {
            _writer?.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
        _onLine?.Invoke(line);
    }

    public string Tail()
    {
        lock (_lock)
        {
            return string.Join('\n', _tail);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }
}
