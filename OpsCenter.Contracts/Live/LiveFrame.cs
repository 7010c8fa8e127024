namespace OpsCenter.Contracts.Live;

/// <summary>What a screen following a view receives on <see cref="Hubs.HubPaths.Live"/> (<see cref="ILiveClient.Frame"/>).</summary>
public sealed record LiveFrame
{
    public required string View { get; init; }

    /// <summary>
    /// Names the sequence <see cref="Seq"/> counts in: one Server process's copy of the view. A frame from another
    /// stream (the client reconnected to another Server, or this one restarted) cannot continue the client's document:
    /// only a full frame can.
    /// </summary>
    public required string Stream { get; init; }

    /// <summary>+1 per delta of this view in this stream. A full frame carries the sequence of the state it shows.</summary>
    public required long Seq { get; init; }

    /// <summary>True: <see cref="Set"/> is the whole document (replace, do not merge).</summary>
    public required bool Full { get; init; }

    /// <summary>When the Server built the frame.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Keys whose value is new (all keys when <see cref="Full"/>).</summary>
    public required IReadOnlyDictionary<string, object?> Set { get; init; }

    /// <summary>Keys no longer in the document (a device left the inventory, a list shrank).</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];
}

/// <summary>The client side of the live hub.</summary>
public interface ILiveClient
{
    Task Frame(LiveFrame frame);
}
