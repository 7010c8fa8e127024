using System.Text;

namespace OpsCenter.Server.Leaders.Figures;

/// <summary>
/// Reads the figures CSV: UTF-8 (a BOM is fine), comma-separated, a header naming the columns <c>indicator, unit,
/// period, value, source</c> in any order, double quotes around a field that holds a comma, quote or line break ("" is
/// a quote). Rows keep the line they start on (header = line 1), which is what an error names. Blank lines are skipped.
/// </summary>
public static class FigureCsv
{
    public static readonly IReadOnlyList<string> Columns = ["indicator", "unit", "period", "value", "source"];

    public static FigureBatch Read(string text)
    {
        var records = Records(text).Where(r => !(r.Fields.Count == 1 && string.IsNullOrWhiteSpace(r.Fields[0]))).ToList();
        if (records.Count == 0)
            return FigureBatch.Refused(new FigureError(1, $"the file is empty: the first line must be the header {string.Join(",", Columns)}"));
        if (records.FirstOrDefault(r => r.Error is not null) is { } broken)
            return FigureBatch.Refused(new FigureError(broken.Line, broken.Error!));

        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var missing = Columns.Except(header).ToList();
        var unknown = header.Except(Columns).ToList();
        if (missing.Count > 0 || unknown.Count > 0 || header.Distinct().Count() != header.Count)
            return FigureBatch.Refused(new FigureError(records[0].Line,
                $"the header must name the columns {string.Join(",", Columns)} once each" +
                (missing.Count > 0 ? $"; missing: {string.Join(", ", missing)}" : "") +
                (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : "")));
        var column = Columns.ToDictionary(c => c, c => header.IndexOf(c));

        var rows = new List<FigureInput>();
        var wrongWidth = new List<FigureError>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Count)
            {
                wrongWidth.Add(new FigureError(record.Line, $"{record.Fields.Count} fields where the header has {header.Count}"));
                continue;
            }
            string Field(string name) => record.Fields[column[name]];
            rows.Add(new FigureInput(record.Line, Field("indicator"), Field("unit"), Field("period"), Field("value"), Field("source")));
        }
        if (wrongWidth.Count == 0)
            return FigureBatch.Check(rows);
        // Report the rows of the wrong width together with whatever else is wrong, in line order.
        var checkedRows = rows.Count == 0 ? [] : FigureBatch.Check(rows).Errors.Where(e => e.Line > 0);
        return FigureBatch.Refused([.. wrongWidth.Concat(checkedRows).OrderBy(e => e.Line)]);
    }

    private sealed record Record(int Line, List<string> Fields, string? Error);

    private static IEnumerable<Record> Records(string text)
    {
        var line = 1;
        var position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (position < text.Length)
        {
            var recordLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? error = null;
            var quoted = false;
            var endOfRecord = false;
            var fieldStart = true;
            for (; position < text.Length && !endOfRecord; position++)
            {
                var c = text[position];
                if (quoted)
                {
                    if (c == '"' && position + 1 < text.Length && text[position + 1] == '"')
                    {
                        field.Append('"');
                        position++;
                    }
                    else if (c == '"')
                        quoted = false;
                    else
                    {
                        if (c == '\n')
                            line++;
                        field.Append(c);
                    }
                    continue;
                }
                switch (c)
                {
                    case '"' when fieldStart:
                        quoted = true;
                        break;
                    case '"':
                        error ??= "a quote inside an unquoted field (quote the whole field and double the quote)";
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        fieldStart = true;
                        continue;
                    case '\r':
                        break;
                    case '\n':
                        line++;
                        endOfRecord = true;
                        continue;
                    default:
                        field.Append(c);
                        break;
                }
                fieldStart = false;
            }
            if (quoted)
                error ??= "a quoted field is not closed";
            fields.Add(field.ToString());
            yield return new Record(recordLine, fields, error);
        }
    }
}
