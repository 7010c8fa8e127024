using OpsCenter.Server.Leaders.Figures;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Server.Tests.Leaders;

/// <summary>The figures CSV and its periods, read without a server.</summary>
public sealed class FigureCsvTests
{
    [Theory]
    [InlineData("2022", PeriodKind.Year, "2022-01-01")]
    [InlineData("2022-Q4", PeriodKind.Quarter, "2022-10-01")]
    [InlineData("2022-q1", PeriodKind.Quarter, "2022-01-01")]
    [InlineData("2022-10", PeriodKind.Month, "2022-10-01")]
    [InlineData("2024-02-29", PeriodKind.Day, "2024-02-29")]
    public void Periods_are_years_quarters_months_or_days(string text, PeriodKind kind, string start)
    {
        Assert.True(FigurePeriod.TryParse(text, out var period));
        Assert.Equal(kind, period.Kind);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(text.ToUpperInvariant(), period.ToString().ToUpperInvariant());
    }

    [Theory]
    [InlineData("2022-13")]
    [InlineData("2023-02-29")]
    [InlineData("2022-Q5")]
    [InlineData("10/2022")]
    [InlineData("0222")]
    [InlineData("2022-10-05T00:00")]
    [InlineData("")]
    public void Other_periods_are_refused(string text) => Assert.False(FigurePeriod.TryParse(text, out _));

    [Fact]
    public void A_year_earlier_is_the_same_kind_of_period()
    {
        Assert.True(FigurePeriod.TryParse("2022-Q4", out var quarter));
        Assert.Equal("2021-Q4", quarter.YearEarlier.ToString());
    }

    [Fact]
    public void Quoted_fields_hold_commas_and_quotes_and_columns_may_come_in_any_order()
    {
        var batch = FigureCsv.Read("\uFEFFperiod,indicator,value,unit,source\r\n2022-10,Hành khách,552000,lượt,\"Sở GTVT, \"\"tin nhanh\"\"\"\r\n\r\n2022-11,Hành khách,540000.5,lượt,Sở GTVT\r\n");
        Assert.True(batch.IsValid, string.Join("; ", batch.Errors));
        Assert.Equal(2, batch.Figures.Count);
        Assert.Equal("Sở GTVT, \"tin nhanh\"", batch.Figures[0].Source);
        Assert.Equal(552000m, batch.Figures[0].Value);
        Assert.Equal(540000.5m, batch.Figures[1].Value);
        Assert.Equal(4, batch.Figures[1].Line); // the blank line 3 still counts
    }

    [Fact]
    public void Every_bad_row_is_named_by_its_line()
    {
        var batch = FigureCsv.Read("""
            indicator,unit,period,value,source
            Hành khách,lượt,2022-10,552000,Sở GTVT
            Hành khách,lượt,2022-11,"540,000",Sở GTVT
            Hành khách,lượt,tháng 12,1,Sở GTVT
            Hành khách,người,2022-09,1,Sở GTVT
            Hành khách,lượt,2022-10,1,Sở GTVT
            ,lượt,2022-10,1,
            too,few
            """);
        Assert.False(batch.IsValid);
        Assert.Empty(batch.Figures);
        var byLine = batch.Errors.ToDictionary(e => e.Line, e => e.Message);
        Assert.Equal([3, 4, 5, 6, 7, 8], byLine.Keys.Order());
        Assert.Contains("value '540,000'", byLine[3], StringComparison.Ordinal);
        Assert.Contains("period 'tháng 12'", byLine[4], StringComparison.Ordinal);
        Assert.Contains("differs from 'lượt' given for this indicator on line 2", byLine[5], StringComparison.Ordinal);
        Assert.Contains("given twice (also on line 2)", byLine[6], StringComparison.Ordinal);
        Assert.Contains("indicator is empty", byLine[7], StringComparison.Ordinal);
        Assert.Contains("source is empty", byLine[7], StringComparison.Ordinal);
        Assert.Contains("2 fields where the header has 5", byLine[8], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("indicator,unit,period,value\nx,y,2022,1\n", "missing: source")]
    [InlineData("indicator,unit,period,value,source,note\n", "unknown: note")]
    [InlineData("indicator,unit,period,value,source\n\"open,x,2022,1,s\n", "a quoted field is not closed")]
    [InlineData("indicator,unit,period,value,source\n", "no figures")]
    [InlineData("indicator,unit,period,value,source\nx,y,2022,1e5,s\n", "value '1e5'")]
    [InlineData("indicator,unit,period,value,source\nx,y,2022,0.1234567,s\n", "value '0.1234567'")]
    public void Files_that_are_not_a_table_of_figures_are_refused(string csv, string message)
    {
        var batch = FigureCsv.Read(csv);
        Assert.False(batch.IsValid);
        Assert.Contains(batch.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_demo_figures_are_valid_and_hold_the_rail_passengers_of_October_2022()
    {
        var batch = FigureCsv.Read(File.ReadAllText(Path.Combine(RepoPaths.Root, "config", "demo-city", DemoFigures.FileName)));
        Assert.True(batch.IsValid, string.Join("; ", batch.Errors));
        Assert.All(batch.Figures, f => Assert.StartsWith("demo", f.Source, StringComparison.Ordinal));
        var rail = batch.Figures.Where(f => f.Indicator.Contains("đường sắt", StringComparison.Ordinal)).ToDictionary(f => f.Period.ToString(), f => f.Value);
        Assert.Equal(552_000m, rail["2022-10"]);
        Assert.InRange(rail["2022-10"] / rail["2021-10"], 4.5m, 5.5m); // "five times a year earlier"
    }
}
