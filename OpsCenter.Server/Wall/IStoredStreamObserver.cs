using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Server.Wall;

/// <summary>
/// Something besides <see cref="LiveCityState"/> that follows what Ingest stored (live views, KPIs). Called on the
/// consumer's thread for every reading: keep it quick and never throw.
/// </summary>
public interface IStoredStreamObserver
{
    /// <param name="live">False when read back from the store at start-up rather than arriving now.</param>
    void OnReading(StoredReading reading, bool live);

    void OnLiveness(DeviceLivenessChanged change);
}
