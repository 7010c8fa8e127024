// ?view=incidents: the active incidents from the `incidents` live view, filtered by the URL (status, severity, area,
// category, unacknowledged), with the actions an operator takes; ?incident=… opens one with its whole trail from the
// REST API. Actions name the version the operator saw, so a change someone else made first comes back as a conflict.
import { ApiError, changeIncident, loadIncident } from './api.js';
import { areaName, el } from './dom.js';
import { renderReportPanel } from './report-panel.js';
import { snapshotFigure } from './snapshot.js';
import { urlOf } from './route.js';

export const SEVERITIES = ['critical', 'major', 'minor', 'info'];
const RANK = s => (SEVERITIES.includes(s) ? SEVERITIES.indexOf(s) : SEVERITIES.length);
const FIELDS = ['status', 'severity', 'category', 'type', 'sourceId', 'areaId', 'summary', 'openedAt', 'occurrences', 'version'];

/** What each status allows, in the order the buttons show. */
export const ACTIONS = {
    open: ['acknowledge', 'resolve'],
    acknowledged: ['start', 'resolve'],
    inProgress: ['resolve'],
    resolved: ['close', 'reopen'],
    closed: ['reopen'],
};

/** The incidents of a live document that pass the route's filters, most severe then newest first. */
export function incidentRows(doc, route) {
    const byId = new Map();
    for (const key of Object.keys(doc ?? {})) {
        const m = /^incident\.(\d+)\.([A-Za-z]+)$/.exec(key);
        if (!m || !FIELDS.includes(m[2])) continue;
        if (!byId.has(m[1])) byId.set(m[1], { id: Number(m[1]) });
        byId.get(m[1])[m[2]] = doc[key];
    }
    return [...byId.values()]
        .filter(i => (!route.status || i.status === route.status) && (!route.severity || i.severity === route.severity)
            && (!route.area || i.areaId === route.area) && (!route.category || i.category === route.category)
            && (!route.unack || i.status === 'open'))
        .sort((a, b) => RANK(a.severity) - RANK(b.severity) || (b.openedAt ?? 0) - (a.openedAt ?? 0) || b.id - a.id);
}

/** @param {{ city: object, doc: object|undefined, route: object, lang: string, fmt: object, t: Function }} ctx */
export function renderIncidentList(root, ctx) {
    const { city, doc, route, lang, fmt, t } = ctx;
    for (const severity of SEVERITIES) {
        const count = root.querySelector(`[data-count="${severity}"]`);
        count.textContent = fmt.number(doc?.[`count.${severity}`]);
    }
    const areaOf = id => city.areas.find(a => a.id === id);
    const rows = incidentRows(doc, route).map(i => el('tr', { dataset: { testid: 'incident-row', incident: String(i.id), status: i.status, severity: i.severity } },
        el('td', {}, el('span', { class: 'severity-badge', dataset: { severity: i.severity } }, t(`severity.${i.severity}`))),
        el('td', { class: 'time' }, fmt.dateTime(i.openedAt)),
        el('td', {}, i.areaId ? (areaOf(i.areaId) ? areaName(areaOf(i.areaId), lang) : i.areaId) : '—'),
        el('td', {}, t(`category.${i.category}`)),
        el('th', { scope: 'row' }, el('a', { href: urlOf({ ...route, incident: i.id }), 'data-nav': true, 'data-testid': 'incident-link' }, i.summary),
            i.occurrences > 1 ? el('span', { class: 'device-id' }, `× ${fmt.number(i.occurrences)}`) : null),
        el('td', { 'data-testid': 'incident-status' }, t(`incident.status.${i.status}`)),
        el('td', { class: 'actions' }, actionButtons(i, t))));
    root.querySelector('[data-testid=incident-rows]').replaceChildren(...rows);
    root.querySelector('[data-testid=incidents-empty]').hidden = rows.length > 0;
}

function actionButtons(incident, t) {
    // Reopening asks for a reason and resolving takes a note: those live in the detail, where there is room to type.
    return (ACTIONS[incident.status] ?? []).filter(a => a !== 'reopen').map(action => el('button', {
        type: 'button', class: 'action', 'data-action': action, 'data-testid': `incident-action-${action}`,
        'data-incident': String(incident.id), 'data-version': String(incident.version),
    }, t(`incident.action.${action}`)));
}

