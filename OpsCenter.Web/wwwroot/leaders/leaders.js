// The leaders' dashboard: the day's indicators against the day before and the 7-day mean (city-wide or one area), the
// area ranking, trends, Decision 766's groups, socio-economic figures and reports. Vietnamese first, English on the
// switch. Today's figures with a live counterpart follow the live city view (js/live.js): no reload, no refresh button.
import { otherLanguage, persistLanguage, resolveLanguage, switchLanguage } from '../js/i18n.js';
import { followViews } from '../js/live.js';
import { ApiError, loadFigures, loadReports, loadSummary, loadTrend, requestReport, uploadFigures, whoAmI } from './api.js';
import { renderFigures, renderUploadResult } from './figures.js';
import { areaName, formatters, isNumber, nameOf } from './format.js';
import { renderDecision766, renderIndicators } from './indicators.js';
import { fillRankBy, renderRanking } from './ranking.js';
import { renderReports } from './reports.js';
import { renderTrend } from './trend-chart.js';

const $ = selector => document.querySelector(selector);
const screen = { lang: 'vi', dict: {}, fmt: formatters('vi'), summary: null, figures: [], reports: null, reportsError: null,
    city: null, incidents: null, loads: 0, trends: 0 };
const t = key => screen.dict[key] ?? key;
const scope = () => $('[name=scope]').value || null;

function renderSummary() {
    const summary = screen.summary;
    if (!summary) return;
    const ctx = { summary, scope: scope(), liveDoc: screen.city, lang: screen.lang, fmt: screen.fmt, t };
    renderIndicators($('[data-testid=indicator-rows]'), ctx);
    $('[data-testid=day-heading]').textContent = summary.isToday ? t('leaders.today') : screen.fmt.day(summary.day);
    fillRankBy($('[data-testid=rank-by]'), ctx);
    renderRanking($('[data-testid=ranking-rows]'), $('[data-testid=ranking-note]'), ctx);
    renderDecision766($('[data-testid=decision766]'), ctx);
    fillScopes();
    fillTrendIndicators();
}

function fillScopes() {
    const select = $('[name=scope]');
    const current = select.value;
    select.replaceChildren(select.options[0], ...screen.summary.areas.map(a => new Option(areaName(a, screen.lang), a.id)));
    select.value = current;
}

function fillTrendIndicators() {
    const select = $('[data-testid=trend-indicator]');
    const current = select.value;
    select.replaceChildren(...screen.summary.indicators.filter(i => i.measured).map(i => new Option(nameOf(i, screen.lang), i.key)));
    select.value = current || select.options[0]?.value;
}

/** The "right now" strip: live only, from the city view (the chosen area's keys when one is chosen) and the incidents view. */
function renderNow() {
    const doc = screen.city ?? {};
    const area = scope();
    const kpi = name => doc[area ? `area.${area}.${name}` : `kpi.${name}`];
    const set = (name, text) => { $(`[data-now=${name}]`).textContent = text; };
    set('cameras', isNumber(kpi('camerasTotal')) ? `${screen.fmt.value(kpi('camerasOnline'))} / ${screen.fmt.value(kpi('camerasTotal'))}` : '—');
    set('averageSpeedKmh', screen.fmt.value(kpi('averageSpeedKmh'), 1));
    set('congestionIndex', screen.fmt.value(kpi('congestionIndex'), 2));
    set('peopleWaiting', screen.fmt.value(kpi('peopleWaiting')));
    const counts = ['critical', 'major', 'minor', 'info'].map(s => screen.incidents?.[`count.${s}`]);
    set('incidents', counts.every(isNumber) ? screen.fmt.value(counts.reduce((a, b) => a + b, 0)) : '—');
    document.body.dataset.freshness = doc['fresh.stale'] === true ? 'stale' : screen.city ? 'live' : 'unknown';
}

function onDocument(view, doc) {
    if (view === 'city') screen.city = doc;
    if (view === 'incidents') screen.incidents = doc;
    renderNow();
    if (view === 'city' && screen.summary?.isToday) renderIndicators($('[data-testid=indicator-rows]'),
        { summary: screen.summary, scope: scope(), liveDoc: screen.city, lang: screen.lang, fmt: screen.fmt, t });
}

async function showSummary() {
    const load = ++screen.loads;
    const form = $('[data-testid=day-picker]');
    try {
        const summary = await loadSummary(form.day.value, $('[data-testid=rank-by]').value);
        if (load !== screen.loads) return;
        screen.summary = summary;
        if (summary.isToday) form.day.max = summary.day;
        form.day.value = summary.day;
        $('[data-testid=load-error]').hidden = true;
        renderSummary();
        document.body.dataset.day = summary.day;
    } catch (e) {
        showError(e);
    }
}

