// The area ranking of the chosen day: by the composite score (docs/leaders-dashboard.md) or by one indicator.
import { el } from '../console/dom.js';
import { areaName } from './format.js';

export function renderRanking(tbody, note, { summary, lang, fmt }) {
    const areas = new Map(summary.areas.map(a => [a.id, a]));
    const by = summary.ranking.by;
    const indicator = summary.indicators.find(i => i.key === by);
    tbody.replaceChildren(...summary.ranking.rows.map(row => el('tr', { 'data-area': row.areaId },
        el('td', { class: 'num' }, row.rank > 0 ? String(row.rank) : '—'),
        el('th', { scope: 'row' }, areas.has(row.areaId) ? areaName(areas.get(row.areaId), lang) : row.areaId),
        el('td', { class: 'num' }, fmt.value(row.score, indicator ? indicator.decimals : 1)))));
    note.hidden = by !== 'composite';
}

export function fillRankBy(select, { summary, lang }) {
    const current = select.value || 'composite';
    const composite = select.options[0];
    const options = summary.indicators.filter(i => i.measured).map(i => new Option(lang === 'en' ? i.nameEn : i.nameVi, i.key));
    select.replaceChildren(composite, ...options);
    select.value = current;
}
