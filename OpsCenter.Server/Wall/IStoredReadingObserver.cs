using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Server.Wall;

/// <summary>
/// Another feature that follows what Ingest stored (the KPI engine): <see cref="StoredStreamConsumer"/> hands it every
/// reading right after <see cref="LiveCityState"/>, so the Server keeps one MQTT subscription however many features
/// listen. Called on the MQTT receive path: keep it quick and never throw.
/// </summary>
public interface IStoredReadingObserver
{
    void OnStored(StoredReading reading);
}
