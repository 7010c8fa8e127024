// The reports list (GET /api/leaders/reports, newest first) with download links, and the form for a report on demand.
import { el } from '../console/dom.js';

export function renderReports(tbody, note, { reports, error, fmt, t }) {
    if (error) {
        tbody.replaceChildren();
        note.hidden = false;
        note.textContent = error.status === 404 ? t('leaders.reportsUnavailable') : `${t('leaders.reportsFailed')} (${error.message})`;
        return;
    }
    note.hidden = reports.length > 0;
    note.textContent = reports.length > 0 ? '' : t('leaders.noReports');
    tbody.replaceChildren(...reports.map(r => el('tr', { 'data-report': r.id, 'data-status': r.status },
        el('td', {}, t(`leaders.reportKind.${r.kind}`)),
        el('td', {}, r.from === r.to ? fmt.day(r.from) : `${fmt.day(r.from)} – ${fmt.day(r.to)}`),
        el('td', {}, fmt.dateTime(r.createdAt)),
        el('td', {}, r.status === 'ready' && r.pdfUrl
            ? el('a', { href: r.pdfUrl, download: '', 'data-testid': 'report-download' }, t('leaders.downloadPdf'))
            : el('span', { class: 'error', title: r.error ?? '' }, t('leaders.reportFailed'))))));
}
