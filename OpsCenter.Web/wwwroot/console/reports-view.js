// ?view=reports: how the city answers its citizens — received, answered %, median time to answer, city-wide and per
// area — and the latest reports, unanswered first; ?report=… opens one to answer (report-panel.js). Read fresh from the
// REST API on every visit: these figures move with people's answers, not with device readings.
import { loadReportFigures, loadReports } from './api.js';
import { el } from './dom.js';
import { areaLabel } from './incidents-view.js';
import { renderReportPanel } from './report-panel.js';
import { urlOf } from './route.js';

const EXCERPT = 100;

/** @param {{ city: object, route: object, lang: string, fmt: object, t: Function, isCurrent: () => boolean }} ctx */
export async function renderReports(section, ctx) {
    const { route, fmt, t, isCurrent } = ctx;
    const label = id => areaLabel(ctx.city, ctx.lang, id);
    const panel = section.querySelector('[data-testid=report-detail]');
    panel.hidden = !route.report;
    if (route.report) renderReportPanel(panel, route.report, { fmt, t, isCurrent, areaLabel: label, onAnswered: () => renderTables(section, ctx) });
    await renderTables(section, ctx);
}

async function renderTables(section, ctx) {
    const { route, fmt, t, isCurrent } = ctx;
    const label = id => areaLabel(ctx.city, ctx.lang, id);
    let figures, reports;
    try {
        [figures, reports] = await Promise.all([loadReportFigures(), loadReports()]);
    } catch (e) {
        if (isCurrent()) section.querySelector('[data-testid=reports-error]').replaceChildren(`${t('report.loadFailed')} ${e.message}`);
        return;
    }
    if (!isCurrent()) return;
    const figureRow = (name, f, testid) => el('tr', { 'data-testid': testid, dataset: { key: f.key ?? '' } },
        el('th', { scope: 'row' }, name),
        el('td', { 'data-field': 'received' }, fmt.number(f.received)),
        el('td', { 'data-field': 'answered' }, fmt.number(f.answered)),
        el('td', { 'data-field': 'answeredPercent' }, fmt.percent(f.answeredPercent / 100)),
        el('td', { 'data-field': 'median' }, fmt.decimal(f.medianMinutesToAnswer)));
    section.querySelector('[data-testid=report-figures]').replaceChildren(
        figureRow(t('console.city'), figures.city, 'report-figures-city'),
        ...figures.areas.map(f => figureRow(f.key ? label(f.key) : t('report.noArea'), f, 'report-figures-area')));
    // Unanswered first: they are the work; then newest first, as the API sends them.
    const ordered = [...reports].sort((a, b) => Number(a.answeredAt != null) - Number(b.answeredAt != null));
    section.querySelector('[data-testid=report-rows]').replaceChildren(...ordered.map(r => el('tr', {
        'data-testid': 'report-row', dataset: { report: r.reportId, answered: String(r.answeredAt != null) },
    },
        el('td', { class: 'time' }, fmt.dateTime(r.receivedAt)),
        el('td', {}, r.areaId ? label(r.areaId) : '—'),
        el('td', {}, t(`reportCategory.${r.category}`)),
        el('th', { scope: 'row' }, el('a', { href: urlOf({ ...route, report: r.reportId }), 'data-nav': true, 'data-testid': 'report-link' },
            r.description.length > EXCERPT ? `${r.description.slice(0, EXCERPT)}…` : r.description)),
        el('td', {}, t(r.answeredAt ? 'report.answered' : 'report.unanswered')))));
    section.querySelector('[data-testid=reports-empty]').hidden = reports.length > 0;
}
