using OpsCenter.Bench.Measuring;

namespace OpsCenter.Bench.Tests;

public sealed class DurableHistogramTests
{
    private const string Before = """
        # TYPE opscenter_ingest_durable_latency_milliseconds histogram
        opscenter_ingest_durable_latency_milliseconds_bucket{otel_scope_name="OpsCenter.Ingest",le="10"} 100 1700000000000
        opscenter_ingest_durable_latency_milliseconds_bucket{otel_scope_name="OpsCenter.Ingest",le="50"} 100 1700000000000
        opscenter_ingest_durable_latency_milliseconds_bucket{otel_scope_name="OpsCenter.Ingest",le="100"} 100 1700000000000
        opscenter_ingest_durable_latency_milliseconds_bucket{otel_scope_name="OpsCenter.Ingest",le="+Inf"} 100 1700000000000
        opscenter_ingest_received_total{otel_scope_name="OpsCenter.Ingest"} 100 1700000000000
        """;

    private const string After = """
        opscenter_ingest_durable_latency_milliseconds_bucket{otel_scope_name="OpsCenter.Ingest",le="10"} 600 1700000000000
        opscenter_ingest_durable_latency_milliseconds_bucket{otel_scope_name="OpsCenter.Ingest",le="50"} 1090 1700000000000
        opscenter_ingest_durable_latency_milliseconds_bucket{otel_scope_name="OpsCenter.Ingest",le="100"} 1098 1700000000000
        opscenter_ingest_durable_latency_milliseconds_bucket{otel_scope_name="OpsCenter.Ingest",le="+Inf"} 1100 1700000000000
        """;

    [Fact]
    public void Percentiles_of_what_happened_between_two_scrapes_are_bucket_upper_bounds()
    {
        var between = DurableHistogram.Parse(After).Since(DurableHistogram.Parse(Before));

        Assert.Equal(1_000, between.Total);
        Assert.Equal(10, between.Percentile(0.5));
        Assert.Equal(50, between.Percentile(0.99));
        Assert.Equal(100, between.Percentile(0.998));
        Assert.Equal(double.PositiveInfinity, between.Percentile(1.0));
    }
}
