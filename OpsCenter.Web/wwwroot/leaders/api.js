// The dashboard's REST calls. A lapsed session sends the leader to the login page and back here.
export class ApiError extends Error {
    constructor(status, detail, body = null) {
        super(detail || `HTTP ${status}`);
        this.status = status;
        this.body = body;
    }
}

async function call(path, init = {}) {
    const response = await fetch(path, { credentials: 'same-origin', ...init, headers: { Accept: 'application/json', ...init.headers } });
    if (response.status === 401) {
        location.assign(`/login?returnUrl=${encodeURIComponent(location.pathname + location.search)}`);
        throw new ApiError(401);
    }
    let body = null;
    try {
        body = await response.json();
    } catch {
        // not JSON; the status says enough
    }
    if (!response.ok) throw new ApiError(response.status, body?.detail ?? body?.title ?? '', body);
    return body;
}

// X-Requested-With: the Server's cross-site guard for calls that change something with the session cookie.
const changing = { 'X-Requested-With': 'XMLHttpRequest' };

export const whoAmI = () => call('/api/auth/me');

export const loadSummary = (day, rankBy) =>
    call(`/api/leaders/summary?${new URLSearchParams({ ...(day ? { day } : {}), rankBy: rankBy || 'composite' })}`);

export const loadTrend = ({ indicator, area, grain, to }) =>
    call(`/api/leaders/trends?${new URLSearchParams({ indicator, grain, to, ...(area ? { area } : {}) })}`);

export const loadFigures = () => call('/api/leaders/figures');

export const uploadFigures = file => {
    const form = new FormData();
    form.append('file', file);
    return call('/api/leaders/figures/csv', { method: 'POST', headers: changing, body: form });
};

export const loadReports = () => call('/api/leaders/reports');

export const requestReport = (from, to) => call('/api/leaders/reports', {
    method: 'POST',
    headers: { ...changing, 'Content-Type': 'application/json' },
    body: JSON.stringify({ from, to }),
});
