namespace OpsCenter.Ingest.Buffering;

/// <summary>Where a batch was made durable: the answer an operator wants first when a batch was slow.</summary>
public enum StoredTo
{
    /// <summary>Nothing in the batch was worth storing (all rejected or duplicates).</summary>
    Nothing,
    InfluxDb,
    DiskBuffer,
}
