using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpsCenter.Server.Broker;
using OpsCenter.Server.Security.Devices;
using OpsCenter.ServiceDefaults;
using OpsCenter.ServiceDefaults.Mqtt;

namespace OpsCenter.Server.Security;

public static class SecurityExtensions
{
    /// <summary>The login page's own files: the only static assets served before sign-in.</summary>
    public const string PublicAssetsPrefix = "/_content/OpsCenter.Web/login";

    /// <summary>Call after <c>AddOpsCenterServer</c>: the first admin is created after the schema migrations ran.</summary>
    public static IHostApplicationBuilder AddOpsCenterSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<SecurityOptions>(SecurityOptions.Section);
        services.AddValidatedOptions<BrokerSecurityOptions>(BrokerOptions.Section);
        var settings = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<ServiceKeyStore>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<PasswordSignIn>();
        services.AddHostedService<BootstrapAdmin>();

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "opscenter.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SuppressXFrameOptionsHeader = true; // UseSecurityHeaders already sends DENY
        });
        // JSON answers escape < > & ' so that text a citizen typed stays inert even if something renders it as HTML.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        services.AddOpsCenterAuthentication(settings);
        services.AddOpsCenterAuthorization();

        services.AddSingleton<MqttAccountRegistry>();
        services.AddSingleton<BrokerAccessControl>();
        // The Server's own MQTT client signs in to its own broker with the service account issued for it.
        services.AddOptions<MqttConnectionOptions>().PostConfigure<IOptions<BrokerOptions>, MqttAccountRegistry>((mqtt, broker, registry) =>
        {
            if (broker.Value.Embedded && registry.Required && string.IsNullOrEmpty(mqtt.Username)
                && registry.IssuedServiceSecret(ServiceAccounts.Server) is { } secret)
            {
                mqtt.Username = ServiceAccounts.Server;
                mqtt.Password = secret;
            }
        });
        return builder;
    }

    /// <summary>Authentication, authorization and CSRF checks; everything mapped or served after this is protected.</summary>
    public static WebApplication UseOpsCenterSecurity(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PublicAssetsPrefix), branch => branch.UseStaticFiles());
        app.UseAuthentication();
        app.UseMiddleware<CsrfGuard>();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapSecurityApi(this WebApplication app)
    {
        app.MapLoginEndpoints();
        app.MapUsersApi();
        app.MapServiceKeysApi();
        return app;
    }
}
