namespace OpsCenter.Ingest.Mqtt;

/// <summary>
/// Counts the PUBLISH packets in a stream of MQTT bytes, fed in pieces of any size: it follows only the fixed header
/// (MQTT 5 §2.1.1: a type byte, then the remaining length as a variable byte integer) and skips each body whole, a few
/// operations per packet. The bytes must be MQTT itself, not TLS around it (Ingest's connection has no TLS).
/// </summary>
internal struct PublishFrameCounter
{
    private const int PublishType = 3;
    private State _state;
    private bool _isPublish;
    private long _remaining;
    private int _shift;

    /// <summary>Reads <paramref name="bytes"/> as the next part of the stream; returns how many PUBLISH packets began in it.</summary>
    public int Observe(ReadOnlySpan<byte> bytes)
    {
        var publishes = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            switch (_state)
            {
                case State.Header:
                    _isPublish = bytes[i++] >> 4 == PublishType;
                    _remaining = 0;
                    _shift = 0;
                    _state = State.Length;
                    break;
                case State.Length:
                    var b = bytes[i++];
                    _remaining |= (long)(b & 0x7F) << _shift;
                    _shift += 7;
                    if ((b & 0x80) != 0 && _shift < 28)
                        break;
                    if (_isPublish)
                        publishes++;
                    _state = _remaining == 0 ? State.Header : State.Body;
                    break;
                default:
                    var skip = (int)Math.Min(_remaining, bytes.Length - i);
                    i += skip;
                    _remaining -= skip;
                    if (_remaining == 0)
                        _state = State.Header;
                    break;
            }
        }
        return publishes;
    }

    private enum State : byte
    {
        Header,
        Length,
        Body,
    }
}
