namespace OpsCenter.LocalServices.Tests;

public sealed class PostgresServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Starts_and_answers_select_1()
    {
        await using var postgres = await PostgresServer.StartNewAsync(cancellationToken: Ct);

        Assert.Equal("1", await postgres.RunSqlAsync("select 1", cancellationToken: Ct));
    }

    [Fact]
    public async Task Connection_string_names_loopback_port_user_and_database()
    {
        await using var postgres = await PostgresServer.StartNewAsync(cancellationToken: Ct);

        Assert.StartsWith($"Host=127.0.0.1;Port={postgres.Port};Username=opscenter;Password=", postgres.ConnectionString);
        Assert.EndsWith(";Database=opscenter", postgres.ConnectionString);
        Assert.DoesNotContain("Password=;", postgres.ConnectionString);
    }

    [Fact]
    public async Task A_restart_reuses_the_folder_its_data_and_its_password()
    {
        await using var postgres = await PostgresServer.StartNewAsync(cancellationToken: Ct);
        await postgres.RunSqlAsync("create table incidents (id int); insert into incidents values (41), (42)", cancellationToken: Ct);
        var connectionString = postgres.ConnectionString;

        await postgres.StopAsync();
        await postgres.StartAsync(Ct);

        Assert.Equal("2", await postgres.RunSqlAsync("select count(*) from incidents", cancellationToken: Ct));
        Assert.Equal(connectionString, postgres.ConnectionString);
    }

    [Fact]
    public async Task A_second_server_on_an_initialised_folder_reuses_it()
    {
        var folder = Directory.CreateTempSubdirectory("opscenter-pg-test-");
        // PostgreSQL runs as user postgres, which must be able to enter the folder (temp folders are 0700).
        folder.UnixFileMode |= UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        try
        {
            await using (var first = await PostgresServer.StartNewAsync(new() { DataDirectory = folder.FullName }, Ct))
            {
                await first.RunSqlAsync("create table kept (id int)", cancellationToken: Ct);
            }
            await using var second = await PostgresServer.StartNewAsync(new() { DataDirectory = folder.FullName }, Ct);

            Assert.Equal("0", await second.RunSqlAsync("select count(*) from kept", cancellationToken: Ct));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Starts_again_after_being_killed_and_keeps_committed_data()
    {
        await using var postgres = await PostgresServer.StartNewAsync(cancellationToken: Ct);
        await postgres.RunSqlAsync("create table audit (id int); insert into audit values (1)", cancellationToken: Ct);

        postgres.Kill();
        await postgres.Exited!.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await postgres.StartAsync(Ct);

        Assert.Equal("1", await postgres.RunSqlAsync("select count(*) from audit", cancellationToken: Ct));
    }

    [Fact]
    public async Task Stop_leaves_no_postgres_process_behind()
    {
        var postgres = await PostgresServer.StartNewAsync(cancellationToken: Ct);
        var pid = postgres.Pid!.Value;
        var backends = ProcessTable.ChildrenOf(pid);

        await postgres.DisposeAsync();

        Assert.NotEmpty(backends);
        Assert.True(await ProcessTable.AllGoneAsync([pid, .. backends], TimeSpan.FromSeconds(20)));
    }
}
