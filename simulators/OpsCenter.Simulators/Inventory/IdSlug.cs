using System.Globalization;
using System.Text;

namespace OpsCenter.Simulators.Inventory;

/// <summary>Turns Vietnamese names into device-id fragments: "Lạch Tray" → "lachtray", "Đồ Sơn" → "doson".</summary>
internal static class IdSlug
{
    public static string From(string name)
    {
        // Đ/đ is a letter of its own, not D with a diacritic, so normalisation alone leaves it.
        var decomposed = name.Replace('Đ', 'D').Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
                slug.Append(lower);
        }
        return slug.ToString();
    }
}
