using OpsCenter.Ingest;
using OpsCenter.Ingest.Api;
using OpsCenter.Ingest.Security;
using OpsCenter.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngest();
builder.AddIngestSecurity();
builder.AddIngestApiReference();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapIngestApi();
app.MapIngestApiReference();
app.Run();

public partial class Program;
