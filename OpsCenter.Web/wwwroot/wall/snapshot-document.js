// Adapts the /hubs/wall WallSnapshot to the live-view document the wall renders (docs/realtime-api.md, view `city`),
// so the render code has one input whichever hub feeds it. Goes away when the wall follows /hubs/live.
const CITY_KPIS = ['camerasOnline', 'camerasTotal', 'averageSpeedKmh', 'congestedDetectors', 'detectorsReporting',
    'peopleWaiting', 'officesOpen', 'readingsStored'];
const AREA_KPIS = ['camerasOnline', 'camerasTotal', 'averageSpeedKmh', 'peopleWaiting'];

/**
 * Returns a function snapshot → document. It remembers one thing across snapshots: when `readingsStored` last moved.
 * The snapshot has no newest-reading time, and its `at` is when it was built (at least every 30 s, news or not), so
 * the `at` of the first snapshot showing a new stored reading stands in for `fresh.newestAt` (Server clock, ±1 s push
 * interval). Until one moves, the age is unknown rather than guessed.
 */
export function snapshotAdapter() {
    let readings = null;
    let newestAt = null;
    return snapshot => {
        const at = Date.parse(snapshot.at);
        if (readings !== null && snapshot.readingsStored !== readings && Number.isFinite(at)) newestAt = at;
        readings = snapshot.readingsStored;

        const doc = {
            'fresh.stale': snapshot.stale === true,
            'fresh.reasons': (snapshot.staleReasons ?? []).join(','),
            'fresh.newestAt': newestAt,
        };
        for (const name of CITY_KPIS) doc[`kpi.${name}`] = snapshot[name] ?? null;
        for (const area of snapshot.areas ?? []) {
            for (const name of AREA_KPIS) doc[`area.${area.areaId}.${name}`] = area[name] ?? null;
        }
        for (const [id, state] of Object.entries(snapshot.deviceStates ?? {})) doc[`device.${id}.state`] = state;
        return doc;
    };
}

/** Area ids and names as the snapshot knows them: the area list while GET /api/city cannot be read. */
export const areasOfSnapshot = snapshot => (snapshot.areas ?? []).map(a => ({ id: a.areaId, name: a.name, nameEn: null }));
