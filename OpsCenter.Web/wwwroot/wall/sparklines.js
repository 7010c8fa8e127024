// Last-hour sparklines under the KPI tiles: the hour's history from GET /api/kpis/history (InfluxDB) when the wall
// (re)subscribes, then the live values as documents arrive. Each series is bounded by time and by count, so a wall
// that runs for days holds at most an hour of points per KPI.
import { isNumber } from './values.js';

const HISTORY_URL = '/api/kpis/history';
const WINDOW_MS = 60 * 60 * 1000;
const LIVE_STEP_MS = 10_000; // one live point per 10 s: 360 an hour, finer than a 300-unit-wide line can show
const MAX_POINTS = 1_000; // whatever the history endpoint's resolution, a series never outgrows this
const VIEW = { width: 300, height: 60, pad: 4 };

export function createSparklines(root) {
    const lines = new Map([...root.querySelectorAll('[data-sparkline]')].map(svg => [svg.dataset.sparkline, svg]));
    const series = new Map([...lines.keys()].map(name => [name, []]));
    let dirty = true;

    /** Replaces each series with the hour the Server stored, keeping live points newer than that history. */
    async function loadHistory() {
        await Promise.all([...series.keys()].map(async name => {
            const history = await fetchHistory(name);
            if (history === null) return; // no history endpoint (yet) or no data: the live line builds up instead
            const points = history.filter(p => isNumber(p.t) && isNumber(p.v)).map(p => ({ t: p.t, v: p.v }));
            const newest = points.length > 0 ? points[points.length - 1].t : -Infinity;
            series.set(name, trim([...points, ...series.get(name).filter(p => p.t > newest)], Date.now()));
            dirty = true;
        }));
    }

    /** Adds a document's values; within one 10-second step the newest value replaces the step's point. */
    function record(doc, now = Date.now()) {
        for (const [name, points] of series) {
            const v = doc[`kpi.${name}`];
            if (!isNumber(v)) continue;
            const last = points[points.length - 1];
            if (last && Math.floor(last.t / LIVE_STEP_MS) === Math.floor(now / LIVE_STEP_MS) && last.live) {
                last.v = v;
            } else {
                points.push({ t: now, v, live: true });
                if (points.length > MAX_POINTS || points[0].t < now - WINDOW_MS) series.set(name, trim(points, now));
            }
            dirty = true;
        }
    }

    /** Redraws when something changed, or when asked because time moved the window. */
    function draw(force = false, now = Date.now()) {
        if (!dirty && !force) return;
        dirty = false;
        for (const [name, svg] of lines) {
            const points = trim(series.get(name), now);
            series.set(name, points);
            svg.querySelector('polyline').setAttribute('points', pointsAttribute(points, now));
            svg.dataset.points = String(points.length);
        }
    }

    return { loadHistory, record, draw, size: name => series.get(name)?.length ?? 0 };
}

async function fetchHistory(kpi) {
    try {
        const url = `${HISTORY_URL}?kpi=${encodeURIComponent(kpi)}&area=&minutes=60`;
        const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-cache' });
        if (!response.ok) return null;
        const body = await response.json();
        return Array.isArray(body) ? body : null;
    } catch {
        return null;
    }
}

function trim(points, now) {
    const kept = points.filter(p => p.t >= now - WINDOW_MS);
    return kept.length > MAX_POINTS ? kept.slice(kept.length - MAX_POINTS) : kept;
}

/** x spans the last hour ending now; y spans the series' own range (a flat series sits in the middle). */
function pointsAttribute(points, now) {
    if (points.length === 0) return '';
    let min = Infinity;
    let max = -Infinity;
    for (const p of points) [min, max] = [Math.min(min, p.v), Math.max(max, p.v)];
    const span = max - min;
    const inner = VIEW.height - 2 * VIEW.pad;
    const y = v => (span === 0 ? VIEW.height / 2 : VIEW.pad + inner * (1 - (v - min) / span));
    const x = t => (VIEW.width * (t - (now - WINDOW_MS))) / WINDOW_MS;
    const coords = points.map(p => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`);
    // A single point would be invisible: draw it as a short level line up to now.
    if (points.length === 1) coords.push(`${VIEW.width},${y(points[0].v).toFixed(1)}`);
    return coords.join(' ');
}
