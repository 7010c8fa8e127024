// /console?device=…: the device's facts and live state, its latest reading, its history chart and its dead letters.
import { loadDeadLetters, loadHistory } from './api.js';
import { areaName, deviceEntry, el } from './dom.js';
import { renderHistory } from './history-chart.js';
import { fieldRows } from './readings.js';
import { urlOf } from './route.js';

const $ = (root, selector) => root.querySelector(selector);

/** The live part, redrawn on every frame of the device's area. */
export function renderDeviceLive(root, { device, doc, fmt, t }) {
    const entry = deviceEntry(doc, device.id);
    const badge = $(root, '[data-testid=device-state]');
    badge.dataset.state = entry.state;
    badge.textContent = t(`state.${entry.state}`);
    $(root, '[data-field=since]').textContent = fmt.dateTime(entry.since);
    $(root, '[data-field=lastSeen]').textContent = fmt.dateTime(entry.lastSeen);
    const rows = fieldRows(device.kind, entry.readings, fmt, t)
        .map(([field, text]) => el('tr', { dataset: { field } }, el('th', { scope: 'row' }, t(`field.${field}`) === `field.${field}` ? field : t(`field.${field}`)), el('td', {}, text)));
    $(root, '[data-testid=reading-rows]').replaceChildren(...rows);
    $(root, '[data-testid=reading-empty]').hidden = rows.length > 0;
}

/** The static part and the stored data, loaded when the device (or the span) is opened. */
export async function renderDevice(root, { city, device, route, lang, fmt, t, isCurrent }) {
    const area = city.areas.find(a => a.id === device.areaId);
    $(root, '[data-testid=device-title]').textContent = device.name;
    $(root, '[data-field=id]').textContent = device.id;
    $(root, '[data-field=kind]').textContent = t(`kind.${device.kind}`);
    const areaLink = $(root, '[data-field=area]');
    areaLink.textContent = area ? areaName(area, lang) : device.areaId;
    areaLink.href = urlOf({ name: 'area', area: device.areaId });
    $(root, '[name=hours]').value = String(route.hours);

    const chart = $(root, '[data-testid=history]');
    const letters = $(root, '[data-testid=dead-letter-rows]');
    setNote(root, 'history-note', t('console.loading'));
    setNote(root, 'dead-letters-note', t('console.loading'));
    chart.dataset.state = 'loading';
    letters.replaceChildren();

    const [history, deadLetters] = await Promise.allSettled([loadHistory(device.id, route.hours), loadDeadLetters(device.id)]);
    if (!isCurrent()) return; // the operator moved on while these were loading

    if (history.status === 'fulfilled') {
        renderHistory(chart, { history: history.value, fmt, t });
        chart.dataset.state = 'ready';
        setNote(root, 'history-note', chart.dataset.points === '0' ? t('console.noHistory') : '');
    } else {
        chart.replaceChildren();
        chart.dataset.state = 'failed';
        setNote(root, 'history-note', `${t('console.historyFailed')} ${history.reason.message}`);
    }

    if (deadLetters.status === 'fulfilled') {
        letters.replaceChildren(...deadLetters.value.map(letter => el('tr', { dataset: { reason: letter.reason } },
            el('td', { class: 'time' }, fmt.dateTime(letter.receivedAt)),
            el('td', {}, letter.reason),
            el('td', {}, letter.detail),
            el('td', { class: 'payload', title: letter.payloadPrefixText }, letter.payloadPrefixText.slice(0, 120)))));
        setNote(root, 'dead-letters-note', deadLetters.value.length ? '' : t('console.noDeadLetters'));
    } else {
        setNote(root, 'dead-letters-note', `${t('console.deadLettersFailed')} ${deadLetters.reason.message}`);
    }
}

function setNote(root, id, text) {
    const note = $(root, `[data-testid=${id}]`);
    note.textContent = text;
    note.hidden = !text;
}
