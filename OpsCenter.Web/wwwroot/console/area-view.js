// /console?area=…: the area's devices with state, since, last seen and latest reading, filtered by kind, state and
// text. Rows link to the device view; the filters live in the URL.
import { areaName, deviceEntry, el } from './dom.js';
import { summary } from './readings.js';
import { urlOf } from './route.js';

const $ = (root, selector) => root.querySelector(selector);

/** @param {{ city: object, doc: object|undefined, route: object, lang: string, fmt: object, t: Function }} ctx */
export function renderArea(root, { city, doc, route, lang, fmt, t }) {
    const area = city.areas.find(a => a.id === route.area);
    $(root, '[data-testid=area-title]').textContent = area ? areaName(area, lang) : route.area;
    const kpi = name => doc?.[`kpi.${name}`];
    $(root, '[data-kpi=camerasOnline]').textContent = `${fmt.number(kpi('camerasOnline'))} / ${fmt.number(kpi('camerasTotal'))}`;
    $(root, '[data-kpi=averageSpeedKmh]').textContent = fmt.decimal(kpi('averageSpeedKmh'));
    $(root, '[data-kpi=peopleWaiting]').textContent = fmt.number(kpi('peopleWaiting'));

    // The filter inputs follow the URL (back/forward), unless the operator is typing in them.
    for (const name of ['kind', 'state', 'q']) {
        const input = $(root, `[name=${name}]`);
        if (document.activeElement !== input) input.value = route[name] ?? '';
    }

    const text = (route.q ?? '').trim().toLocaleLowerCase();
    const rows = city.devices
        .filter(d => d.areaId === route.area)
        .map(d => ({ device: d, entry: deviceEntry(doc, d.id) }))
        .filter(({ device, entry }) => (!route.kind || device.kind === route.kind)
            && (!route.state || entry.state === route.state)
            && (!text || device.name.toLocaleLowerCase().includes(text) || device.id.toLocaleLowerCase().includes(text)))
        .map(({ device, entry }) => el('tr', { dataset: { device: device.id, state: entry.state } },
            el('th', { scope: 'row' },
                el('a', { href: urlOf({ name: 'device', device: device.id }), 'data-nav': true, 'data-testid': `device-link-${device.id}` }, device.name),
                el('span', { class: 'device-id' }, device.id)),
            el('td', {}, t(`kind.${device.kind}`)),
            el('td', {}, el('span', { class: 'state-badge', dataset: { state: entry.state } }, t(`state.${entry.state}`))),
            el('td', { class: 'time' }, fmt.dateTime(entry.since)),
            el('td', { class: 'time' }, fmt.dateTime(entry.lastSeen)),
            el('td', { class: 'reading' }, summary(device.kind, entry.readings, fmt, t))));
    $(root, '[data-testid=device-rows]').replaceChildren(...rows);
    $(root, '[data-testid=devices-empty]').hidden = rows.length > 0;
}
