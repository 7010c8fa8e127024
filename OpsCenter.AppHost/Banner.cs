namespace OpsCenter.AppHost;

internal static class Banner
{
    public static string Text(Uri wallUrl, string dataDirectory, DemoSecrets secrets, string simulator) => $"""

        ================================================================
          OpsCenter is running.

          Wall screen:  {wallUrl}
          Data folder:  {dataDirectory}  (kept across runs)
          Sign in:      {DemoSecrets.AdminUsername} / {secrets.AdminPassword()}
                        (also in {secrets.AdminPasswordFile};
                         operator, leader and wall accounts in {secrets.DemoAccountsFile})
          Scenario:     dotnet {simulator} scenario accident --data {dataDirectory} --speed 10
                        (scenario --list: accident, camera-outage, office-backlog, citizen-reports, flapping, bad-input)

          Press Ctrl-C to stop everything.
        ================================================================

        """;
}
