using Microsoft.OpenApi;

namespace OpsCenter.ServiceDefaults.ApiReference;

/// <summary>How OpsCenter callers sign in, as OpenAPI security schemes.</summary>
public static class ApiSecuritySchemes
{
    public static KeyValuePair<string, OpenApiSecurityScheme> Bearer(string issuedBy) => new("bearer", new OpenApiSecurityScheme
    {
        Type = SecuritySchemeType.Http,
        Scheme = "bearer",
        Description = $"Access token from {issuedBy} (send as Authorization: Bearer <token>).",
    });

    public static KeyValuePair<string, OpenApiSecurityScheme> SessionCookie(string cookieName) => new("cookie", new OpenApiSecurityScheme
    {
        Type = SecuritySchemeType.ApiKey,
        In = ParameterLocation.Cookie,
        Name = cookieName,
        Description = "Browser session from the login page; state-changing calls must also send X-Requested-With.",
    });

    public static KeyValuePair<string, OpenApiSecurityScheme> ServiceKey(string headerName) => new("serviceKey", new OpenApiSecurityScheme
    {
        Type = SecuritySchemeType.ApiKey,
        In = ParameterLocation.Header,
        Name = headerName,
        Description = "Service key for machines (reporter, monitor); also accepted as Authorization: ApiKey <key>.",
    });
}
