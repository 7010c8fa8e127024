// Socio-economic figures: each series' latest value, its trend as a small SVG line, and the change against the same
// period a year earlier (computed by the Server). Demo data is marked as such.
import { el } from '../console/dom.js';
import { isNumber } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';

export function renderFigures(root, empty, { series, fmt, t }) {
    empty.hidden = series.length > 0;
    root.replaceChildren(...series.map(s => {
        const ratio = s.yearOnYearRatio;
        const yoy = isNumber(s.yearOnYearPercent)
            ? `${fmt.changePercent(s.yearOnYearPercent)}${isNumber(ratio) && ratio >= 2 ? ` (${t('leaders.times').replace('{0}', fmt.value(ratio, 1))})` : ''}`
            : t('leaders.noYearEarlier');
        return el('article', { class: 'figure-card', 'data-testid': 'figure', 'data-indicator': s.indicator, 'data-period-kind': s.periodKind },
            el('h3', {}, s.indicator, s.demo ? el('span', { class: 'demo-badge', title: s.latest.source }, t('leaders.demo')) : null),
            el('p', { class: 'latest' },
                el('span', { class: 'value', 'data-testid': 'figure-value' }, fmt.value(s.latest.value, decimalsOf(s.latest.value))),
                ' ', el('span', { class: 'unit' }, s.unit),
                el('span', { class: 'period', 'data-testid': 'figure-period' }, fmt.period(s.latest.period))),
            el('p', { class: 'yoy', 'data-testid': 'figure-yoy', 'data-sign': Math.sign(s.yearOnYearPercent ?? 0) },
                `${t('leaders.yearOnYear')}: ${yoy}`,
                s.yearEarlier ? el('small', {}, ` — ${fmt.period(s.yearEarlier.period)}: ${fmt.value(s.yearEarlier.value, decimalsOf(s.yearEarlier.value))}`) : null),
            sparkline(s.points.map(p => p.value)),
            el('p', { class: 'source' }, `${t('leaders.source')}: ${s.latest.source}`));
    }));
}

const decimalsOf = v => (Number.isInteger(v) ? 0 : Math.min(2, String(v).split('.')[1]?.length ?? 0));

function sparkline(values) {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'sparkline');
    svg.setAttribute('viewBox', '0 0 100 30');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('aria-hidden', 'true');
    if (values.length < 2) return svg;
    const min = Math.min(...values);
    const max = Math.max(...values);
    const points = values.map((v, i) => `${((i / (values.length - 1)) * 100).toFixed(2)},${(28 - ((v - min) / (max - min || 1)) * 26).toFixed(2)}`);
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', points.join(' '));
    svg.append(line);
    return svg;
}

/** The admin's CSV upload: the Server checks the whole file; its refusal lists every bad line. */
export function renderUploadResult(root, { result, error, t }) {
    if (result) {
        root.dataset.kind = 'ok';
        root.replaceChildren(t('leaders.uploaded').replace('{0}', result.rows).replace('{1}', result.added).replace('{2}', result.replaced));
        return;
    }
    root.dataset.kind = 'error';
    const errors = error?.body?.errors ?? [];
    root.replaceChildren(el('p', {}, error?.message ?? t('leaders.uploadFailed')),
        errors.length ? el('ul', {}, errors.map(e => el('li', {}, `${t('leaders.line')} ${e.line}: ${e.message}`))) : null);
}
