// One citizen report, for the operator who answers it: what the citizen wrote, the answer form (or the answer given
// and the citizen's verdict when the source system reported it), and the reporter's contact on request only — the
// contact is personal data: the Server audits every look, and the console never keeps it beyond this panel.
import { ApiError, answerReport, loadMe, loadReport, loadReportContact } from './api.js';
import { el } from './dom.js';

/** The roles that answer reports (docs/security.md); the Server enforces it, the console only hides what would fail. */
const ANSWERERS = ['operator', 'admin'];
const MAX_ANSWER = 2000;

/**
 * Fills `container` with report `reportId`. `isCurrent()` false: the operator moved on, drop the answer.
 * @param {{ fmt: object, t: Function, areaLabel: (id: string|null) => string, isCurrent: () => boolean, onAnswered?: () => void }} ctx
 */
export async function renderReportPanel(container, reportId, ctx, message = null) {
    const { fmt, t, areaLabel, isCurrent } = ctx;
    let report, me;
    try {
        [report, me] = await Promise.all([loadReport(reportId), loadMe()]);
    } catch (e) {
        if (!isCurrent()) return;
        container.replaceChildren(el('p', { class: 'error' }, e instanceof ApiError && e.status === 404 ? t('report.notFound') : `${t('report.loadFailed')} ${e.message}`));
        return;
    }
    if (!isCurrent()) return;
    const canAnswer = ANSWERERS.includes(me.role);
    const fact = (key, value, testid) => el('div', {}, el('dt', {}, t(key)), el('dd', testid ? { 'data-testid': testid } : {}, value ?? '—'));
    container.dataset.report = report.reportId;
    container.dataset.answered = String(report.answeredAt != null);
    container.replaceChildren(
        el('h3', {}, t('report.title')),
        el('dl', { class: 'facts' },
            fact('report.category', t(`reportCategory.${report.category}`)),
            fact('report.receivedAt', fmt.dateTime(report.receivedAt)),
            fact('report.source', report.sourceSystem),
            fact('console.area', report.areaId ? areaLabel(report.areaId) : null),
            fact('report.status', t(report.answeredAt ? 'report.answered' : 'report.unanswered'), 'report-status')),
        el('p', { class: 'report-text', 'data-testid': 'report-description' }, report.description),
        message ? el('p', { class: 'error', role: 'alert', 'data-testid': 'report-message', dataset: { kind: message.kind } }, message.text) : null,
        contactBlock(report, canAnswer, t),
        report.answeredAt ? answerBlock(report, fmt, t) : canAnswer ? answerForm(container, report, ctx) : null);
}

function contactBlock(report, canAnswer, t) {
    if (!canAnswer) return null;
    if (!report.hasReporterContact) return el('p', { class: 'note', 'data-testid': 'report-contact' }, t('report.noContact'));
    const block = el('div', { class: 'report-contact', 'data-testid': 'report-contact' });
    const button = el('button', { type: 'button', class: 'action', 'data-testid': 'report-show-contact' }, t('report.showContact'));
    button.addEventListener('click', async () => {
        button.disabled = true;
        try {
            const contact = await loadReportContact(report.reportId);
            block.replaceChildren(el('dl', { class: 'facts' },
                ['name', 'phone', 'email'].map(k => el('div', {}, el('dt', {}, t(`report.contact.${k}`)), el('dd', { 'data-testid': `report-contact-${k}` }, contact[k] ?? '—')))));
        } catch (e) {
            button.disabled = false;
            block.append(el('p', { class: 'error' }, `${t('report.contactFailed')} ${e.message}`));
        }
    });
    block.append(button, el('span', { class: 'note' }, ` ${t('report.contactAudited')}`));
    return block;
}

function answerBlock(report, fmt, t) {
    const verdict = report.citizenAgreed === true ? 'report.verdict.agreed' : report.citizenAgreed === false ? 'report.verdict.disagreed' : 'report.verdict.none';
    return el('div', { class: 'report-answer', 'data-testid': 'report-answer' },
        el('h4', {}, t('report.answer')),
        el('p', { class: 'report-text', 'data-testid': 'report-answer-text' }, report.answerText),
        el('dl', { class: 'facts' },
            el('div', {}, el('dt', {}, t('report.answeredBy')), el('dd', { 'data-testid': 'report-answered-by' }, report.answeredBy)),
            el('div', {}, el('dt', {}, t('report.answeredAt')), el('dd', {}, fmt.dateTime(report.answeredAt))),
            el('div', {}, el('dt', {}, t('report.verdict')), el('dd', { 'data-testid': 'report-verdict', dataset: { agreed: String(report.citizenAgreed) } },
                t(verdict), report.verdictAt ? ` (${fmt.dateTime(report.verdictAt)})` : ''))));
}

function answerForm(container, report, ctx) {
    const { t } = ctx;
    const text = el('textarea', { name: 'answer', rows: 4, maxlength: MAX_ANSWER, required: true, 'data-testid': 'report-answer-input' });
    const form = el('form', { class: 'report-answer-form', 'data-testid': 'report-answer-form' },
        el('label', { class: 'grow' }, el('span', {}, t('report.answerLabel')), text),
        el('button', { type: 'submit', class: 'action', 'data-testid': 'report-answer-submit' }, t('report.send')));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const value = text.value.trim();
        if (!value) return;
        const button = form.querySelector('button');
        button.disabled = true;
        let message = null;
        try {
            await answerReport(report.reportId, value);
        } catch (e) {
            message = e instanceof ApiError && e.status === 409
                ? { kind: 'conflict', text: `${t('report.conflict')} ${e.message}` }
                : { kind: 'error', text: `${t('report.answerFailed')} ${e.message}` };
            if (message.kind === 'error') {
                // Keep what the operator typed: the answer was not stored.
                button.disabled = false;
                form.before(el('p', { class: 'error', role: 'alert', 'data-testid': 'report-message', dataset: { kind: 'error' } }, message.text));
                return;
            }
        }
        // Answered (by us, or by a colleague first): show the answer that stands, with the conflict said plainly.
        if (!ctx.isCurrent()) return;
        await renderReportPanel(container, report.reportId, ctx, message);
        ctx.onAnswered?.();
    });
    return form;
}
