using OpsCenter.Ingest;
using OpsCenter.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngest();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIngestApi();
app.Run();

public partial class Program;
