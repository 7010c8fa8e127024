namespace OpsCenter.Ingest.Validation;

/// <summary>A rejection found by one of the validation passes, before it is tied to a topic.</summary>
internal readonly record struct Fault(RejectReason Reason, string Detail);
