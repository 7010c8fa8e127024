using OpsCenter.Ingest;
using OpsCenter.Ingest.Security;
using OpsCenter.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngest();
builder.AddIngestSecurity();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapIngestApi();
app.Run();

public partial class Program;
