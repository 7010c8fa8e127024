using System.Globalization;
using Dapper;
using Npgsql;
using OpsCenter.Server.Notifications;

namespace OpsCenter.Server.Incidents;

/// <summary>
/// Files a newly opened incident so the wall stays readable without hiding anything:
/// <list type="number">
/// <item><b>Storm cap.</b> Each area may open <see cref="IncidentsOptions.StormCapPerAreaPerMinute"/> incidents per
/// minute (by the signal's time). A counter row per (area, minute), bumped in the raising transaction, decides:
/// its row lock orders concurrent raisers, on any number of Servers, so exactly the first N stay on their own. Every
/// later one is filed under that minute's storm summary, whose <c>occurrences</c> is bumped in the same transaction,
/// so it equals the number of incidents filed under it exactly.</item>
/// <item><b>Grouping.</b> Below the cap, a new incident of the same type in the same area as an active top-level one
/// opened within <see cref="IncidentsOptions.GroupingWindowMinutes"/> is filed under that first one. Best effort:
/// two first ones raised at the same instant on two Servers may both stay top-level.</item>
/// </list>
/// Filed incidents are ordinary incidents with a <c>parent_id</c>: listed, counted and worked like any other.
/// </summary>
internal static class StormControl
{
    public const string StormType = "alertStorm";

    /// <returns>The incident it was filed under, or null when it stays top-level.</returns>
    public static async Task<long?> FileAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long incidentId, IncidentSignal signal, IncidentsOptions options,
        CancellationToken cancellationToken)
    {
        var at = signal.At.ToUniversalTime();
        var minute = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);
        var opened = await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO incident_area_minutes (area_id, minute, opened) VALUES (@AreaId, @Minute, 1)
            ON CONFLICT (area_id, minute) DO UPDATE SET opened = incident_area_minutes.opened + 1
            RETURNING opened
            """, new { signal.AreaId, Minute = minute }, transaction, cancellationToken: cancellationToken));

        long? parentId = opened > options.StormCapPerAreaPerMinute
            ? await StormSummaryAsync(connection, transaction, signal, minute, options.StormCapPerAreaPerMinute, cancellationToken)
            : await GroupLeaderAsync(connection, transaction, incidentId, signal, options.GroupingWindowMinutes, cancellationToken);
        if (parentId is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE incidents SET parent_id = @ParentId WHERE id = @Id",
                new { ParentId = parentId, Id = incidentId }, transaction, cancellationToken: cancellationToken));
        }
        return parentId;
    }

    /// <summary>Opens the (area, minute) summary or counts one more under it; its severity is the worst filed under it.</summary>
    private static async Task<long> StormSummaryAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IncidentSignal signal, DateTimeOffset minute, int cap,
        CancellationToken cancellationToken)
    {
        var summary = await connection.QuerySingleAsync<OpenedSummary>(new CommandDefinition("""
            INSERT INTO incidents (source_id, type, category, severity, area_id, status, summary, opened_at, last_seen_at,
                                   occurrences, is_storm_summary)
            VALUES (@SourceId, @Type, @Category, @Severity, @AreaId, 'open', @Summary, @At, @At, 1, true)
            ON CONFLICT (source_id, type) WHERE status IN ('open', 'acknowledged', 'inProgress')
            DO UPDATE SET occurrences = incidents.occurrences + 1,
                          last_seen_at = GREATEST(incidents.last_seen_at, EXCLUDED.last_seen_at),
                          severity = CASE WHEN array_position(ARRAY['critical', 'major', 'minor', 'info'], EXCLUDED.severity)
                                             < array_position(ARRAY['critical', 'major', 'minor', 'info'], incidents.severity)
                                          THEN EXCLUDED.severity ELSE incidents.severity END
            RETURNING id, (xmax = 0) AS inserted
            """, new
        {
            SourceId = $"storm:{signal.AreaId}:{minute.ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture)}",
            Type = StormType, signal.Category, signal.Severity, signal.AreaId, signal.At,
            Summary = $"Alert storm in {signal.AreaId}: more than {cap} new incidents in the minute from {minute.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC; the rest are filed here.",
        }, transaction, cancellationToken: cancellationToken));
        if (summary.Inserted)
        {
            await IncidentTrail.AppendAsync(connection, transaction, summary.Id,
                [new IncidentChange(signal.At, Incident.SystemActor, "open", null, IncidentStatus.Open,
                    $"More than {cap} new incidents in one minute in area {signal.AreaId}.")], cancellationToken);
            // The storm is what people are told of, once; the incidents filed under it are not notified one by one.
            await NotificationOutbox.EnqueueAsync(connection, transaction, summary.Id, NotificationEvents.Opened, signal.At, null, cancellationToken);
        }
        return summary.Id;
    }

    private static async Task<long?> GroupLeaderAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long incidentId, IncidentSignal signal, int windowMinutes,
        CancellationToken cancellationToken)
    {
        if (windowMinutes == 0)
            return null;
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
            SELECT id FROM incidents
            WHERE area_id = @AreaId AND type = @Type AND id <> @Id AND parent_id IS NULL AND NOT is_storm_summary
              AND NOT silenced AND status IN ('open', 'acknowledged', 'inProgress')
              AND opened_at >= @Since AND opened_at <= @At
            ORDER BY opened_at, id LIMIT 1
            """, new { signal.AreaId, signal.Type, Id = incidentId, Since = signal.At.AddMinutes(-windowMinutes), signal.At },
            transaction, cancellationToken: cancellationToken));
    }

    private sealed class OpenedSummary
    {
        public long Id { get; init; }
        public bool Inserted { get; init; }
    }
}