async function showTrend() {
    const summary = screen.summary;
    const indicator = summary?.indicators.find(i => i.key === $('[data-testid=trend-indicator]').value);
    if (!indicator) return;
    const load = ++screen.trends;
    const root = $('[data-testid=trend-chart]');
    root.dataset.state = 'loading';
    const grain = $('[data-testid=trend-controls]').grain.value;
    try {
        const trend = await loadTrend({ indicator: indicator.key, area: scope(), grain, to: summary.day });
        if (load === screen.trends) renderTrend(root, $('[data-testid=trend-note]'), { trend, indicator, lang: screen.lang, fmt: screen.fmt, t });
    } catch (e) {
        if (load !== screen.trends) return;
        root.dataset.state = 'error';
        const note = $('[data-testid=trend-note]');
        note.hidden = false;
        note.textContent = e.message;
    }
}

async function showFigures() {
    try {
        screen.figures = await loadFigures();
        renderFigures($('[data-testid=figures]'), $('[data-testid=figures-empty]'), { series: screen.figures, fmt: screen.fmt, t });
    } catch (e) {
        showError(e);
    }
}

async function showReports() {
    try {
        screen.reports = await loadReports();
        screen.reportsError = null;
    } catch (e) {
        screen.reports = [];
        screen.reportsError = e instanceof ApiError ? e : new ApiError(0, e.message);
    }
    renderReportList();
}

function renderReportList() {
    if (screen.reports === null) return;
    renderReports($('[data-testid=report-rows]'), $('[data-testid=reports-note]'),
        { reports: screen.reports, error: screen.reportsError, fmt: screen.fmt, t });
    document.body.dataset.reports = screen.reportsError ? 'unavailable' : 'ready';
}

function showError(e) {
    const message = $('[data-testid=load-error]');
    message.hidden = false;
    message.textContent = `${t('leaders.loadFailed')} ${e.message ?? ''}`;
}

async function setLanguage(lang) {
    const dict = await switchLanguage(lang, $('[data-testid=lang-toggle]'));
    if (!dict) return;
    Object.assign(screen, { lang, dict, fmt: formatters(lang) });
    renderSummary();
    renderNow();
    renderReportList();
    renderFigures($('[data-testid=figures]'), $('[data-testid=figures-empty]'), { series: screen.figures, fmt: screen.fmt, t });
    if (screen.summary) showTrend();
}

$('[data-testid=day-picker]').addEventListener('submit', event => event.preventDefault());
$('[data-testid=day-input]').addEventListener('change', async event => {
    if (!event.target.value) return;
    await showSummary();
    showTrend();
});
$('[name=scope]').addEventListener('change', () => {
    renderSummary();
    renderNow();
    showTrend();
});
$('[data-testid=rank-by]').addEventListener('change', showSummary);
$('[data-testid=trend-controls]').addEventListener('change', showTrend);
$('[data-testid=trend-controls]').addEventListener('submit', event => event.preventDefault());
$('[data-testid=lang-toggle]').addEventListener('click', async () => {
    const next = otherLanguage(screen.lang);
    await setLanguage(next);
    persistLanguage(next);
});
$('[data-testid=report-form]').addEventListener('submit', async event => {
    event.preventDefault();
    const form = event.currentTarget;
    const result = $('[data-testid=report-form-result]');
    form.querySelector('button').disabled = true;
    try {
        await requestReport(form.from.value, form.to.value);
        result.textContent = t('leaders.reportMade');
        await showReports();
    } catch (e) {
        result.textContent = `${t('leaders.reportNotMade')} ${e.message}`;
    } finally {
        form.querySelector('button').disabled = false;
    }
});
$('[data-testid=figures-upload]').addEventListener('submit', async event => {
    event.preventDefault();
    const form = event.currentTarget;
    const root = $('[data-testid=figures-upload-result]');
    try {
        const result = await uploadFigures(form.file.files[0]);
        renderUploadResult(root, { result, t });
        await showFigures();
    } catch (e) {
        renderUploadResult(root, { error: e, t });
    }
});

const live = followViews(['city', 'incidents'], {
    onDocument,
    onState: state => { $('[data-testid=connection-state]').dataset.state = state; },
    onUnauthorized: () => location.assign(`/login?returnUrl=${encodeURIComponent(location.pathname + location.search)}`),
});

const ready = (async () => {
    await setLanguage(resolveLanguage());
    const me = await whoAmI().catch(() => null);
    for (const item of document.querySelectorAll('[data-roles]')) item.hidden = !item.dataset.roles.split(' ').includes(me?.role);
    await showSummary();
    const report = $('[data-testid=report-form]');
    if (screen.summary) {
        report.to.value = screen.summary.periods.previousDay;
        report.from.value = screen.summary.periods.sevenDaysFrom;
    }
    await Promise.all([showTrend(), showFigures(), showReports()]);
    document.body.dataset.ready = 'true';
})();

window.OpsLeaders = Object.freeze({ ready, live });
