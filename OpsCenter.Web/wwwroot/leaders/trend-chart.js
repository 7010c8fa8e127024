// One indicator's trend as a uPlot chart: hours and days from the rollups' series, weeks and months as whole periods.
// uPlot draws on a canvas and styles through the CSSOM only, which the page's CSP (no inline style) allows.
import uPlot from '/_content/OpsCenter.Web/lib/uplot/uPlot.esm.js';
import { el } from '../console/dom.js';
import { TIME_ZONE, nameOf, unitOf } from './format.js';

let chart = null;

export function renderTrend(root, note, { trend, indicator, lang, fmt, t }) {
    destroy();
    const values = trend.points.map(p => p.value);
    const measured = values.filter(v => v !== null && v !== undefined).length;
    root.dataset.points = String(measured);
    root.dataset.state = 'ready';
    note.hidden = measured > 0;
    note.textContent = measured > 0 ? '' : t('leaders.noTrend');
    if (trend.points.length === 0) {
        root.replaceChildren();
        return;
    }
    const labels = trend.points.map(p => periodLabel(p, trend.grain, fmt));
    const figure = el('figure', { class: 'chart' }, el('figcaption', {}, `${nameOf(indicator, lang)} (${unitOf(indicator, lang)})`));
    root.replaceChildren(figure);
    const width = Math.max(320, root.clientWidth || 900);
    // Weeks and months are evenly spaced categories, hours and days a time axis.
    const categorical = trend.grain === 'week' || trend.grain === 'month';
    const xs = categorical ? trend.points.map((_, i) => i) : trend.points.map(p => p.t / 1000);
    chart = new uPlot({
        width, height: 220,
        tzDate: ts => uPlot.tzDate(new Date(ts * 1000), TIME_ZONE),
        legend: { show: false },
        scales: { x: { time: !categorical } },
        axes: [
            { stroke: '#a3b3cb', grid: { stroke: '#1f2e4a' },
                values: categorical
                    ? (u, ticks) => ticks.map(i => labels[Math.round(i)] ?? '')
                    : (u, ticks) => ticks.map(s => (trend.grain === 'hour' ? fmt.hour(s * 1000) : fmt.shortDay(s * 1000))) },
            { stroke: '#a3b3cb', grid: { stroke: '#1f2e4a' }, size: 60, values: (u, ticks) => ticks.map(v => fmt.value(v, indicator.decimals)) },
        ],
        series: [{}, { label: indicator.key, stroke: '#38bdf8', width: 2, spanGaps: false, points: { show: trend.points.length <= 60, size: 5, fill: '#38bdf8' } }],
    }, [xs, values], figure);
}

function periodLabel(point, grain, fmt) {
    if (grain === 'month') return fmt.period(point.period);
    if (grain === 'week') return point.period.replace(/^\d{4}-/, '');
    return point.period;
}

export function destroy() {
    chart?.destroy();
    chart = null;
}
