namespace OpsCenter.AppHost;

/// <summary>One console for every child: each line prefixed with who said it, lines never interleaved.</summary>
/// <param name="output">Standard output, or where a test reads what was said.</param>
internal sealed class ConsoleLog(TextWriter? output = null)
{
    private const string Self = "apphost";
    private readonly Lock _lock = new();

    public Action<string> For(string source) => line => Write(source, line, ConsoleColor.Gray);

    public void Info(string message) => Write(Self, message, ConsoleColor.Cyan);

    public void Error(string message) => Write(Self, message, ConsoleColor.Red);

    /// <summary>Prints a block as is, e.g. the banner with the wall-screen URL.</summary>
    public void Block(string text)
    {
        lock (_lock)
        {
            Output.WriteLine(text);
        }
    }

    private TextWriter Output => output ?? Console.Out;

    private void Write(string source, string line, ConsoleColor color)
    {
        lock (_lock)
        {
            var colored = output is null && !Console.IsOutputRedirected;
            if (colored)
            {
                Console.ForegroundColor = color;
            }
            Output.Write($"[{source,-9}] ");
            if (colored)
            {
                Console.ResetColor();
            }
            Output.WriteLine(line);
        }
    }
}
