namespace OpsCenter.Server.CitizenReports;

public enum ReportStatus
{
    /// <summary>Waiting for an operator.</summary>
    Open,
    /// <summary>Answered; the citizen has not said yet whether that settles it.</summary>
    Answered,
    /// <summary>The citizen agreed with the answer.</summary>
    Settled,
    /// <summary>The citizen disagreed: the report needs another look.</summary>
    Disputed,
}

public sealed record ReportAnswer(string By, string Text, DateTimeOffset At);

public sealed record CitizenVerdict(bool Agreed, DateTimeOffset At);

/// <summary>A report refused a change its lifecycle does not allow.</summary>
public sealed class ReportLifecycleException(string message) : InvalidOperationException(message);
