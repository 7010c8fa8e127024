// The console's thin layer over the live views client (js/live.js, followViews): which views the current screen
// follows, the latest document of each, and the connection state. Rendering never talks to SignalR directly, so a
// test (or a demo without a Server) can feed documents through OpsConsole.renderDocument and see the same screen.
const LIVE_MODULE = '/_content/OpsCenter.Web/js/live.js';

/**
 * @param {{ onDocument: (view: string, doc: object, changedKeys: string[]) => void,
 *           onState: (state: 'connected'|'reconnecting'|'disconnected'|'unavailable') => void }} handlers
 */
export function createLiveData({ onDocument, onState }) {
    const documents = new Map();
    let wanted = [];
    let handle = null;
    let followViews = null;

    // Imported on demand: if the live client is missing or fails to load, the console still navigates and charts.
    const loaded = import(LIVE_MODULE).then(m => {
        followViews = m.followViews;
        if (typeof followViews !== 'function') throw new Error('live.js exports no followViews');
        if (wanted.length) start(wanted);
    }).catch(() => onState('unavailable'));

    function start(views) {
        handle = followViews(views, {
            onDocument: (view, doc, changedKeys) => accept(view, doc, changedKeys ?? Object.keys(doc ?? {})),
            onState,
        });
    }

    function accept(view, doc, changedKeys) {
        documents.set(view, doc ?? {});
        onDocument(view, documents.get(view), changedKeys); // the screen decides whether the view is one it shows
    }

    /** Follows exactly these views: the ones the screen shows, no more (an area's document carries every reading). */
    function follow(views) {
        const same = views.length === wanted.length && views.every(v => wanted.includes(v));
        if (same) return;
        const previous = wanted;
        wanted = [...views];
        for (const view of previous) if (!wanted.includes(view)) documents.delete(view);
        if (!followViews) return;
        if (handle && typeof handle.follow === 'function' && typeof handle.unfollow === 'function') {
            for (const view of previous) if (!wanted.includes(view)) handle.unfollow(view);
            for (const view of wanted) if (!previous.includes(view)) handle.follow(view);
        } else {
            handle?.stop?.();
            handle?.close?.();
            handle = null;
            if (wanted.length) start(wanted);
        }
    }

    return {
        follow,
        loaded,
        /** The latest document of a followed view, or undefined until its first frame. */
        document: view => documents.get(view),
        /** Test and demo entry: treat a document as if the live client had delivered it. */
        feed: (view, doc) => accept(view, doc, Object.keys(doc ?? {})),
    };
}
