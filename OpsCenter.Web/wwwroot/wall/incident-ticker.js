// The wall's incident ticker, from the `incidents` live view (docs/realtime-api.md): the active incidents, most severe
// and newest first, each with its severity colour, area, summary, opening time (Hai Phong's zone) and whether an
// operator has acknowledged it; and the counts by severity. Server text only ever becomes text nodes.
export const SEVERITIES = ['critical', 'major', 'minor', 'info'];
const FIELDS = ['status', 'severity', 'category', 'type', 'sourceId', 'areaId', 'summary', 'openedAt', 'occurrences', 'version'];

/** The incidents of a document, most severe first, then newest first. Pure, so it is tested on its own. */
export function incidentsOf(doc) {
    const byId = new Map();
    for (const key of Object.keys(doc ?? {})) {
        const match = /^incident\.(\d+)\.([A-Za-z]+)$/.exec(key);
        if (!match || !FIELDS.includes(match[2])) continue;
        if (!byId.has(match[1])) byId.set(match[1], { id: Number(match[1]) });
        byId.get(match[1])[match[2]] = doc[key];
    }
    const rank = s => (SEVERITIES.includes(s) ? SEVERITIES.indexOf(s) : SEVERITIES.length);
    return [...byId.values()].sort((a, b) => rank(a.severity) - rank(b.severity) || (b.openedAt ?? 0) - (a.openedAt ?? 0) || b.id - a.id);
}

/**
 * @param {HTMLElement} root the ticker section (data-slot="incident-ticker")
 * @param {{ doc: object, areaName: (id: string) => string, time: (ms: number) => string, number: (n: number) => string,
 *           t: (key: string) => string }} ctx
 */
export function renderTicker(root, { doc, areaName, time, number, t }) {
    const items = incidentsOf(doc).map(incident => {
        const item = document.createElement('span');
        item.className = 'ticker-item';
        Object.assign(item.dataset, {
            testid: 'ticker-item', incident: String(incident.id), severity: incident.severity ?? '', status: incident.status ?? '',
        });
        const part = (cls, text) => {
            const span = document.createElement('span');
            span.className = cls;
            span.textContent = text;
            return span;
        };
        item.append(
            part('ticker-severity', t(`severity.${incident.severity}`)),
            part('ticker-time', typeof incident.openedAt === 'number' ? time(incident.openedAt) : '—'),
            incident.areaId ? part('ticker-area', areaName(incident.areaId)) : '',
            part('ticker-summary', incident.summary ?? ''),
            part('ticker-status', t(`incident.status.${incident.status}`)));
        return item;
    });
    root.querySelector('[data-slot-content]').replaceChildren(...items);
    for (const severity of SEVERITIES) {
        const count = root.querySelector(`[data-count="${severity}"]`);
        const value = doc?.[`count.${severity}`];
        if (count) {
            count.textContent = typeof value === 'number' ? number(value) : '—';
            count.dataset.value = String(value ?? '');
        }
    }
}

/** Device id → the most severe active incident's severity about it, for the map. */
export function severityBySource(doc) {
    const bySource = new Map();
    for (const incident of incidentsOf(doc)) {
        if (incident.sourceId && !bySource.has(incident.sourceId)) bySource.set(incident.sourceId, incident.severity);
    }
    return bySource;
}
