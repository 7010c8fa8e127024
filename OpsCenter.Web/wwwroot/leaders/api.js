// The dashboard's REST calls (js/api-client.js does the fetching).
import { ApiError, getJson } from '../js/api-client.js';

export { ApiError };

// X-Requested-With: the Server's cross-site guard for calls that change something with the session cookie.
const changing = { 'X-Requested-With': 'XMLHttpRequest' };

export const whoAmI = () => getJson('/api/auth/me');

export const loadSummary = (day, rankBy) =>
    getJson(`/api/leaders/summary?${new URLSearchParams({ ...(day ? { day } : {}), rankBy: rankBy || 'composite' })}`);

export const loadTrend = ({ indicator, area, grain, to }) =>
    getJson(`/api/leaders/trends?${new URLSearchParams({ indicator, grain, to, ...(area ? { area } : {}) })}`);

export const loadFigures = () => getJson('/api/leaders/figures');

export const uploadFigures = file => {
    const form = new FormData();
    form.append('file', file);
    return getJson('/api/leaders/figures/csv', { method: 'POST', headers: changing, body: form });
};

export const loadReports = () => getJson('/api/leaders/reports');

export const requestReport = (from, to) => getJson('/api/leaders/reports', {
    method: 'POST',
    headers: { ...changing, 'Content-Type': 'application/json' },
    body: JSON.stringify({ from, to }),
});
