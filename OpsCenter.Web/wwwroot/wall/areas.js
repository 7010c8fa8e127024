// The per-area table. Rows are keyed by areaId and reused, so a changed value flashes in place, and they keep
// the server's order. The wall never scrolls: rows get compact, then split into two columns, to fit.
import { setMeter, setValue, share } from './values.js';

const COUNT_FIELDS = ['camerasOnline', 'camerasTotal', 'peopleWaiting'];
const $ = selector => document.querySelector(selector);
let laidOut = [];
let fittedFor = null;

/** @param {{ number: (v: unknown) => string, speed: (v: unknown) => string }} format */
export function renderAreas(areas, format) {
    const existing = new Map(laidOut.map(row => [row.dataset.area, row]));
    laidOut = areas.map(area => {
        const row = existing.get(area.areaId) ?? createRow(area.areaId);
        const field = name => row.querySelector(`[data-field="${name}"]`);
        setValue(field('name'), area.name, area.name ?? area.areaId);
        for (const name of COUNT_FIELDS) setValue(field(name), area[name], format.number(area[name]));
        setValue(field('averageSpeedKmh'), area.averageSpeedKmh, format.speed(area.averageSpeedKmh));
        setMeter(row.querySelector('.meter-fill'), share(area.camerasOnline, area.camerasTotal));
        return row;
    });
    $('[data-testid="areas-empty"]').hidden = laidOut.length > 0;
    // Measuring the layout on every frame would cost a reflow each time; only a different set of rows can change the fit.
    const ids = areas.map(a => a.areaId).join(',');
    if (ids !== fittedFor) {
        fittedFor = ids;
        fitAreas();
    }
}

/** Tries one column, then compact rows, then two columns; re-run when the window size changes. */
export function fitAreas() {
    const section = $('.areas');
    const [first, second] = section.querySelectorAll('.area-table');
    const overflows = () => section.scrollHeight > section.clientHeight;

    section.classList.remove('is-dense', 'is-split');
    second.hidden = true;
    first.tBodies[0].replaceChildren(...laidOut);
    second.tBodies[0].replaceChildren();
    if (!overflows()) return;

    section.classList.add('is-dense');
    if (!overflows()) return;

    const half = Math.ceil(laidOut.length / 2);
    section.classList.add('is-split');
    second.hidden = false;
    first.tBodies[0].replaceChildren(...laidOut.slice(0, half));
    second.tBodies[0].replaceChildren(...laidOut.slice(half));
    // Half the rows may fit at full size again.
    section.classList.remove('is-dense');
    if (overflows()) section.classList.add('is-dense');
}

function createRow(areaId) {
    const row = $('#area-row').content.firstElementChild.cloneNode(true);
    row.dataset.area = areaId;
    return row;
}
