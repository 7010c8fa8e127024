// REST calls of the desk pages (console, leaders' dashboard). A lapsed session sends the person to the login page and
// back to the same view; an error carries the status and the problem document.
export class ApiError extends Error {
    constructor(status, detail, body = null) {
        super(detail || `HTTP ${status}`);
        this.status = status;
        /** The problem document (a 409 from the incidents API carries { message, current }: the incident as it now is). */
        this.body = body;
    }
}

export async function getJson(path, init = {}) {
    const response = await fetch(path, { credentials: 'same-origin', ...init, headers: { Accept: 'application/json', ...init.headers } });
    if (response.status === 401) {
        location.assign(`/login?returnUrl=${encodeURIComponent(location.pathname + location.search)}`);
        throw new ApiError(401);
    }
    if (!response.ok) {
        let detail = '';
        let body = null;
        try {
            body = await response.json();
            detail = body.detail ?? body.message ?? body.title ?? '';
        } catch {
            // not a problem document; the status says enough
        }
        throw new ApiError(response.status, detail, body);
    }
    return response.json();
}
