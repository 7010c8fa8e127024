using System.Net.Http.Headers;
using OpsCenter.TimeSeries;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class V1WriteShimTests
{
    [Fact]
    public void Maps_the_v2_write_call_to_the_1x_write_endpoint()
    {
        var uri = V1WriteShimHandler.MapWriteUri(new Uri("http://127.0.0.1:8086/api/v2/write?org=-&bucket=opscenter%2Fautogen&precision=ns"));
        Assert.Equal("/write", uri.AbsolutePath);
        Assert.Contains("db=opscenter", uri.Query, StringComparison.Ordinal);
        Assert.Contains("rp=autogen", uri.Query, StringComparison.Ordinal);
        Assert.Contains("precision=n", uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void Moves_token_credentials_into_1x_query_parameters()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://h/api/v2/write?bucket=db");
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", "ingest:s3cret");
        var uri = V1WriteShimHandler.MapWriteUri(request.RequestUri!, request);
        Assert.Contains("u=ingest", uri.Query, StringComparison.Ordinal);
        Assert.Contains("p=s3cret", uri.Query, StringComparison.Ordinal);
        Assert.Null(request.Headers.Authorization);
    }
}
