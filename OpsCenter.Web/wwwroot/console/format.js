// Numbers and times as the operator reads them: vi-VN by default (1.234,5), en-GB after the switch, and always in
// Hai Phong's time zone whatever the console PC is set to.
import { localeOf } from '../js/i18n.js';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const isNumber = v => typeof v === 'number' && Number.isFinite(v);

export function formatters(lang) {
    const locale = localeOf(lang);
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const dateTime = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric',
        hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    const time = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const day = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit' });
    return {
        number: v => (isNumber(v) ? number.format(v) : '—'),
        decimal: v => (isNumber(v) ? decimal.format(v) : '—'),
        percent: v => (isNumber(v) ? percent.format(v) : '—'),
        /** Unix ms or ISO text → "01/12/2026 15:04:05". */
        dateTime: v => {
            const d = typeof v === 'number' || typeof v === 'string' ? new Date(v) : null;
            return d && !isNaN(d) ? dateTime.format(d) : '—';
        },
        time: ms => time.format(new Date(ms)),
        day: ms => day.format(new Date(ms)),
    };
}
