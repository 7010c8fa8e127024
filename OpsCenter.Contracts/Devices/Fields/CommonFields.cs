namespace OpsCenter.Contracts.Devices.Fields;

/// <summary>
/// Wire names of the fields every device message carries. The field-name classes in this folder are the only place
/// C# spells the contract's names: the message records, the ingest validator and the Server all use them, and a test
/// proves them equal to the JSON Schemas (the source of truth).
/// </summary>
public static class CommonFields
{
    public const string DeviceId = "deviceId";
    public const string Ts = "ts";
    public const string Seq = "seq";
}

/// <summary>Wire names every event message shares, whatever the kind of device.</summary>
public static class EventFields
{
    public const string Type = "type";
}
