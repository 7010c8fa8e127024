using OpsCenter.ServiceDefaults.ApiReference;

namespace OpsCenter.Ingest.Api;

/// <summary>Ingest's OpenAPI document and reference page; its callers sign in with the Server's bearer tokens only.</summary>
public static class IngestApiReference
{
    private const string Title = "OpsCenter Ingest API";

    public static IHostApplicationBuilder AddIngestApiReference(this IHostApplicationBuilder builder) =>
        builder.AddApiReference(Title, ApiSecuritySchemes.Bearer("the Server's POST /api/auth/token"));

    public static WebApplication MapIngestApiReference(this WebApplication app) => app.MapApiReference(Title);
}
