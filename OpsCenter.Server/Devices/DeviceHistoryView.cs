namespace OpsCenter.Server.Devices;

/// <summary>
/// One device's recent past, bucketed: <see cref="Times"/> (Unix ms, bucket starts) and one value per bucket in each
/// series (null where the device sent nothing), aligned so that a chart can take them as they are.
/// </summary>
public sealed record DeviceHistoryView(
    string DeviceId,
    string Kind,
    int Hours,
    int BucketMinutes,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<long> Times,
    IReadOnlyList<HistorySeries> Series);

/// <param name="Field">The contract's field name, or <c>events</c> for a count of event messages.</param>
/// <param name="Aggregate">How each bucket was reduced: <c>mean</c>, <c>last</c> (booleans as 1/0) or <c>count</c>.</param>
public sealed record HistorySeries(string Field, string Aggregate, string Unit, IReadOnlyList<double?> Values);
