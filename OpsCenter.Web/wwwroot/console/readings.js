// How a device's latest reading reads in one line (devices table) and field by field (device view).
import { isNumber } from './format.js';

/** The fields an operator reads first for each kind, with how to show them. */
const HEADLINE = {
    traffic: [['averageVehicleSpeed', 'decimal', 'unit.kmh'], ['intensity', 'number', 'unit.vehicles'], ['occupancy', 'percent', null]],
    counter: [['waiting', 'number', 'unit.people'], ['countersOpen', 'number', 'unit.counters'], ['serviceStatus', 'text', null]],
    camera: [['online', 'flag', null], ['recording', 'flag', null], ['fps', 'decimal', 'unit.fps']],
};

export function formatField(value, how, fmt, t) {
    if (value === undefined || value === null) return '—';
    if (typeof value === 'boolean') return t(value ? 'value.yes' : 'value.no');
    if (how === 'percent') return fmt.percent(value);
    if (how === 'decimal') return fmt.decimal(value);
    if (isNumber(value)) return Number.isInteger(value) ? fmt.number(value) : fmt.decimal(value);
    return t(`value.${value}`) === `value.${value}` ? String(value) : t(`value.${value}`);
}

/** "33,5 km/h · 42 xe · 35 %" — empty when the device has sent no reading yet. */
export function summary(kind, readings, fmt, t) {
    if (!readings || Object.keys(readings).length === 0) return '';
    return (HEADLINE[kind] ?? [])
        .filter(([field]) => readings[field] !== undefined && readings[field] !== null)
        .map(([field, how, unit]) => {
            const text = formatField(readings[field], how, fmt, t);
            if (how === 'flag') return `${t(`field.${field}`)}: ${text}`;
            return unit ? `${text} ${t(unit)}` : text;
        })
        .join(' · ');
}

/** Every field of the reading, headline fields first, as [label, text] pairs. */
export function fieldRows(kind, readings, fmt, t) {
    const headline = (HEADLINE[kind] ?? []).map(([field]) => field);
    const fields = Object.keys(readings).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    return fields.map(field => {
        const how = (HEADLINE[kind] ?? []).find(([f]) => f === field)?.[1];
        return [field, formatField(readings[field], how, fmt, t)];
    });

    function rank(field) {
        const i = headline.indexOf(field);
        return i < 0 ? headline.length : i;
    }
}
