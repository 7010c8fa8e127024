namespace OpsCenter.Server.Persistence;

/// <summary>The SQL scripts embedded from <c>Persistence/Migrations</c>, ordered by their number.</summary>
internal static class MigrationScripts
{
    public static IEnumerable<(string Id, string Sql)> All()
    {
        var assembly = typeof(MigrationScripts).Assembly;
        const string marker = ".Migrations.";
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(marker, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var id = name[(name.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..^".sql".Length];
            yield return (id, reader.ReadToEnd());
        }
    }
}
