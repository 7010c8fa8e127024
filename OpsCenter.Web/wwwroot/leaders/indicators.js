// The indicator table (the day against the day before and the 7-day mean, city-wide or one area) and the Decision 766
// groups. Today's figures that have a live counterpart come from the live city view, marked ●; the rest from the rollups.
import { el } from '../console/dom.js';
import { definitionOf, isNumber, nameOf, unitOf } from './format.js';

/** The live KPI behind an indicator for the scope: kpi.{name} city-wide, area.{id}.{name} for an area (city view). */
export function liveKey(indicator, scope) {
    if (!indicator.liveKpi) return null;
    return scope ? `area.${scope}.${indicator.liveKpi}` : `kpi.${indicator.liveKpi}`;
}

/** The comparison shown for one indicator and scope, today's value replaced by the live one when there is one. */
export function comparisonOf(indicator, scope, summary, liveDoc) {
    const base = scope ? indicator.areas[scope] : indicator.city;
    const key = summary.isToday ? liveKey(indicator, scope) : null;
    if (key && liveDoc && key in liveDoc) return { ...base, day: liveDoc[key], live: true };
    return { ...base, live: false };
}

export function changePercent(day, previous) {
    return isNumber(day) && isNumber(previous) && previous !== 0 ? ((day - previous) / Math.abs(previous)) * 100 : null;
}

/** "better" | "worse" | "same" | null, which way the change goes for this indicator. */
export function verdict(indicator, change) {
    if (!isNumber(change)) return null;
    if (Math.abs(change) < 0.05) return 'same';
    return (change > 0) === indicator.higherIsBetter ? 'better' : 'worse';
}

export function renderIndicators(tbody, { summary, scope, liveDoc, lang, fmt, t }) {
    const rows = summary.indicators.map(indicator => {
        const name = el('th', { scope: 'row' },
            el('span', { class: 'name' }, nameOf(indicator, lang)),
            el('small', { class: 'definition', 'data-testid': 'definition' }, definitionOf(indicator, lang)));
        if (!indicator.measured) {
            return el('tr', { 'data-key': indicator.key, 'data-measured': 'false' }, name,
                el('td', { colspan: 4, class: 'not-measured', 'data-testid': 'not-measured' }, t('leaders.notMeasured')),
                el('td', {}, unitOf(indicator, lang)));
        }
        const c = comparisonOf(indicator, scope, summary, liveDoc);
        // A count of today so far against a whole day would read as a fall every morning: no change shown for it.
        const partial = summary.isToday && indicator.volume;
        const change = partial ? null : changePercent(c.day, c.previousDay);
        return el('tr', { 'data-key': indicator.key, 'data-measured': 'true' }, name,
            el('td', { class: 'num', 'data-cell': 'day', 'data-live': c.live ? 'true' : 'false', title: c.live ? t('leaders.liveTitle') : partial ? t('leaders.soFarTitle') : t('leaders.rollupTitle') },
                fmt.value(c.day, indicator.decimals), c.live ? el('span', { class: 'live-dot', 'aria-hidden': 'true' }) : null),
            el('td', { class: 'num', 'data-cell': 'previousDay' }, fmt.value(c.previousDay, indicator.decimals)),
            el('td', { class: 'num', 'data-cell': 'sevenDayAverage' }, fmt.value(c.sevenDayAverage, indicator.decimals)),
            el('td', { class: 'num', 'data-cell': 'change', 'data-verdict': verdict(indicator, change) ?? 'none' }, fmt.changePercent(change)),
            el('td', {}, unitOf(indicator, lang)));
    });
    tbody.replaceChildren(...rows);
}

export function renderDecision766(list, { summary, lang, t }) {
    const byKey = new Map(summary.indicators.map(i => [i.key, i]));
    list.replaceChildren(...summary.decision766.map(group => el('li', { 'data-measured': String(group.measured) },
        el('span', { class: 'group' }, group.group),
        el('span', { class: 'status', 'data-testid': 'decision-status' }, group.measured ? t('leaders.measured') : t('leaders.notMeasured')),
        el('span', { class: 'members' }, group.indicators.map(key => nameOf(byKey.get(key), lang)).join(' · ')))));
}
