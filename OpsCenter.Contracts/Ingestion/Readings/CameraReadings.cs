using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Devices.Messages;

namespace OpsCenter.Contracts.Ingestion.Readings;

/// <summary>A stored camera telemetry message, read by field.</summary>
public readonly record struct CameraTelemetryReading(StoredReading Stored)
{
    public bool Online => Stored.FlagOrDefault(CameraTelemetryFields.Online);
    public double Fps => Stored.NumberOrDefault(CameraTelemetryFields.Fps);
    public double BitrateKbps => Stored.NumberOrDefault(CameraTelemetryFields.BitrateKbps);
    public bool Recording => Stored.FlagOrDefault(CameraTelemetryFields.Recording);
    public double? StorageFreePct => Stored.TryGetNumber(CameraTelemetryFields.StorageFreePct, out var v) ? v : null;
    public long? PeopleCount => Stored.TryGetNumber(CameraTelemetryFields.PeopleCount, out var v) ? (long)v : null;
    public long? VehicleCount => Stored.TryGetNumber(CameraTelemetryFields.VehicleCount, out var v) ? (long)v : null;
}

/// <summary>A stored camera event, read by field.</summary>
public readonly record struct CameraEventReading(StoredReading Stored)
{
    public CameraEventType? Type => WireValue.ToEnum<CameraEventType>(CameraEventTypes.All, Stored.EventType);
    public Severity? Severity => WireValue.ToEnum<Severity>(Severities.All, Stored.TextOrDefault(CameraEventFields.Severity));
    public long? ObjectCount => Stored.TryGetNumber(CameraEventFields.ObjectCount, out var v) ? (long)v : null;
    public double? Confidence => Stored.TryGetNumber(CameraEventFields.Confidence, out var v) ? v : null;
    public string? SnapshotUrl => Stored.TextOrDefault(CameraEventFields.SnapshotUrl);
}
