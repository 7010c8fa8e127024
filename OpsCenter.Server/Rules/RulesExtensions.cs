using OpsCenter.ServiceDefaults;
using OpsCenter.Server.Wall;

namespace OpsCenter.Server.Rules;

public static class RulesExtensions
{
    /// <summary>
    /// The rule engine: follows the stored stream beside the wall, raises and clears through the incidents feature's
    /// <see cref="Incidents.IIncidentSink"/> (looked up when first needed, so registration order does not matter).
    /// </summary>
    public static IHostApplicationBuilder AddRules(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCityInventory();
        services.AddSingleton<DeviceDirectory>();
        services.AddSingleton<RuleEffects>();
        services.AddSingleton<RuleStore>();
        services.AddSingleton<RuleStateStore>();
        services.AddSingleton<RuleEngine>();
        services.AddSingleton<IStoredStreamObserver>(sp => sp.GetRequiredService<RuleEngine>());
        services.AddSingleton<RuleSetLoader>();
        services.AddSingleton<RuleEffectsWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<RuleEffectsWriter>());
        services.AddHostedService<RuleEngineHost>();
        return builder;
    }
}
