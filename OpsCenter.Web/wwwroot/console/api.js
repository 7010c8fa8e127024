// The console's REST calls. A lapsed session sends the operator to the login page and back to the same view.
export class ApiError extends Error {
    constructor(status, detail) {
        super(detail || `HTTP ${status}`);
        this.status = status;
    }
}

async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (response.status === 401) {
        location.assign(`/login?returnUrl=${encodeURIComponent(location.pathname + location.search)}`);
        throw new ApiError(401);
    }
    if (!response.ok) {
        let detail = '';
        try {
            detail = (await response.json()).detail ?? '';
        } catch {
            // not a problem document; the status says enough
        }
        throw new ApiError(response.status, detail);
    }
    return response.json();
}

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
