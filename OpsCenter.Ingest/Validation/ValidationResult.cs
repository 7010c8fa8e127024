using System.Diagnostics.CodeAnalysis;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Ingest.Validation;

/// <summary>
/// Outcome of <see cref="MessageValidator.Validate"/>: either a reading ready to store, or the reason it was rejected.
/// <see cref="Topic"/> is set whenever the topic itself was valid, so rejects can still be counted per device.
/// </summary>
public readonly record struct ValidationResult
{
    private ValidationResult(DeviceTopic? topic, StoredReading? reading, RejectReason reason, string detail)
    {
        Topic = topic;
        Reading = reading;
        Reason = reason;
        Detail = detail;
    }

    [MemberNotNullWhen(true, nameof(Reading))]
    public bool IsValid => Reading is not null;

    public DeviceTopic? Topic { get; }

    public StoredReading? Reading { get; }

    /// <summary>Meaningful only when <see cref="IsValid"/> is false.</summary>
    public RejectReason Reason { get; }

    /// <summary>Short human explanation for operators and integrators; empty on success.</summary>
    public string Detail { get; }

    public static ValidationResult Accepted(DeviceTopic topic, StoredReading reading) =>
        new(topic, reading, default, string.Empty);

    public static ValidationResult Rejected(RejectReason reason, string detail, DeviceTopic? topic = null) =>
        new(topic, null, reason, detail);

    public override string ToString() =>
        IsValid ? $"accepted {Topic}" : $"rejected {Reason.ToWire()}: {Detail}";
}
