using System.Globalization;
using System.Text;

namespace OpsCenter.Ingest.Validation;

/// <summary>How a contract field is read and where its value goes in the stored reading.</summary>
internal enum FieldKind : byte
{
    DeviceId,
    Ts,
    Seq,
    Flag,
    Number,
    Integer,
    Text,
    Url,
    Timestamp,
    Choice,
    EventType,
    VehicleCounts,
}

/// <summary>
/// One field of one message type. Reject details are built once here so that rejecting a message
/// (possibly thousands per second from a broken device) allocates nothing for the explanation.
/// </summary>
internal sealed class FieldRule
{
    public const int MaxTextLength = 128;
    public const int MaxUrlLength = 2048;

    public FieldRule(string name, FieldKind kind, bool required = false, double min = 0, double max = double.MaxValue, IReadOnlyList<string>? choices = null)
    {
        Name = name;
        Utf8Name = Encoding.UTF8.GetBytes(name);
        Kind = kind;
        Required = required;
        Min = min;
        Max = max;
        Choices = choices is null ? [] : [.. choices];
        Utf8Choices = Array.ConvertAll(Choices, Encoding.UTF8.GetBytes);
        Expectation = kind switch
        {
            FieldKind.DeviceId => "a string equal to the topic's deviceId",
            FieldKind.Ts or FieldKind.Timestamp => "an RFC 3339 date-time string with offset (Z or ±hh:mm)",
            FieldKind.Flag => "true or false",
            FieldKind.Number => "a number " + Range(min, max),
            FieldKind.Integer or FieldKind.Seq => "an integer " + Range(min, max),
            FieldKind.Text => $"a string of 1–{MaxTextLength} characters",
            FieldKind.Url => $"an absolute http or https URL of at most {MaxUrlLength} characters",
            FieldKind.Choice or FieldKind.EventType => "one of " + string.Join(", ", Choices),
            FieldKind.VehicleCounts => "an object of integer counts ≥ 0 keyed by " + string.Join(", ", Choices),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        Invalid = $"field '{name}' must be {Expectation}";
        Missing = $"required field '{name}' is missing";
        NonFinite = $"field '{name}' must be a finite number";
    }

    public string Name { get; }
    public byte[] Utf8Name { get; }
    public FieldKind Kind { get; }
    public bool Required { get; }
    public double Min { get; }
    public double Max { get; }
    public string[] Choices { get; }
    public byte[][] Utf8Choices { get; }
    public string Expectation { get; }

    /// <summary>Detail for wrong type, out of range and unknown enum value alike: says what is expected.</summary>
    public string Invalid { get; }

    public string Missing { get; }
    public string NonFinite { get; }

    public Fault Fail(RejectReason reason) => new(reason, reason == RejectReason.NonFiniteNumber ? NonFinite : Invalid);

    private static string Range(double min, double max)
    {
        var low = min.ToString(CultureInfo.InvariantCulture);
        var high = max.ToString(CultureInfo.InvariantCulture);
        return max >= long.MaxValue ? $"≥ {low}" : $"between {low} and {high}";
    }
}
