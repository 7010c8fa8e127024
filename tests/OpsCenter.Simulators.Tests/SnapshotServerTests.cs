using System.Buffers.Binary;
using System.Net;
using OpsCenter.LocalServices;
using OpsCenter.Simulators.Snapshots;

namespace OpsCenter.Simulators.Tests;

/// <summary>The fleet's synthetic camera snapshots: real PNGs, served on loopback, nothing else served.</summary>
public sealed class SnapshotServerTests
{
    [Fact]
    public void A_synthetic_snapshot_is_a_png_of_the_stated_size_and_differs_over_time()
    {
        var png = SyntheticSnapshot.Png("cam-lechan-0001", 1_764_000_000);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(SyntheticSnapshot.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(SyntheticSnapshot.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.NotEqual(png, SyntheticSnapshot.Png("cam-lechan-0001", 1_764_000_010));
    }

    [Fact]
    public async Task The_server_serves_snapshots_as_image_png_and_nothing_else()
    {
        var port = FreePort.Next();
        await using var server = new SnapshotServer(port);
        using var http = new HttpClient();
        var ct = TestContext.Current.CancellationToken;

        using var snap = await http.GetAsync($"{server.BaseUrl}cam-1/1764000000.png", ct);
        Assert.Equal(HttpStatusCode.OK, snap.StatusCode);
        Assert.Equal("image/png", snap.Content.Headers.ContentType!.MediaType);
        Assert.Equal(SyntheticSnapshot.Png("cam-1", 1_764_000_000), await snap.Content.ReadAsByteArrayAsync(ct));

        using var other = await http.GetAsync($"http://127.0.0.1:{port}/etc/passwd", ct);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}
