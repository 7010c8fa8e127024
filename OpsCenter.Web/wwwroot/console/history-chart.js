// A device's history as small charts, one per series (each has its own unit), with a shared cursor. uPlot draws on a
// canvas and styles through the CSSOM only, which the page's CSP (no inline style) allows.
import uPlot from '/_content/OpsCenter.Web/lib/uplot/uPlot.esm.js';
import { TIME_ZONE } from './format.js';
import { el } from './dom.js';

const COLORS = ['#38bdf8', '#f59e0b', '#a78bfa', '#34d399'];
let charts = [];

/** @param {{ history: object, fmt: object, t: Function }} ctx */
export function renderHistory(root, { history, fmt, t }) {
    destroy();
    const times = history.times.map(ms => ms / 1000);
    const width = Math.max(320, root.clientWidth || 800);
    const panels = history.series.map((series, i) => {
        const panel = el('figure', { class: 'chart', 'data-testid': `chart-${series.field}` },
            el('figcaption', {}, `${t(`field.${series.field}`)}${series.unit && !['state', 'ratio'].includes(series.unit) ? ` (${t(`unit.${series.unit}`)})` : ''}`));
        const ratio = series.unit === 'ratio';
        const plot = new uPlot({
            width, height: 160,
            tzDate: ts => uPlot.tzDate(new Date(ts * 1000), TIME_ZONE),
            cursor: { sync: { key: 'device-history' } },
            legend: { show: false },
            scales: { x: { time: true }, y: series.unit === 'state' ? { range: [0, 1] } : { auto: true } },
            axes: [
                { stroke: '#a3b3cb', grid: { stroke: '#1f2e4a' }, values: (u, ticks) => ticks.map(s => axisTime(s * 1000, history.hours, fmt)) },
                { stroke: '#a3b3cb', grid: { stroke: '#1f2e4a' }, size: 60, space: 20,
                    values: (u, ticks) => ticks.map(v => (ratio ? fmt.percent(v) : Number.isInteger(v) ? fmt.number(v) : fmt.decimal(v))) },
            ],
            // Gaps stay gaps (a silent device is not a straight line), so lone readings need a marker to be seen at all.
            series: [{}, { label: series.field, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: false,
                points: { show: hasLoneValues(series.values), size: 5, fill: COLORS[i % COLORS.length] },
                paths: series.unit === 'state' ? uPlot.paths.stepped({ align: 1 }) : undefined }],
        }, [times, series.values], panel);
        charts.push(plot);
        return panel;
    });
    root.replaceChildren(...panels);
    root.dataset.points = String(history.series.reduce((n, s) => n + s.values.filter(v => v !== null).length, 0));
}

function hasLoneValues(values) {
    return values.some((v, i) => v !== null && (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null);
}

/** Times of day for a day or less; day and time beyond, so that a week reads as dates. */
function axisTime(ms, hours, fmt) {
    return hours > 24 ? `${fmt.day(ms)} ${fmt.time(ms)}` : fmt.time(ms);
}

export function destroy() {
    for (const chart of charts) chart.destroy();
    charts = [];
}
