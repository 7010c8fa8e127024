namespace OpsCenter.Server.Incidents;

/// <summary>
/// The allowed moves: open → acknowledged → in progress → resolved → closed, resolving straight from open or
/// acknowledged (a false alarm needs no work), reopening a resolved or closed incident. Everything else is refused
/// with a message an operator can act on, and nothing is changed.
/// </summary>
public sealed partial class Incident
{
    /// <summary>The actor of changes no person made (the rule engine clearing a condition).</summary>
    public const string SystemActor = "system";

    public const int MaxTextLength = 2_000;

    public void Acknowledge(string by, DateTimeOffset at)
    {
        Require(IncidentStatus.Open, "acknowledged", "only an open incident can be acknowledged");
        Move(IncidentStatus.Acknowledged, "acknowledge", by, at, note: null);
        AcknowledgedAt = at;
        AcknowledgedBy = by;
    }

    public void Start(string by, DateTimeOffset at)
    {
        if (Status == IncidentStatus.Open)
            throw Refused("started", "acknowledge it first, so the room knows someone has it");
        Require(IncidentStatus.Acknowledged, "started", "only an acknowledged incident can be started");
        Move(IncidentStatus.InProgress, "start", by, at, note: null);
        StartedAt = at;
        StartedBy = by;
    }

    public void Resolve(string by, DateTimeOffset at, string? note)
    {
        if (!Status.IsActive())
            throw Refused("resolved", "it is not active (reopen it first)");
        Move(IncidentStatus.Resolved, "resolve", by, at, OptionalText(note, "A resolution note"));
        ResolvedAt = at;
        ResolvedBy = by;
    }

    public void Close(string by, DateTimeOffset at)
    {
        Require(IncidentStatus.Resolved, "closed", "only a resolved incident can be closed");
        Move(IncidentStatus.Closed, "close", by, at, note: null);
        ClosedAt = at;
        ClosedBy = by;
    }

    /// <summary>
    /// Back to open, as a new round: the earlier acknowledgement and resolution stay in the trail. The SLA starts
    /// again: fresh deadlines counted from the reopening under the policy of its first opening (a settings change since
    /// does not apply), and each can be escalated once more; the trail entry names them. The caller must save it while
    /// no other incident of the same (source, type) is active (the database refuses a twin).
    /// </summary>
    public void Reopen(string by, DateTimeOffset at, string reason)
    {
        if (Status.IsActive())
            throw Refused("reopened", "it is still active");
        var note = RequiredText(reason, "A reason to reopen");
        AckDueAt = AckWithin is { } ack ? at + ack : null;
        ResolveDueAt = ResolveWithin is { } resolve ? at + resolve : null;
        EscalatedAckAt = null;
        EscalatedResolveAt = null;
        Record(new IncidentChange(at, RequiredActor(by), "reopen", Status, IncidentStatus.Open, note, new Dictionary<string, string?>
        {
            ["ackDueAt"] = AckDueAt?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["resolveDueAt"] = ResolveDueAt?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }));
        Status = IncidentStatus.Open;
        AcknowledgedAt = null;
        AcknowledgedBy = null;
        StartedAt = null;
        StartedBy = null;
        ResolvedAt = null;
        ResolvedBy = null;
        ClosedAt = null;
        ClosedBy = null;
        ClearedAt = null;
    }

    /// <summary>
    /// The rule no longer sees the condition. An incident nobody has taken resolves itself; one a person holds stays
    /// theirs to resolve (the condition may come back, and they may know more than the rule).
    /// </summary>
    public void Clear(DateTimeOffset at)
    {
        if (!Status.IsActive() || ClearedAt is not null)
            return;
        ClearedAt = at;
        if (Status == IncidentStatus.Open)
        {
            Move(IncidentStatus.Resolved, "clear", SystemActor, at, "The condition no longer holds.");
            ResolvedAt = at;
            ResolvedBy = SystemActor;
        }
        else
        {
            Record(new IncidentChange(at, SystemActor, "clear", Status, Status, "The condition no longer holds; left to the operator."));
        }
    }

    public void Assign(string by, DateTimeOffset at, string? assignee)
    {
        RequireNotClosed("assigned");
        var to = string.IsNullOrWhiteSpace(assignee) ? null : RequiredText(assignee, "An assignee");
        Record(new IncidentChange(at, RequiredActor(by), "assign", Status, Status, null,
            new Dictionary<string, string?> { ["from"] = Assignee, ["to"] = to }));
        Assignee = to;
    }

    public void ChangeSeverity(string by, DateTimeOffset at, string severity)
    {
        RequireNotClosed("given another severity");
        if (!IncidentSeverities.All.Contains(severity))
            throw new IncidentTransitionException($"Severity must be one of {string.Join(", ", IncidentSeverities.All)}.");
        if (severity == Severity)
            throw new IncidentTransitionException($"Incident {Id} is {severity} already.");
        Record(new IncidentChange(at, RequiredActor(by), "severity", Status, Status, null,
            new Dictionary<string, string?> { ["from"] = Severity, ["to"] = severity }));
        Severity = severity;
    }

    /// <summary>Notes are allowed in every status: what was learned after closing still belongs to the record.</summary>
    public void AddNote(string by, DateTimeOffset at, string text) =>
        Record(new IncidentChange(at, RequiredActor(by), "note", Status, Status, RequiredText(text, "A note")));

    private void Require(IncidentStatus expected, string verb, string why)
    {
        if (Status != expected)
            throw Refused(verb, why);
    }

    private void RequireNotClosed(string verb)
    {
        if (Status == IncidentStatus.Closed)
            throw Refused(verb, "it is closed (reopen it first)");
    }

    private IncidentTransitionException Refused(string verb, string why) =>
        new($"Incident {Id} is {Status.Name()} and cannot be {verb}: {why}.");

    private void Move(IncidentStatus to, string action, string by, DateTimeOffset at, string? note)
    {
        Record(new IncidentChange(at, RequiredActor(by), action, Status, to, note));
        Status = to;
    }

    // No "not before it opened" check: opened_at is the device's time, and a device clock running ahead must not
    // stop an operator from acknowledging.
    private void Record(IncidentChange change) => _changes.Add(change);

    private static string RequiredActor(string by) =>
        string.IsNullOrWhiteSpace(by) ? throw new IncidentTransitionException("A change needs the person who makes it.") : by;

    private static string RequiredText(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength || text.Contains('\0', StringComparison.Ordinal)
            ? throw new IncidentTransitionException($"{what} is 1-{MaxTextLength} characters of text.")
            : text;

    private static string? OptionalText(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) ? null : RequiredText(text, what);
}
