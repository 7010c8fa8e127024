// The city's static facts (areas, devices, positions) and the bundled map geometry, fetched once from our own
// Server. Nothing comes from outside: the geometry ships in wwwroot/map (cut by tools/cut-city-map.mjs).
const CITY_URL = '/api/city';
// .geo.json, not .geojson: the Server's static files serve only known extensions, and .json is one.
const MAP_BASE = '/_content/OpsCenter.Web/map/';

/** { areas: [{id, name, nameEn, lat, lon}], devices: [{id, kind, name, areaId, lat, lon}] }, or null if not served. */
export async function loadCityFacts() {
    try {
        const response = await fetch(CITY_URL, { headers: { Accept: 'application/json' }, cache: 'no-cache' });
        return response.ok ? await response.json() : null;
    } catch {
        return null; // offline or restarting: the caller asks again after the next reconnect
    }
}

/** { land, districts } GeoJSON FeatureCollections; throws if the web assets are incomplete. */
export async function loadMapGeometry() {
    const get = async name => {
        const response = await fetch(MAP_BASE + name);
        if (!response.ok) throw new Error(`Map geometry ${name}: HTTP ${response.status}`);
        return response.json();
    };
    const [land, districts] = await Promise.all([get('city-land.geo.json'), get('city-districts.geo.json')]);
    return { land, districts };
}
