namespace OpsCenter.Server.Incidents.Sla;

/// <summary>The two deadlines of an incident's SLA; each is escalated at most once.</summary>
public enum SlaDeadline
{
    Acknowledge,
    Resolve,
}

public static class SlaDeadlineNames
{
    /// <summary>The spelling in the trail entry's detail.</summary>
    public static string Name(this SlaDeadline deadline) => deadline switch
    {
        SlaDeadline.Acknowledge => "acknowledge",
        SlaDeadline.Resolve => "resolve",
        _ => throw new ArgumentOutOfRangeException(nameof(deadline), deadline, null),
    };
}
