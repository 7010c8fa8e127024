// /console: every area with its live KPIs and how many of its devices are in each state; a card opens the area.
import { areaName, deviceEntry, el } from './dom.js';
import { urlOf } from './route.js';

const STATES = ['online', 'degraded', 'offline', 'unknown'];

/** @param {{ city: object, doc: object|undefined, lang: string, fmt: object, t: (key: string) => string }} ctx */
export function renderCity(root, { city, doc, lang, fmt, t }) {
    const kpi = (areaId, name) => doc?.[`area.${areaId}.${name}`];
    const cards = city.areas.map(area => {
        const devices = city.devices.filter(d => d.areaId === area.id);
        const counts = Object.fromEntries(STATES.map(s => [s, 0]));
        for (const d of devices) counts[doc ? deviceEntry(doc, d.id).state : 'unknown'] += 1;
        const stale = kpi(area.id, 'stale') === true;
        return el('li', { class: 'area-card', dataset: { area: area.id, stale: String(stale) } },
            el('a', { href: urlOf({ name: 'area', area: area.id }), 'data-testid': `area-link-${area.id}`, 'data-nav': true },
                el('h2', {}, areaName(area, lang)),
                el('dl', { class: 'area-kpis' },
                    kpiItem(t('kpi.cameras'), `${fmt.number(kpi(area.id, 'camerasOnline'))} / ${fmt.number(kpi(area.id, 'camerasTotal'))}`),
                    kpiItem(`${t('areas.speed')} (${t('unit.kmh')})`, fmt.decimal(kpi(area.id, 'averageSpeedKmh'))),
                    kpiItem(t('areas.waiting'), fmt.number(kpi(area.id, 'peopleWaiting')))),
                el('p', { class: 'state-counts' },
                    STATES.filter(s => counts[s] > 0).map(s =>
                        el('span', { class: 'state-badge', dataset: { state: s } }, `${fmt.number(counts[s])} ${t(`state.${s}`)}`))),
                stale ? el('p', { class: 'stale-note' }, t('console.areaStale')) : null));
    });
    root.replaceChildren(el('ul', { class: 'area-grid', 'data-testid': 'area-list' }, cards));
}

function kpiItem(label, value) {
    return el('div', {}, el('dt', {}, label), el('dd', {}, value));
}
