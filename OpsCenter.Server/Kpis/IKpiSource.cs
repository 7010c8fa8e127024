namespace OpsCenter.Server.Kpis;

/// <summary>
/// The KPIs of <c>docs/kpis.md</c>, city-wide and per area, as name → value (number, text, boolean or null).
/// Live views publish them as <c>kpi.{name}</c> and <c>area.{areaId}.{name}</c>; cheap enough to call on every frame.
/// </summary>
public interface IKpiSource
{
    IReadOnlyDictionary<string, object?> City();

    IReadOnlyDictionary<string, object?> Area(string areaId);
}
