using OpsCenter.Server;
using OpsCenter.Server.ApiReference;
using OpsCenter.Server.CitizenReports;
using OpsCenter.Server.Devices;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Live;
using OpsCenter.Server.Security;
using OpsCenter.Server.Wall;
using OpsCenter.Server.WebPages;
using OpsCenter.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServerFoundation();
builder.AddSecurity();
builder.AddWall();
builder.AddKpis();
builder.AddLiveViews();
builder.AddCitizenReports();
builder.AddDevices();
builder.AddServerApiReference();

var app = builder.Build();
app.UseSecurityHeaders();
app.UseSecurity();
app.MapDefaultEndpoints();
app.MapSecurityApi();
app.MapCitizenReportsApi();
app.MapDevices();
app.MapWebPages();
app.MapWall();
app.MapKpisApi();
app.MapLiveViews();
app.MapServerApiReference();
await app.RunAsync();

public partial class Program;
