using System.Globalization;

namespace OpsCenter.Server.Leaders.Figures;

/// <summary>One value of a socio-economic indicator for one period, as a department publishes it; <paramref name="Line"/> is where it was sent.</summary>
public sealed record SocioEconomicFigure(string Indicator, string Unit, FigurePeriod Period, decimal Value, string Source, int Line);

/// <summary>A row as sent (CSV line or JSON item), not yet checked; <paramref name="Line"/> is how the sender finds it again.</summary>
public sealed record FigureInput(int Line, string? Indicator, string? Unit, string? Period, string? Value, string? Source);

/// <summary>Why one row was refused: the line (CSV, header = 1) or item (JSON, first = 1) and the reason.</summary>
public sealed record FigureError(int Line, string Message);

/// <summary>
/// A file or post of figures, checked as a whole before anything is stored: one bad row refuses the batch, so a file
/// is never half-imported, and every bad row is named at once so the sender fixes them in one go.
/// </summary>
public sealed class FigureBatch
{
    public const int MaxRows = 10_000;
    public const int MaxIndicatorLength = 120, MaxUnitLength = 40, MaxSourceLength = 200;

    /// <summary>NUMERIC(24,6): up to 18 digits before the point, 6 after.</summary>
    private static readonly decimal Limit = 1_000_000_000_000_000_000m;

    private FigureBatch(IReadOnlyList<SocioEconomicFigure> figures, IReadOnlyList<FigureError> errors) => (Figures, Errors) = (figures, errors);

    public IReadOnlyList<SocioEconomicFigure> Figures { get; }
    public IReadOnlyList<FigureError> Errors { get; }
    public bool IsValid => Errors.Count == 0;

    public static FigureBatch Refused(params FigureError[] errors) => new([], errors);

    public static FigureBatch Check(IReadOnlyList<FigureInput> rows)
    {
        if (rows.Count == 0)
            return Refused(new FigureError(0, "no figures: send at least one row"));
        if (rows.Count > MaxRows)
            return Refused(new FigureError(0, $"{rows.Count} rows: at most {MaxRows} per upload"));

        var figures = new List<SocioEconomicFigure>(rows.Count);
        var errors = new List<FigureError>();
        var firstLineOf = new Dictionary<(string, string), int>();
        var unitOf = new Dictionary<string, (string Unit, int Line)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var problems = new List<string>();
            var indicator = Text(row.Indicator, "indicator", MaxIndicatorLength, problems);
            var unit = Text(row.Unit, "unit", MaxUnitLength, problems);
            var source = Text(row.Source, "source", MaxSourceLength, problems);
            if (!FigurePeriod.TryParse(row.Period, out var period))
                problems.Add($"period '{Shorten(row.Period)}' is not {FigurePeriod.Formats}");
            if (!TryParseValue(row.Value, out var value))
                problems.Add($"value '{Shorten(row.Value)}' is not a number written like 552000 or 12.38 (a point for decimals, no thousands separators)");
            if (indicator is not null && unit is not null)
            {
                if (unitOf.TryGetValue(indicator, out var first) && first.Unit != unit)
                    problems.Add($"unit '{unit}' differs from '{first.Unit}' given for this indicator on line {first.Line}");
                else
                    unitOf.TryAdd(indicator, (unit, row.Line));
            }
            if (indicator is not null && problems.Count == 0)
            {
                var key = (indicator, period.ToString());
                if (firstLineOf.TryGetValue(key, out var line))
                    problems.Add($"{indicator} {period} is given twice (also on line {line})");
                else
                    firstLineOf[key] = row.Line;
            }
            if (problems.Count > 0)
                errors.Add(new FigureError(row.Line, string.Join("; ", problems)));
            else
                figures.Add(new SocioEconomicFigure(indicator!, unit!, period, value, source!, row.Line));
        }
        return errors.Count > 0 ? Refused([.. errors]) : new FigureBatch(figures, []);
    }

    private static string? Text(string? value, string field, int maxLength, List<string> problems)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
            problems.Add($"{field} is empty");
        else if (text.Length > maxLength)
            problems.Add($"{field} is longer than {maxLength} characters");
        else if (text.Any(char.IsControl))
            problems.Add($"{field} contains control characters");
        else
            return text;
        return null;
    }

    private static bool TryParseValue(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && Math.Abs(value) < Limit && decimal.Round(value, 6) == value;

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
