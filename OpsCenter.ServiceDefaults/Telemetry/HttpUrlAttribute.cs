using System.ComponentModel.DataAnnotations;

namespace OpsCenter.ServiceDefaults.Telemetry;

/// <summary>
/// Empty, or an absolute http/https URL. <see cref="Uri.TryCreate(string, UriKind, out Uri)"/> alone would accept
/// <c>localhost:4317</c> as a URL with the scheme "localhost", which no exporter can reach.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpUrlAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is not string text || string.IsNullOrWhiteSpace(text) || TryParse(text, out _);

    public static bool TryParse(string? text, out Uri url)
    {
        url = null!;
        return Uri.TryCreate(text, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            && (url = parsed) is not null;
    }
}
