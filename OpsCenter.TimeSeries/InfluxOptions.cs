using System.ComponentModel.DataAnnotations;

namespace OpsCenter.TimeSeries;

/// <summary>Which InfluxDB generation we talk to; it decides the write path and the auth scheme.</summary>
public enum InfluxServerGeneration
{
    /// <summary>1.0–1.7 (Debian's 1.6.7): no <c>/api/v2/write</c>, so writes go through <see cref="V1WriteShimHandler"/>.</summary>
    V1Legacy,

    /// <summary>1.8+: accepts <c>/api/v2/write</c> with bucket <c>db/rp</c> and token <c>user:password</c>.</summary>
    V1,

    /// <summary>2.x: buckets and tokens; InfluxQL reads need a DBRP mapping for the bucket.</summary>
    V2,

    /// <summary>3.x: <c>/api/v2/write</c> and InfluxQL over <c>/query</c> natively.</summary>
    V3,
}

/// <summary>Settings section <c>Influx</c>.</summary>
public sealed class InfluxOptions
{
    public const string Section = "Influx";

    [Required(ErrorMessage = "Influx:Url is required, e.g. http://127.0.0.1:8086.")]
    [Url(ErrorMessage = "Influx:Url must be an absolute http(s) URL.")]
    public string Url { get; set; } = "http://127.0.0.1:8086";

    [Required(ErrorMessage = "Influx:Database is required (on 2.x: the DBRP-mapped database name).")]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "Influx:Database must be 1-64 characters of A-Z a-z 0-9 _ -.")]
    public string Database { get; set; } = "opscenter";

    [RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "Influx:RetentionPolicy must be 1-64 characters of A-Z a-z 0-9 _ -.")]
    public string RetentionPolicy { get; set; } = "autogen";

    /// <summary>
    /// How long raw readings are kept on 1.x: an InfluxQL duration (<c>30d</c>, <c>720h</c>) or <c>INF</c>. The raw
    /// policy (<see cref="RetentionPolicy"/>) is created or altered to it at start-up; the hourly and daily rollups
    /// (OpsCenter.Server, Leaders/Rollups) keep what leaders read beyond it.
    /// </summary>
    [RegularExpression(RetentionDuration.Pattern, ErrorMessage = "Influx:RawRetention must be INF or a number followed by h, d or w (e.g. 30d).")]
    public string RawRetention { get; set; } = "30d";

    public InfluxServerGeneration ServerGeneration { get; set; } = InfluxServerGeneration.V1Legacy;

    /// <summary>2.x/3.x token; on 1.x leave empty and use Username/Password if auth is on.</summary>
    public string? Token { get; set; }

    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>2.x organisation that owns the bucket.</summary>
    public string? Org { get; set; }

    /// <summary>2.x bucket; defaults to <c>{Database}/{RetentionPolicy}</c>, the 1.x-compatible form.</summary>
    public string? Bucket { get; set; }

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;

    public string EffectiveBucket => string.IsNullOrEmpty(Bucket) ? $"{Database}/{RetentionPolicy}" : Bucket;
}
