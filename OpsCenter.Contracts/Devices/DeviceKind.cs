namespace OpsCenter.Contracts.Devices;

/// <summary>The three kinds of field device the contract knows.</summary>
public enum DeviceKind
{
    Camera,
    Traffic,
    Counter,
}

public static class DeviceKindNames
{
    public static string ToWire(this DeviceKind kind) => kind switch
    {
        DeviceKind.Camera => "camera",
        DeviceKind.Traffic => "traffic",
        DeviceKind.Counter => "counter",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(ReadOnlySpan<char> wire, out DeviceKind kind)
    {
        switch (wire)
        {
            case "camera": kind = DeviceKind.Camera; return true;
            case "traffic": kind = DeviceKind.Traffic; return true;
            case "counter": kind = DeviceKind.Counter; return true;
            default: kind = default; return false;
        }
    }
}