/** The detail panel: the incident's facts and trail, freshly read; its actions take a note or reason. */
export async function renderIncidentDetail(panel, ctx, isCurrent) {
    const { route, fmt, t, city, lang } = ctx;
    panel.hidden = !route.incident;
    if (!route.incident) return;
    let detail;
    try {
        detail = await loadIncident(route.incident);
    } catch (e) {
        if (!isCurrent()) return;
        panel.replaceChildren(el('p', { class: 'error' }, e instanceof ApiError && e.status === 404 ? t('incident.notFound') : `${t('incident.loadFailed')} ${e.message}`));
        return;
    }
    if (!isCurrent()) return;
    const i = detail.incident;
    const fact = (key, value) => el('div', {}, el('dt', {}, t(key)), el('dd', {}, value ?? '—'));
    panel.dataset.incident = String(i.id);
    panel.dataset.version = String(i.version);
    panel.dataset.status = i.status;
    panel.replaceChildren(
        el('div', { class: 'panel-head' },
            el('h2', { 'data-testid': 'incident-title' }, `#${i.id} ${i.summary}`),
            el('a', { href: urlOf({ ...route, incident: null }), 'data-nav': true, 'data-testid': 'incident-close-detail' }, t('incident.closeDetail'))),
        el('dl', { class: 'facts' },
            fact('incident.field.status', t(`incident.status.${i.status}`)),
            fact('incident.field.severity', t(`severity.${i.severity}`)),
            fact('incident.field.category', t(`category.${i.category}`)),
            fact('incident.field.type', i.type),
            fact('incident.field.source', i.sourceId),
            fact('incident.field.openedAt', fmt.dateTime(i.openedAt)),
            fact('incident.field.lastSeenAt', fmt.dateTime(i.lastSeenAt)),
            fact('incident.field.occurrences', fmt.number(i.occurrences)),
            fact('incident.field.assignee', i.assignee),
            fact('incident.field.version', String(i.version))),
        i.hasSnapshot ? snapshotFigure(i.id, t) : null,
        citizenReport(i, { fmt, t, isCurrent, areaLabel: id => areaLabel(city, lang, id) }),
        el('form', { class: 'filters', 'data-testid': 'incident-detail-actions' },
            el('label', { class: 'grow' }, el('span', {}, t('incident.note')), el('input', { name: 'note', type: 'text', maxlength: 2000, autocomplete: 'off', 'data-testid': 'incident-note' })),
            (ACTIONS[i.status] ?? []).map(action => el('button', {
                type: 'button', class: 'action', 'data-action': action, 'data-testid': `detail-action-${action}`,
                'data-incident': String(i.id), 'data-version': String(i.version),
            }, t(`incident.action.${action}`)))),
        el('h3', {}, t('incident.trail')),
        el('table', { class: 'trail' },
            el('thead', {}, el('tr', {}, ['incident.trail.at', 'incident.trail.actor', 'incident.trail.action', 'incident.trail.status', 'incident.trail.note']
                .map(k => el('th', { scope: 'col' }, t(k))))),
            el('tbody', { 'data-testid': 'incident-trail' }, detail.trail.map(e => el('tr', { dataset: { action: e.action } },
                el('td', { class: 'time' }, fmt.dateTime(e.at)),
                el('td', {}, e.actor),
                el('td', {}, t(`incident.trailAction.${e.action}`)),
                el('td', {}, [e.fromStatus && e.fromStatus !== e.toStatus ? `${t(`incident.status.${e.fromStatus}`)} → ` : '', e.toStatus ? t(`incident.status.${e.toStatus}`) : '']),
                el('td', {}, e.note ?? ''))))));
}

/** A citizen's report behind a `citizen` incident (its source id is the report id), answered right here. */
function citizenReport(incident, ctx) {
    if (incident.category !== 'citizen' || incident.type !== 'citizenReport') return null;
    const container = el('div', { class: 'report-panel', 'data-testid': 'report-panel' });
    renderReportPanel(container, incident.sourceId, ctx);
    return container;
}

export function areaLabel(city, lang, id) {
    const area = city?.areas.find(a => a.id === id);
    return area ? areaName(area, lang) : id;
}

/**
 * Runs one button's action. Resolve sends the typed note, reopen the typed reason (required by the Server).
 * @returns {Promise<{ ok: boolean, message?: string, kind?: 'conflict'|'refused'|'error' }>}
 */
export async function runAction(button, note, t) {
    const id = Number(button.dataset.incident);
    const action = button.dataset.action;
    const extra = action === 'resolve' ? { note: note || null } : action === 'reopen' ? { reason: note } : {};
    try {
        await changeIncident(id, action, Number(button.dataset.version), extra);
        return { ok: true };
    } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
            const current = e.body?.current;
            const now = current ? t('incident.conflictNow').replace('{status}', t(`incident.status.${current.status}`)).replace('{version}', String(current.version)) : '';
            return { ok: false, kind: 'conflict', message: `${t('incident.conflict')} ${now}`.trim() };
        }
        if (e instanceof ApiError && e.status === 403) return { ok: false, kind: 'refused', message: t('incident.forbidden') };
        if (e instanceof ApiError && e.status === 400) return { ok: false, kind: 'refused', message: `${t('incident.refused')} ${e.message}` };
        return { ok: false, kind: 'error', message: `${t('incident.actionFailed')} ${e.message}` };
    }
}
