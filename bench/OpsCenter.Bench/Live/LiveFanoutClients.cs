using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Bench.Live;

/// <summary>What one fan-out connection saw between <c>start</c> and <c>report</c>.</summary>
/// <param name="Probes">Each change of the probe's keys it saw: its <c>since</c> (Unix ms), its state, when it arrived (Unix ms).</param>
public sealed record FanoutClientReport(int Index, string? Failed, bool Closed, int Frames, int Resyncs, IReadOnlyList<(long Since, string State, double ReceivedAtMs)> Probes);

/// <summary>
/// bench/live-fanout/fanout.mjs as a child process: N SignalR WebSocket clients on the city view in one Node process.
/// Commands go in on stdin, JSON lines come out on stdout (see the script's header).
/// </summary>
public sealed class LiveFanoutClients : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonElement> _lines = Channel.CreateUnbounded<JsonElement>();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();

    private LiveFanoutClients(Process process)
    {
        _process = process;
        _ = PumpAsync();
        _ = PumpErrorsAsync();
    }

    public int Pid => _process.Id;

    public static LiveFanoutClients Start(Uri hubUrl, string token, int clients, string probeDevice)
    {
        var start = new ProcessStartInfo(MissingPrerequisiteException.RequireOnPath("node", "Node.js"))
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root,
        };
        foreach (var arg in new[] { Path.Combine(RepoPaths.Root, "bench", "live-fanout", "fanout.mjs"), "--url", hubUrl.ToString(),
                     "--clients", clients.ToString(CultureInfo.InvariantCulture), "--device", probeDevice })
            start.ArgumentList.Add(arg);
        // Not on the command line, where every user's ps would show it.
        start.Environment["FANOUT_TOKEN"] = token;
        return new LiveFanoutClients(Process.Start(start) ?? throw new InvalidOperationException("node did not start"));
    }

    /// <summary>Waits until every connection has its full frame (or gave up); returns (connected, failed, first error).</summary>
    public async Task<(int Connected, int Failed, string? FirstError)> ReadyAsync(TimeSpan timeout)
    {
        var ready = await NextAsync("ready", timeout);
        return (ready.GetProperty("connected").GetInt32(), ready.GetProperty("failed").GetInt32(), ready.GetProperty("firstError").GetString());
    }

    /// <summary>Zeroes the counters: what follows is the measured window.</summary>
    public async Task StartWindowAsync()
    {
        await _process.StandardInput.WriteLineAsync("start");
        await _process.StandardInput.FlushAsync();
        await NextAsync("started", TimeSpan.FromSeconds(30));
    }

    public async Task<IReadOnlyList<FanoutClientReport>> ReportAsync(TimeSpan timeout)
    {
        await _process.StandardInput.WriteLineAsync("report");
        await _process.StandardInput.FlushAsync();
        var reports = new List<FanoutClientReport>();
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var line = await ReadAsync("end", timeout, deadline.Token);
            var type = line.GetProperty("type").GetString();
            if (type == "end")
                return reports;
            if (type == "client")
                reports.Add(Client(line));
        }
    }

    private static FanoutClientReport Client(JsonElement line) => new(
        line.GetProperty("index").GetInt32(),
        line.GetProperty("failed").GetString(),
        line.GetProperty("closed").GetBoolean(),
        line.GetProperty("frames").GetInt32(),
        line.GetProperty("resyncs").GetInt32(),
        [.. line.GetProperty("probes").EnumerateArray().Select(p => (p[0].GetInt64(), p[1].GetString() ?? "", p[2].GetDouble()))]);

    private async Task<JsonElement> NextAsync(string type, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var line = await ReadAsync(type, timeout, deadline.Token);
            if (line.GetProperty("type").GetString() == type)
                return line;
        }
    }

    private async Task<JsonElement> ReadAsync(string awaited, TimeSpan timeout, CancellationToken deadline)
    {
        try
        {
            return await _lines.Reader.ReadAsync(deadline);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"fanout.mjs sent no '{awaited}' within {timeout.TotalSeconds:0} s; its errors: {string.Join(" | ", _errors)}");
        }
        catch (ChannelClosedException)
        {
            await Task.WhenAny(_process.WaitForExitAsync(CancellationToken.None), Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
            throw new InvalidOperationException(
                $"fanout.mjs ended before '{awaited}' (exit code {(_process.HasExited ? _process.ExitCode : -1)}); its errors: {string.Join(" | ", _errors)}");
        }
    }

    private async Task PumpAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } text)
        {
            if (text.StartsWith('{'))
                _lines.Writer.TryWrite(JsonDocument.Parse(text).RootElement.Clone());
        }
        _lines.Writer.TryComplete();
    }

    /// <summary>Keeps the script's last error lines for the exception that reports its failure.</summary>
    private async Task PumpErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } text)
        {
            _errors.Enqueue(text);
            while (_errors.Count > 20)
                _errors.TryDequeue(out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close(); // the script exits when its stdin closes
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }
}
