using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;

namespace OpsCenter.ServiceDefaults;

public static class ValidatedOptions
{
    /// <summary>
    /// Binds a settings section and validates it when the host starts, so a wrong setting stops the service at once
    /// with a message naming the key, instead of failing at 3 a.m.
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        return services.AddOptions<T>()
            .BindConfiguration(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }
}
