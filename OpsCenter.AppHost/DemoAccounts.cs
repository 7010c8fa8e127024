using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpsCenter.AppHost;

/// <summary>
/// Signs in as the configured admin through the Server's API and creates, once each, the demo city's other accounts (an
/// operator, a leader and a wall screen; their passwords are kept beside the admin's) and a <c>reporter</c> service key
/// for the simulator's citizen-reports scenario.
/// </summary>
internal sealed class DemoAccounts(DemoSecrets secrets, Uri server, ConsoleLog log)
{
    private const string ReporterKeyName = "demo-citizen-reports";

    private static readonly (string Username, string DisplayName, string Role)[] People =
    [
        ("vanhanh", "Điều hành viên ca trực", "operator"),
        ("lanhdao", "Lãnh đạo thành phố", "leader"),
        ("manhinh", "Màn hình tường", "wall"),
    ];

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(secrets.DemoAccountsFile) && File.Exists(secrets.ReporterKeyFile))
            return;
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(15) };
        using var tokenResponse = await http.PostAsJsonAsync("api/auth/token",
            new { username = DemoSecrets.AdminUsername, password = secrets.AdminPassword() }, cancellationToken);
        tokenResponse.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(cancellationToken));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("accessToken").GetString());

        if (!File.Exists(secrets.DemoAccountsFile))
            await CreatePeopleAsync(http, cancellationToken);
        if (!File.Exists(secrets.ReporterKeyFile))
            await CreateReporterKeyAsync(http, cancellationToken);
    }

    private async Task CreatePeopleAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var created = new Dictionary<string, string>();
        foreach (var (username, displayName, role) in People)
        {
            var password = DemoSecrets.NewPassword();
            using var response = await http.PostAsJsonAsync("api/users", new { username, displayName, role, password }, cancellationToken);
            if (response.IsSuccessStatusCode)
                created[username] = password;
            else
                log.Info($"could not create demo account {username}: {(int)response.StatusCode}");
        }
        await DemoSecrets.WritePrivateAsync(secrets.DemoAccountsFile,
            JsonSerializer.Serialize(created, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        log.Info($"created demo accounts {string.Join(", ", created.Keys)} (passwords in {secrets.DemoAccountsFile})");
    }

    /// <summary>The key is shown only once, so it is kept; if its file was lost, a key under a new name replaces it.</summary>
    private async Task CreateReporterKeyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { ReporterKeyName, $"{ReporterKeyName}-{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}" })
        {
            using var response = await http.PostAsJsonAsync("api/service-keys", new { name, role = "reporter" }, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Conflict)
                continue;
            if (!response.IsSuccessStatusCode)
            {
                log.Info($"could not create the reporter service key: {(int)response.StatusCode}");
                return;
            }
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            await DemoSecrets.WritePrivateAsync(secrets.ReporterKeyFile, body.RootElement.GetProperty("key").GetString() + "\n", cancellationToken);
            log.Info($"created reporter service key '{name}' (in {secrets.ReporterKeyFile})");
            return;
        }
    }
}
