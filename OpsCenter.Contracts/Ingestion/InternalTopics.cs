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

    /// <summary>
    /// <see cref="ServicePresence"/> of one service instance, retained, with the same topic as its Last Will:
    /// <c>opscenter/v1/presence/{service}/{instance}</c>. The Server shows the wall as stale while no Ingest is present.
    /// </summary>
    public static string Presence(string service, string instance) => $"{Root}presence/{service}/{instance}";

    public const string PresenceFilter = Root + "presence/+/+";

    public const string IngestService = "ingest";
}
