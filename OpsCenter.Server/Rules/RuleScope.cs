namespace OpsCenter.Server.Rules;

/// <summary>Which devices a rule watches: every device of its kind (both null), one area's, or one device.</summary>
public sealed record RuleScope(string? AreaId = null, string? DeviceId = null)
{
    public static readonly RuleScope Everywhere = new();

    public bool Covers(string deviceId, string? areaId) =>
        (DeviceId is null || string.Equals(DeviceId, deviceId, StringComparison.Ordinal))
        && (AreaId is null || string.Equals(AreaId, areaId, StringComparison.Ordinal));

    public void Validate(RuleErrors errors)
    {
        if (AreaId is not null && AreaId.Length is 0 or > 64)
            errors.Add("scope.areaId", "must be 1–64 characters, or left out for every area");
        if (DeviceId is not null && DeviceId.Length is 0 or > 64)
            errors.Add("scope.deviceId", "must be 1–64 characters, or left out for every device");
    }
}
