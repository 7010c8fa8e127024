using OpsCenter.Broker.DeviceAccess;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Broker.Tests;

public sealed class CredentialsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opscenter-credentials-").FullName;

    [Fact]
    public async Task Help_prints_usage_and_issues_nothing()
    {
        var output = new StringWriter();
        Assert.Equal(0, await CredentialsCommand.RunAsync(["credentials", "issue", "--help"], output));
        Assert.Contains("--out", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task Issue_without_out_is_refused()
    {
        Assert.NotEqual(0, await CredentialsCommand.RunAsync(["credentials", "issue"], new StringWriter()));
    }

    [Fact]
    public async Task Issue_gives_each_device_and_service_a_secret_once()
    {
        var inventory = TestCity.WriteTo(_folder, TestCity.Create(camerasPerArea: 1, detectorsPerArea: 0, officesPerArea: 0));
        var credentials = Path.Combine(_folder, "credentials");
        var output = new StringWriter();
        Assert.Equal(0, await CredentialsCommand.RunAsync(["credentials", "issue", "--out", credentials, "--inventory", inventory], output));
        var devices = CredentialFiles.ReadSecrets(Path.Combine(credentials, CredentialFiles.DeviceSecrets));
        Assert.NotEmpty(devices);
        Assert.Contains(ServiceAccounts.Ingest, CredentialFiles.ReadSecrets(Path.Combine(credentials, CredentialFiles.ServiceSecrets)).Keys);

        // A second run issues nothing and changes no secret.
        var again = new StringWriter();
        Assert.Equal(0, await CredentialsCommand.RunAsync(["credentials", "issue", "--out", credentials, "--inventory", inventory], again));
        Assert.StartsWith("0 new secrets", again.ToString(), StringComparison.Ordinal);
        Assert.Equal(devices, CredentialFiles.ReadSecrets(Path.Combine(credentials, CredentialFiles.DeviceSecrets)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
