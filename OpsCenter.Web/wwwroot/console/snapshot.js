// A camera incident's picture. The browser never reaches the camera's server: it asks the Server's proxy
// (GET /api/incidents/{id}/snapshot: allowed hosts only, images only, size cap, timeout) and shows the answer, or why
// there is none, so an operator can tell "refused by policy" from "the camera's server failed".
import { el } from './dom.js';

/** The picture shown last, kept while the detail re-renders for the same incident (a new trail entry, a new version). */
let shown = { id: null, url: null, failure: null };

/** @returns {HTMLElement} a figure that fills in when the picture arrives (or says why it cannot). */
export function snapshotFigure(incidentId, t) {
    const image = el('img', { 'data-testid': 'incident-snapshot', alt: t('incident.snapshot'), hidden: true });
    const note = el('p', { class: 'note', 'data-testid': 'incident-snapshot-note', 'data-state': 'loading' }, t('incident.snapshotLoading'));
    const figure = el('figure', { class: 'snapshot' }, el('figcaption', {}, t('incident.snapshot')), image, note);
    const show = ({ url, failure }) => {
        if (url) {
            image.src = url;
            image.hidden = false;
            note.hidden = true;
            note.dataset.state = 'loaded';
        } else {
            note.dataset.state = failure.kind;
            note.textContent = failure.text;
        }
    };
    if (shown.id === incidentId && (shown.url || shown.failure)) show(shown);
    else load(incidentId, t).then(result => {
        if (shown.url) URL.revokeObjectURL(shown.url);
        shown = { id: incidentId, ...result };
        show(result);
    });
    return figure;
}

async function load(incidentId, t) {
    let response;
    try {
        response = await fetch(`/api/incidents/${encodeURIComponent(incidentId)}/snapshot`, { credentials: 'same-origin' });
    } catch (e) {
        return { url: null, failure: { kind: 'failed', text: `${t('incident.snapshot.failed')} ${e.message}` } };
    }
    if (response.ok) return { url: URL.createObjectURL(await response.blob()), failure: null };
    let detail = '';
    try {
        detail = (await response.json()).detail ?? '';
    } catch {
        // not a problem document; the status says enough
    }
    const kind = response.status === 403 ? 'refused' : response.status === 504 ? 'timeout' : response.status === 404 ? 'none' : 'failed';
    return { url: null, failure: { kind, text: `${t(`incident.snapshot.${kind}`)} ${detail}`.trim() } };
}
