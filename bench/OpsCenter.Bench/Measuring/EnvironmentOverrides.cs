namespace OpsCenter.Bench.Measuring;

/// <summary>Runtime settings tried on a service without rebuilding: <c>NAME="K=V;K=V"</c> (BENCH_INGEST_ENV, BENCH_BROKER_ENV).</summary>
internal static class EnvironmentOverrides
{
    public static void AddTo(IDictionary<string, string?> environment, string variable)
    {
        foreach (var pair in (Environment.GetEnvironmentVariable(variable) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2)
                throw new ArgumentException($"{variable}: '{pair}' is not K=V");
            environment[parts[0]] = parts[1];
        }
    }
}
