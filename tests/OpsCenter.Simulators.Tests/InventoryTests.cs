using System.Text.Json;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Simulators.Inventory;
using OpsCenter.Simulators.Tests.Support;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Simulators.Tests;

public sealed class InventoryTests
{
    [Fact]
    public void The_demo_city_is_hai_phong_with_its_districts_and_a_demo_sized_fleet()
    {
        var city = TestCity.Demo;

        Assert.Equal("Hải Phòng", city.City);
        Assert.Equal("Asia/Ho_Chi_Minh", city.TimeZone);
        Assert.Superset(new HashSet<string> { "Hồng Bàng", "Lê Chân", "Ngô Quyền", "Hải An", "Kiến An", "Dương Kinh", "Đồ Sơn", "An Dương", "Thủy Nguyên" },
            city.Areas.Select(a => a.Name).ToHashSet());
        Assert.Contains(city.Areas, a => a.Roads.Contains("Lạch Tray"));
        Assert.Equal(40, city.Devices.Count(d => d.Kind == "camera"));
        Assert.Equal(20, city.Devices.Count(d => d.Kind == "traffic"));
        Assert.Equal(12, city.Devices.Count(d => d.Kind == "counter"));
        AssertWellFormed(city);
    }

    [Theory]
    [InlineData("city", 2000, 500, 250)]
    [InlineData("district", 250, 60, 30)]
    public void A_scaled_inventory_has_the_right_counts_and_unique_valid_ids(string scale, int cameras, int detectors, int offices)
    {
        var city = InventoryScaler.Generate(TestCity.Demo, InventoryScale.Parse(scale), seed: 42);

        Assert.Equal(cameras, city.Devices.Count(d => d.Kind == "camera"));
        Assert.Equal(detectors, city.Devices.Count(d => d.Kind == "traffic"));
        Assert.Equal(offices, city.Devices.Count(d => d.Kind == "counter"));
        AssertWellFormed(city);
    }

    [Fact]
    public void Generation_is_deterministic_and_round_trips_through_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"opscenter-sim-{Guid.NewGuid():N}.json");
        try
        {
            var first = InventoryScaler.Generate(TestCity.Demo, InventoryScale.City, seed: 9);
            InventoryFile.Save(first, path);
            var loaded = CityInventory.Load(path);
            var second = InventoryScaler.Generate(TestCity.Demo, InventoryScale.City, seed: 9);

            Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(second));
            Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(loaded));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertWellFormed(CityInventory city)
    {
        var areas = city.Areas.Select(a => a.Id).ToHashSet();
        Assert.Equal(city.Devices.Count, city.Devices.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(city.Devices, d =>
        {
            Assert.True(DeviceTopic.IsValidDeviceId(d.Id), d.Id);
            Assert.True(DeviceKindNames.TryParse(d.Kind, out _), d.Kind);
            Assert.Contains(d.AreaId, areas);
            Assert.InRange(d.Lat, 20.6, 21.05);
            Assert.InRange(d.Lon, 106.5, 106.95);
            Assert.InRange(d.ReportingIntervalSeconds, 10, 60);
        });
        Assert.All(city.Devices.Where(d => d.Kind == "traffic"), d => Assert.True(d.Attributes.ContainsKey("road") && int.Parse(d.Attributes["lanes"], System.Globalization.CultureInfo.InvariantCulture) >= 1));
        Assert.All(city.Devices.Where(d => d.Kind == "counter"), d => Assert.True(d.Attributes.ContainsKey("officeType") && d.Attributes.ContainsKey("countersTotal")));
    }
}
