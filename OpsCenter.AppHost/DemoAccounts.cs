using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpsCenter.AppHost;

/// <summary>
/// Signs in as the configured admin through the Server's API and creates the demo city's other accounts (an operator,
/// a leader and a wall screen), once; their passwords are kept beside the admin's.
/// </summary>
internal sealed class DemoAccounts(DemoSecrets secrets, Uri server, ConsoleLog log)
{
    private static readonly (string Username, string DisplayName, string Role)[] People =
    [
        ("vanhanh", "Điều hành viên ca trực", "operator"),
        ("lanhdao", "Lãnh đạo thành phố", "leader"),
        ("manhinh", "Màn hình tường", "wall"),
    ];

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(secrets.DemoAccountsFile))
            return;
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(15) };
        using var tokenResponse = await http.PostAsJsonAsync("api/auth/token",
            new { username = DemoSecrets.AdminUsername, password = secrets.AdminPassword() }, cancellationToken);
        tokenResponse.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(cancellationToken));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("accessToken").GetString());

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
        await File.WriteAllTextAsync(secrets.DemoAccountsFile, JsonSerializer.Serialize(created, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(secrets.DemoAccountsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        log.Info($"created demo accounts {string.Join(", ", created.Keys)} (passwords in {secrets.DemoAccountsFile})");
    }
}
