using OpsCenter.Server;
using OpsCenter.Server.Reports;
using OpsCenter.Server.Security;
using OpsCenter.Server.Security.Devices;
using OpsCenter.Server.WebPages;
using OpsCenter.ServiceDefaults;

if (CredentialsCommand.Handles(args))
    return await CredentialsCommand.RunAsync(args, Console.Out);

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOpsCenterServer();
builder.AddOpsCenterSecurity();
builder.AddCitizenReports();

var app = builder.Build();
app.UseSecurityHeaders();
app.UseOpsCenterSecurity();
app.MapDefaultEndpoints();
app.MapSecurityApi();
app.MapReportsApi();
app.MapWebPages();
app.MapOpsCenterHubs();
await app.RunAsync();
return 0;

public partial class Program;
