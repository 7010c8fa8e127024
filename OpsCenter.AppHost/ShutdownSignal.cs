using System.Runtime.InteropServices;

namespace OpsCenter.AppHost;

/// <summary>
/// Ctrl-C (SIGINT) or SIGTERM asks for an orderly stop. A second signal while stopping falls through to the default
/// (the process ends; children still die with it: see ManagedProcess).
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public CancellationToken Token => _requested.Token;

    public Task WaitAsync() => Task.Delay(Timeout.Infinite, Token).ContinueWith(_ => { }, TaskScheduler.Default);

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _requested.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_requested.IsCancellationRequested)
        {
            return;
        }
        context.Cancel = true;
        _requested.Cancel();
    }
}
