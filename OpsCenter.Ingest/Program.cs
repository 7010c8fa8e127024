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
// Start-up reads the whole device inventory (50,000 devices: tens of MB of JSON and parse garbage). One full, compacting
// collection once everything has started gives that memory back to the system instead of keeping it as heap headroom.
app.Lifetime.ApplicationStarted.Register(() => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true));
app.Run();

public partial class Program;
