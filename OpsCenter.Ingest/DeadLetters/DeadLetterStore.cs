using System.Text;
using Microsoft.Extensions.Options;

namespace OpsCenter.Ingest.DeadLetters;

/// <summary>
/// The most recent rejected messages, bounded: a flood of bad input replaces old entries instead of growing memory.
/// Keeps the first 512 bytes of each payload, which is enough to see what a device got wrong.
/// </summary>
public sealed class DeadLetterStore(IOptions<IngestOptions> options)
{
    public const int PrefixBytes = 512;

    private readonly DeadLetter?[] _ring = new DeadLetter?[options.Value.DeadLetterCapacity];
    private readonly Lock _gate = new();
    private long _nextId;

    /// <param name="totalLength">The payload's full length when <paramref name="payload"/> is only its beginning.</param>
    public void Add(DateTimeOffset at, string topic, string? deviceId, string reason, string detail, ReadOnlySpan<byte> payload, int? totalLength = null)
    {
        var prefix = payload[..Math.Min(payload.Length, PrefixBytes)];
        var base64 = Convert.ToBase64String(prefix);
        // Shown as text for humans; invalid bytes become U+FFFD rather than breaking the JSON answer.
        var text = Encoding.UTF8.GetString(prefix);
        lock (_gate)
        {
            var id = _nextId++;
            _ring[id % _ring.Length] = new DeadLetter(id, at, Truncate(topic, 256), deviceId, reason, detail, base64, text, totalLength ?? payload.Length);
        }
    }

    /// <summary>Newest first, filtered by reason, device or topic prefix.</summary>
    public IReadOnlyList<DeadLetter> List(string? reason = null, string? deviceId = null, string? topicPrefix = null, int limit = 100)
    {
        var result = new List<DeadLetter>(Math.Min(limit, 1000));
        lock (_gate)
        {
            var oldest = Math.Max(0, _nextId - _ring.Length);
            for (var id = _nextId - 1; id >= oldest && result.Count < limit; id--)
            {
                var letter = _ring[id % _ring.Length];
                if (letter is null)
                    continue;
                if (reason is not null && letter.Reason != reason)
                    continue;
                if (deviceId is not null && letter.DeviceId != deviceId)
                    continue;
                if (topicPrefix is not null && !letter.Topic.StartsWith(topicPrefix, StringComparison.Ordinal))
                    continue;
                result.Add(letter);
            }
        }
        return result;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
