// Numbers, days and periods as a leader reads them: vi-VN by default (1.234,5), en-GB after the switch; instants in
// Hai Phong's time zone whatever the PC is set to; calendar days (yyyy-MM-dd) are the city's and shown as they are.
import { localeOf } from '../js/i18n.js';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const isNumber = v => typeof v === 'number' && Number.isFinite(v);

export function formatters(lang) {
    const locale = localeOf(lang);
    const fixed = new Map();
    const fixedFormat = decimals => {
        if (!fixed.has(decimals)) fixed.set(decimals, new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }));
        return fixed.get(decimals);
    };
    const signedPercent = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 });
    const dayFormat = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });
    const monthFormat = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', year: 'numeric' });
    const dateTime = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric',
        hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const hour = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const shortDay = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit' });
    const utcDay = text => {
        const [y, m, d] = text.split('-').map(Number);
        return new Date(Date.UTC(y, m - 1, d ?? 1));
    };
    return {
        /** A value with the indicator's decimals; "—" when nothing was measured. */
        value: (v, decimals = 0) => (isNumber(v) ? fixedFormat(decimals).format(v) : '—'),
        /** A change in per cent with its sign: "+12,5 %". */
        changePercent: v => (isNumber(v) ? `${signedPercent.format(v)} %` : '—'),
        /** A calendar day of the city, yyyy-MM-dd → 01/12/2026. */
        day: text => (text ? dayFormat.format(utcDay(text)) : '—'),
        /** An instant (ISO text or Unix ms) in Hai Phong time. */
        dateTime: v => {
            const d = new Date(v);
            return isNaN(d) ? '—' : dateTime.format(d);
        },
        hour: ms => hour.format(new Date(ms)),
        shortDay: ms => shortDay.format(new Date(ms)),
        /** A figure's period: 2022 | 2022-Q4 | 2022-10 | 2022-10-05. */
        period: text => {
            if (/^\d{4}$/.test(text)) return text;
            const quarter = /^(\d{4})-Q([1-4])$/.exec(text);
            if (quarter) return lang === 'vi' ? `Quý ${quarter[2]}/${quarter[1]}` : `Q${quarter[2]} ${quarter[1]}`;
            if (/^\d{4}-\d{2}$/.test(text)) return lang === 'vi' ? `${text.slice(5)}/${text.slice(0, 4)}` : monthFormat.format(utcDay(text));
            return dayFormat.format(utcDay(text));
        },
    };
}

/** "phút|min" style units are already split by the API: the one for the language. */
export const unitOf = (indicator, lang) => (lang === 'en' ? indicator.unitEn : indicator.unitVi);
export const nameOf = (indicator, lang) => (lang === 'en' ? indicator.nameEn : indicator.nameVi);
export const definitionOf = (indicator, lang) => (lang === 'en' ? indicator.definitionEn : indicator.definitionVi);
export const areaName = (area, lang) => (lang === 'en' && area.nameEn ? area.nameEn : area.name);
