// The wall's SignalR link to /hubs/wall. A wall screen is unattended, so it never gives up: failed starts and
// lost connections are retried forever with a capped, jittered back-off.
const HUB_URL = '/hubs/wall';
const LOGIN_URL = '/login?returnUrl=/wall';
const MAX_DELAY_MS = 30_000;

/** 0.5–1 s, 1–2 s, 2–4 s … capped at 15–30 s. Jitter keeps a room full of walls from reconnecting in lockstep
 *  after a server restart. */
export function retryDelay(attempt) {
    const ceiling = Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(attempt, 5));
    return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * @param {{ onSnapshot: (s: object) => void, onState: (s: 'connected'|'reconnecting'|'disconnected') => void }} handlers
 */
export function connectWall({ onSnapshot, onState }) {
    const signalR = window.signalR;
    let redirecting = false;

    // The negotiate error SignalR surfaces loses the HTTP status, so 401 is caught at the HTTP client instead.
    class WallHttpClient extends signalR.DefaultHttpClient {
        async send(request) {
            try {
                return await super.send(request);
            } catch (e) {
                if (e instanceof signalR.HttpError && e.statusCode === 401 && !redirecting) {
                    redirecting = true;
                    location.assign(LOGIN_URL);
                }
                throw e;
            }
        }
    }

    const connection = new signalR.HubConnectionBuilder()
        .withUrl(HUB_URL, { httpClient: new WallHttpClient(signalR.NullLogger.instance) })
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => retryDelay(ctx.previousRetryCount) })
        .configureLogging(signalR.LogLevel.Warning)
        .build();

    // Attach the handler before start, so a snapshot sent on connect is not missed.
    connection.on('WallUpdated', onSnapshot);
    connection.onreconnecting(() => onState('reconnecting'));
    connection.onreconnected(() => onState('connected'));
    // Only reached if automatic reconnect stops (it is configured not to); start over rather than go dark.
    connection.onclose(() => {
        onState('disconnected');
        start();
    });

    async function start() {
        for (let attempt = 0; !redirecting; attempt++) {
            try {
                await connection.start();
                onState('connected');
                return;
            } catch {
                if (redirecting) return;
                onState('disconnected');
                await waitOrOnline(retryDelay(attempt));
            }
        }
    }

    start();
    return connection;
}

/** Waits for the back-off, but retries at once when the network comes back. */
function waitOrOnline(ms) {
    return new Promise(resolve => {
        const done = () => {
            clearTimeout(timer);
            window.removeEventListener('online', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        window.addEventListener('online', done);
    });
}
