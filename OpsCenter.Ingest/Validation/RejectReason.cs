namespace OpsCenter.Ingest.Validation;

/// <summary>
/// Why a device message was rejected. The wire names (<see cref="RejectReasonNames.ToWire"/>) are
/// part of the device contract: integrators see them in reject logs and metrics, so they never change.
/// </summary>
public enum RejectReason
{
    Topic,
    TooLarge,
    NotUtf8,
    NotJson,
    NotObject,
    DuplicateKey,
    TooDeep,
    MissingField,
    WrongType,
    OutOfRange,
    NonFiniteNumber,
    UnknownEnum,
    DeviceIdMismatch,
    BadTimestamp,
    FutureTimestamp,
    TooOld,

    /// <summary>Well-formed, but the device is not in the registry; decided by the registry, not the validator.</summary>
    UnknownDevice,

    /// <summary>Accepted, but InfluxDB refused to store its point (e.g. a field-type conflict); decided by the store.</summary>
    StoreRefused,
}

public static class RejectReasonNames
{
    public static string ToWire(this RejectReason reason) => reason switch
    {
        RejectReason.Topic => "topic",
        RejectReason.TooLarge => "tooLarge",
        RejectReason.NotUtf8 => "notUtf8",
        RejectReason.NotJson => "notJson",
        RejectReason.NotObject => "notObject",
        RejectReason.DuplicateKey => "duplicateKey",
        RejectReason.TooDeep => "tooDeep",
        RejectReason.MissingField => "missingField",
        RejectReason.WrongType => "wrongType",
        RejectReason.OutOfRange => "outOfRange",
        RejectReason.NonFiniteNumber => "nonFiniteNumber",
        RejectReason.UnknownEnum => "unknownEnum",
        RejectReason.DeviceIdMismatch => "deviceIdMismatch",
        RejectReason.BadTimestamp => "badTimestamp",
        RejectReason.FutureTimestamp => "futureTimestamp",
        RejectReason.TooOld => "tooOld",
        RejectReason.UnknownDevice => "unknownDevice",
        RejectReason.StoreRefused => "storeRefused",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    public static bool TryParse(ReadOnlySpan<char> wire, out RejectReason reason)
    {
        foreach (var candidate in Enum.GetValues<RejectReason>())
        {
            if (wire.SequenceEqual(candidate.ToWire()))
            {
                reason = candidate;
                return true;
            }
        }
        reason = default;
        return false;
    }
}
