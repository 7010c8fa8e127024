using OpsCenter.Contracts.Devices;

namespace OpsCenter.Contracts.Ingestion;

/// <summary>
/// MQTT topics services use among themselves. They live outside <c>ops/v1/</c> so that devices
/// (whose ACL confines them to their own subtree) can neither publish nor read them.
/// </summary>
public static class InternalTopics
{
    public const string Root = "opscenter/v1/";

    /// <summary>Batches of <see cref="StoredReading"/>, per device kind: <c>opscenter/v1/stored/{kind}</c>.</summary>
    public static string Stored(DeviceKind kind) => $"{Root}stored/{kind.ToWire()}";

    public const string StoredFilter = Root + "stored/+";

    /// <summary><see cref="DeviceLivenessChanged"/> per device: <c>opscenter/v1/liveness/{deviceId}</c>.</summary>
    public static string Liveness(string deviceId) => $"{Root}liveness/{deviceId}";

    public const string LivenessFilter = Root + "liveness/+";
}
