using Dapper;
using Npgsql;

namespace OpsCenter.Server.Leaders.Figures;

/// <summary>What an import did: rows new to the table and rows that replaced a stored value of the same indicator and period.</summary>
public sealed record FigureImport(int Added, int Replaced);

/// <summary>A stored figure as the dashboard reads it.</summary>
public sealed record StoredFigure(string Indicator, string Unit, FigurePeriod Period, decimal Value, string Source, DateTimeOffset ImportedAt);

/// <summary><c>socio_economic_figures</c>: one row per (indicator, period); an import is one transaction.</summary>
public sealed class FigureStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Stores a checked batch whole or not at all. A unit that differs from the one stored for the indicator refuses the
    /// batch (a series in two units would make its trend and year-on-year change meaningless); the errors say where.
    /// </summary>
    public async Task<(FigureImport? Import, IReadOnlyList<FigureError> Errors)> ImportAsync(
        IReadOnlyList<SocioEconomicFigure> figures, string importedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var indicators = figures.Select(f => f.Indicator).Distinct().ToArray();
        // Locks the indicators' rows, so that two imports of one indicator in different units cannot both pass the check.
        var storedUnits = (await connection.QueryAsync<(string Indicator, string Unit)>(new CommandDefinition(
                "SELECT DISTINCT indicator, unit FROM (SELECT indicator, unit FROM socio_economic_figures WHERE indicator = ANY(@Indicators) FOR UPDATE) locked",
                new { Indicators = indicators }, transaction, cancellationToken: cancellationToken)))
            .GroupBy(r => r.Indicator).ToDictionary(g => g.Key, g => g.Select(r => r.Unit).ToList(), StringComparer.Ordinal);
        var conflicts = figures
            .Where(f => storedUnits.TryGetValue(f.Indicator, out var units) && !units.Contains(f.Unit, StringComparer.Ordinal))
            .Select(f => new FigureError(f.Line, $"unit '{f.Unit}' differs from '{storedUnits[f.Indicator][0]}' stored for {f.Indicator}"))
            .ToList();
        if (conflicts.Count > 0)
            return (null, conflicts);

        var inserted = (await connection.QueryAsync<bool>(new CommandDefinition("""
            INSERT INTO socio_economic_figures (indicator, unit, period, period_kind, period_start, value, source, imported_at, imported_by)
            SELECT i, u, p, k, s, v, src, @At, @By
            FROM unnest(@Indicators::text[], @Units::text[], @Periods::text[], @Kinds::text[], @Starts::date[], @Values::numeric[], @Sources::text[])
                AS t(i, u, p, k, s, v, src)
            ON CONFLICT (indicator, period) DO UPDATE
                SET unit = excluded.unit, value = excluded.value, source = excluded.source,
                    imported_at = excluded.imported_at, imported_by = excluded.imported_by
            RETURNING (xmax = 0)
            """, new
        {
            Indicators = figures.Select(f => f.Indicator).ToArray(),
            Units = figures.Select(f => f.Unit).ToArray(),
            Periods = figures.Select(f => f.Period.ToString()).ToArray(),
            Kinds = figures.Select(f => f.Period.KindName).ToArray(),
            Starts = figures.Select(f => f.Period.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            Values = figures.Select(f => f.Value).ToArray(),
            Sources = figures.Select(f => f.Source).ToArray(),
            At = at,
            By = importedBy,
        }, transaction, cancellationToken: cancellationToken))).ToList();
        await transaction.CommitAsync(cancellationToken);
        var added = inserted.Count(i => i);
        return (new FigureImport(added, inserted.Count - added), []);
    }

    public async Task<IReadOnlyList<StoredFigure>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT indicator, unit, period_kind, period_start, value, source, imported_at FROM socio_economic_figures ORDER BY indicator, period_kind, period_start",
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new StoredFigure(r.Indicator, r.Unit, FigurePeriod.Parse(r.PeriodKind, DateOnly.FromDateTime(r.PeriodStart)), r.Value, r.Source, r.ImportedAt))];
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return !await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM socio_economic_figures)", cancellationToken: cancellationToken));
    }

    private sealed class Row
    {
        public string Indicator { get; init; } = "";
        public string Unit { get; init; } = "";
        public string PeriodKind { get; init; } = "";
        public DateTime PeriodStart { get; init; }
        public decimal Value { get; init; }
        public string Source { get; init; } = "";
        public DateTimeOffset ImportedAt { get; init; }
    }
}
