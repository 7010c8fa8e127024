namespace OpsCenter.Simulators.Simulation;

/// <summary>
/// The whole city's devices on one simulated timeline. What it produces is a pure function of
/// (seed, inventory, start time, the times it is advanced to): no wall clock, no transport.
/// Each device first reports one random fraction of its interval after the start, so a fleet does not
/// report in lock-step.
/// </summary>
internal sealed class FleetModel
{
    private const double RebootsPerDeviceDay = 0.25;

    private readonly PriorityQueue<int, (DateTimeOffset Due, int Index)> _schedule = new();

    public FleetModel(IReadOnlyList<SimulatedDevice> devices, DeviceSimulationSettings settings, DateTimeOffset start)
    {
        Devices = devices;
        Settings = settings;
        Start = start;
        var phase = DeterministicSeed.RandomFor(settings.Seed, "fleet-phase");
        for (var i = 0; i < devices.Count; i++)
            Schedule(i, start + devices[i].Interval * phase.NextDouble());
    }

    public IReadOnlyList<SimulatedDevice> Devices { get; }
    public DeviceSimulationSettings Settings { get; }
    public DateTimeOffset Start { get; }

    public DateTimeOffset NextDueAt => _schedule.TryPeek(out _, out var key) ? key.Due : DateTimeOffset.MaxValue;

    /// <summary>Everything every device reports up to and including <paramref name="until"/>, in time order.</summary>
    public IEnumerable<DeviceOutput> AdvanceTo(DateTimeOffset until)
    {
        while (_schedule.TryPeek(out var index, out var key) && key.Due <= until)
        {
            _schedule.Dequeue();
            var device = Devices[index];
            Schedule(index, key.Due + device.Interval);
            // A rebooting device misses this report; its next one covers the gap.
            if (Settings.Reboots && device.LastTickAt != DateTimeOffset.MinValue && RebootDue(device))
            {
                yield return new DeviceOutput(device.Id, key.Due, null, device.Reboot(key.Due));
                continue;
            }
            foreach (var message in device.Tick(key.Due))
                yield return new DeviceOutput(device.Id, key.Due, message, null);
        }
    }

    private static bool RebootDue(SimulatedDevice device) =>
        device.Roll(RebootsPerDeviceDay * device.Interval.TotalDays);

    private void Schedule(int index, DateTimeOffset due)
    {
        _schedule.Enqueue(index, (due, index));
    }
}
