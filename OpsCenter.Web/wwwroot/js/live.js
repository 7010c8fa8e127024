// Following live views on /hubs/live (docs/realtime-api.md): a full frame first, then numbered deltas; a gap, another
// stream or a reconnect makes the client ask for the full frame again. Screens are unattended, so the link never
// gives up: failed starts and lost connections are retried forever with a capped, jittered back-off.
const HUB_URL = '/hubs/live';
const MAX_DELAY_MS = 30_000;

/** 0.5–1 s, 1–2 s … capped at 15–30 s; jitter keeps a room of screens from reconnecting in lockstep. */
export function retryDelay(attempt) {
    const ceiling = Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(attempt, 5));
    return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * Applies one frame to a view's state by the protocol's rules. Pure, so it is tested on its own.
 * @returns {{ state: object, changed: string[] | null, resync: boolean }} changed null: nothing to show.
 */
export function applyFrame(state, frame) {
    if (frame.full) {
        return { state: { stream: frame.stream, seq: frame.seq, doc: { ...frame.set }, at: frame.at, synced: true },
                 changed: Object.keys(frame.set), resync: false };
    }
    if (!state || !state.synced) return { state, changed: null, resync: false }; // a full frame is on its way
    if (frame.stream === state.stream && frame.seq <= state.seq) return { state, changed: null, resync: false };
    if (frame.stream !== state.stream || frame.seq !== state.seq + 1) {
        return { state: { ...state, synced: false }, changed: null, resync: true };
    }
    const doc = state.doc;
    for (const [key, value] of Object.entries(frame.set)) doc[key] = value;
    for (const key of frame.removed ?? []) delete doc[key];
    state.seq = frame.seq;
    state.at = frame.at;
    return { state, changed: [...Object.keys(frame.set), ...(frame.removed ?? [])], resync: false };
}

/**
 * @param {string[]} views e.g. ['city'] or ['area:lechan']
 * @param {{ onDocument: (view: string, doc: object, changed: string[], frameAt: string) => void,
 *           onState?: (s: 'connected'|'reconnecting'|'disconnected') => void,
 *           onUnauthorized?: () => void }} handlers
 */
export function followViews(views, { onDocument, onState = () => {}, onUnauthorized = () => {} }) {
    const signalR = window.signalR;
    const followed = new Set(views);
    const states = new Map();
    let stopped = false;
    let unauthorized = false;

    // The negotiate error SignalR surfaces loses the HTTP status, so 401 is caught at the HTTP client instead.
    class LiveHttpClient extends signalR.DefaultHttpClient {
        async send(request) {
            try {
                return await super.send(request);
            } catch (e) {
                if (e instanceof signalR.HttpError && e.statusCode === 401 && !unauthorized) {
                    unauthorized = true;
                    onUnauthorized();
                }
                throw e;
            }
        }
    }

    const connection = new signalR.HubConnectionBuilder()
        .withUrl(HUB_URL, { httpClient: new LiveHttpClient(signalR.NullLogger.instance) })
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => retryDelay(ctx.previousRetryCount) })
        .configureLogging(signalR.LogLevel.Warning)
        .build();

    connection.on('Frame', frame => {
        const result = applyFrame(states.get(frame.view), frame);
        states.set(frame.view, result.state);
        if (result.resync) follow(frame.view);
        else if (result.changed) onDocument(frame.view, result.state.doc, result.changed, result.state.at);
    });

    const follow = view => {
        const state = states.get(view);
        if (state) state.synced = false;
        connection.invoke('Follow', view).catch(() => { /* the reconnect path follows again */ });
    };
    const followAll = () => { for (const view of followed) follow(view); };

    connection.onreconnecting(() => onState('reconnecting'));
    connection.onreconnected(() => { onState('connected'); followAll(); });
    connection.onclose(() => {
        if (stopped) return;
        onState('disconnected');
        start();
    });

    async function start() {
        for (let attempt = 0; !stopped && !unauthorized; attempt++) {
            try {
                await connection.start();
                onState('connected');
                followAll();
                return;
            } catch {
                if (stopped || unauthorized) return;
                onState('disconnected');
                await new Promise(resolve => setTimeout(resolve, retryDelay(attempt)));
            }
        }
    }

    start();
    return {
        follow(view) { followed.add(view); if (connection.state === 'Connected') follow(view); },
        unfollow(view) {
            followed.delete(view);
            states.delete(view);
            if (connection.state === 'Connected') connection.invoke('Unfollow', view).catch(() => {});
        },
        stop() { stopped = true; return connection.stop(); },
    };
}
