using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Server.Security;

public static class SecurityExtensions
{
    /// <summary>The login page's own files: the only static assets served before sign-in.</summary>
    public const string PublicAssetsPrefix = "/_content/OpsCenter.Web/login";

    /// <summary>People: users, sign-in (cookie, bearer, service keys), roles, CSRF checks, the audit trail.</summary>
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<SecurityOptions>(SecurityOptions.Section);
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
        services.AddOpsCenterAuthentication(settings, builder.Configuration);
        services.AddOpsCenterAuthorization();

        return builder;
    }

    /// <summary>Authentication, authorization and CSRF checks; everything mapped or served after this is protected.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
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
