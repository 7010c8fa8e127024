using OpsCenter.Server;
using OpsCenter.Server.WebPages;
using OpsCenter.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOpsCenterServer();

var app = builder.Build();
app.UseSecurityHeaders();
app.MapDefaultEndpoints();
app.MapWebPages();
app.MapOpsCenterHubs();
app.Run();

public partial class Program;
