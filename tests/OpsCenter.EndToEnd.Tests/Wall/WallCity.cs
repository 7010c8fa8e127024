namespace OpsCenter.EndToEnd.Tests.Wall;

/// <summary>One whole city for the wall-screen classes below: starting it is the slow part, the pages are cheap.</summary>
[CollectionDefinition(Name)]
public sealed class WallCity : ICollectionFixture<CityFixture>
{
    public const string Name = "wall city";
}
