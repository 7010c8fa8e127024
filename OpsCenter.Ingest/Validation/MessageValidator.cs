using System.Text.Unicode;
using OpsCenter.Contracts.Devices;

namespace OpsCenter.Ingest.Validation;

/// <summary>
/// Strict check of one MQTT message against the device contract (docs/device-contract.md).
/// Stateless and thread-safe: one instance serves every consumer. A message is either turned into a
/// <see cref="OpsCenter.Contracts.Ingestion.StoredReading"/> or rejected with a reason; nothing malformed
/// throws, so a broken device cannot stop the ingest loop.
/// </summary>
public sealed class MessageValidator
{
    public const int MaxPayloadBytes = 64 * 1024;
    public static readonly TimeSpan DefaultLateAfter = TimeSpan.FromMinutes(2);

    public MessageValidator()
        : this(DefaultLateAfter)
    {
    }

    /// <param name="lateAfter">Readings whose <c>ts</c> is older than this (but within 7 days) are marked late.</param>
    public MessageValidator(TimeSpan lateAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lateAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lateAfter, MessageReader.MaxAge);
        LateAfter = lateAfter;
    }

    public TimeSpan LateAfter { get; }

    public ValidationResult Validate(string topic, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        if (!DeviceTopic.TryParse(topic, out var parsed))
            return ValidationResult.Rejected(RejectReason.Topic, "topic must be ops/v1/{camera|traffic|counter}/{deviceId}/{telemetry|event|status}");
        var rules = MessageRules.For(parsed.Kind, parsed.Channel);
        if (rules is null)
            return ValidationResult.Rejected(RejectReason.Topic, "the contract defines no such channel for this kind of device", parsed);
        if (payload.Length > MaxPayloadBytes)
            return ValidationResult.Rejected(RejectReason.TooLarge, "payload is larger than 64 KiB", parsed);
        // Checked over the whole payload up front: the JSON reader only validates bytes inside strings it decodes.
        if (!Utf8.IsValid(payload))
            return ValidationResult.Rejected(RejectReason.NotUtf8, "payload is not valid UTF-8", parsed);

        if (MessageReader.Read(payload, parsed, rules, now, LateAfter, out var reading) is { } fault)
            return ValidationResult.Rejected(fault.Reason, fault.Detail, parsed);
        return ValidationResult.Accepted(parsed, reading!);
    }
}
