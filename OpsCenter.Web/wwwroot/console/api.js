// The console's REST calls (js/api-client.js does the fetching).
import { ApiError, getJson } from '../js/api-client.js';

export { ApiError };

/** Loads once per page and shares the answer; a failure is not kept, so the next call tries again. */
function once(load) {
    let pending;
    return () => (pending ??= load().catch(e => {
        pending = undefined;
        throw e;
    }));
}

/** Static facts, loaded once per page: they change only when the inventory is redeployed. */
export const loadCity = once(() => getJson('/api/city'));

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

/** The signed-in person (username, displayName, role), once per page. */
export const loadMe = once(() => getJson('/api/auth/me'));

/** A citizen report without the reporter's contact (GET /api/reports/{id}). */
export const loadReport = id => getJson(`/api/reports/${encodeURIComponent(id)}`);

export const loadReports = (limit = 100) => getJson(`/api/reports?limit=${limit}`);

/** Received, answered %, median minutes to answer: city-wide and per area. */
export const loadReportFigures = () => getJson('/api/reports/figures');

/** The reporter's contact: the Server audits every look before answering, so it is fetched only on request. */
export const loadReportContact = id => getJson(`/api/reports/${encodeURIComponent(id)}/contact`);

/** Answers a report; a 409 (answered already, e.g. by a colleague a moment earlier) throws an ApiError. */
export const answerReport = (id, text) =>
    getJson(`/api/reports/${encodeURIComponent(id)}/answer`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
        body: JSON.stringify({ text }),
    });
