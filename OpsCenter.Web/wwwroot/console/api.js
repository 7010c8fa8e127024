// The console's REST calls (js/api-client.js does the fetching).
import { ApiError, getJson } from '../js/api-client.js';

export { ApiError };

let city;
/** Static facts, loaded once per page: they change only when the inventory is redeployed. */
export function loadCity() {
    city ??= getJson('/api/city').catch(e => {
        city = undefined;
        throw e;
    });
    return city;
}

export const loadHistory = (deviceId, hours) => getJson(`/api/devices/${encodeURIComponent(deviceId)}/history?hours=${hours}`);

export const loadDeadLetters = deviceId => getJson(`/api/devices/${encodeURIComponent(deviceId)}/dead-letters?limit=50`);

/** One incident with its trail (GET /api/incidents/{id}). */
export const loadIncident = id => getJson(`/api/incidents/${encodeURIComponent(id)}`);

/**
 * acknowledge | start | resolve | close | reopen, with the version the operator saw; a 409 (someone else changed it)
 * throws an ApiError whose body carries the current incident. X-Requested-With: the Server's cross-site guard.
 */
export const changeIncident = (id, action, expectedVersion, extra = {}) =>
    getJson(`/api/incidents/${encodeURIComponent(id)}/${action}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
        body: JSON.stringify({ expectedVersion, ...extra }),
    });
