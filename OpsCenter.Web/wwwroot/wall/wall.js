// The operators' video wall: renders WallSnapshot pushes from /hubs/wall. Vietnamese first; numbers and times
// follow the chosen language, times always in Hai Phong's zone whatever the wall PC is set to.
import { fitAreas, renderAreas } from './areas.js';
import { connectWall } from './connection.js';
import { isNumber, setMeter, setValue, share } from './values.js';
import { applyDictionary, loadDictionary, localeOf, otherLanguage, persistLanguage, resolveLanguage } from '../js/i18n.js';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
// Measured from when the wall received the snapshot, not snapshot.at, so a skewed wall PC clock cannot fake it.
const STALE_AFTER_MS = 120_000;
const COUNT_KPIS = ['camerasOnline', 'camerasTotal', 'congestedDetectors', 'detectorsReporting',
    'peopleWaiting', 'officesOpen', 'readingsStored'];

const $ = selector => document.querySelector(selector);
const view = { lang: 'vi', fmt: formatters('vi'), snapshot: null, receivedAt: 0, connection: 'disconnected', awaitingSnapshot: true };

function formatters(lang) {
    const locale = localeOf(lang);
    return {
        number: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
        // Always one decimal (33,5 / 33,0): steady width on the wall, and what the end-to-end tests read.
        speed: new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
        percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
        time: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
        date: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' }),
    };
}

const formatNumber = v => (isNumber(v) ? view.fmt.number.format(v) : '—');
const formatSpeed = v => (isNumber(v) ? view.fmt.speed.format(v) : '—');

function render(snapshot) {
    const at = snapshot.at ? new Date(snapshot.at) : null;
    setValue($('[data-kpi="at"]'), snapshot.at, at && !isNaN(at) ? view.fmt.time.format(at) : '—');
    for (const name of COUNT_KPIS) setValue($(`[data-kpi="${name}"]`), snapshot[name], formatNumber(snapshot[name]));
    setValue($('[data-kpi="averageSpeedKmh"]'), snapshot.averageSpeedKmh, formatSpeed(snapshot.averageSpeedKmh));

    const cameraShare = share(snapshot.camerasOnline, snapshot.camerasTotal);
    setValue($('[data-derived="camerasOnlinePercent"]'), cameraShare,
        cameraShare === null ? '—' : view.fmt.percent.format(cameraShare));
    setMeter($('[data-meter="cameras"]'), cameraShare);
    $('[data-tile="congestion"]').dataset.alert = String(snapshot.congestedDetectors > 0);

    renderAreas(Array.isArray(snapshot.areas) ? snapshot.areas : [], { number: formatNumber, speed: formatSpeed });
}

/** Public entry point for a pushed snapshot (also used by visual tests). */
function renderSnapshot(snapshot) {
    view.snapshot = snapshot;
    view.awaitingSnapshot = false;
    view.receivedAt = Date.now();
    render(snapshot);
    updateStale();
}

function setConnectionState(state) {
    // Figures from before a lost link are not current until the Server has sent a snapshot on the new one.
    if (state !== 'connected') view.awaitingSnapshot = true;
    view.connection = state;
    document.body.dataset.connection = state;
    updateStale();
}

/**
 * One word for whether the figures on screen are current: 'reconnecting' while the link to the Server is down,
 * 'stale' while the Server says a source is down (snapshot.stale) or nothing came for too long, else 'live'.
 * body[data-freshness] carries it for kiosk monitoring and tests; the indicator shows it in words.
 */
function updateStale() {
    const old = view.receivedAt > 0 && Date.now() - view.receivedAt > STALE_AFTER_MS;
    $('[data-testid="last-update"]').dataset.stale = String(old);
    const linked = view.connection === 'connected';
    const stale = old || !view.snapshot || view.awaitingSnapshot || view.snapshot.stale === true;
    const freshness = !linked ? 'reconnecting' : stale ? 'stale' : 'live';
    document.body.dataset.freshness = freshness;
    $('[data-testid="connection-state"]').dataset.state = linked && stale ? 'stale' : view.connection;
}

function showClock() {
    const now = new Date();
    $('[data-testid="clock-time"]').textContent = view.fmt.time.format(now);
    $('[data-testid="clock-date"]').textContent = view.fmt.date.format(now);
}

function tickClock() {
    showClock();
    updateStale();
    setTimeout(tickClock, 1000 - (Date.now() % 1000)); // align to the second so the clock never skips one
}

async function setLanguage(lang) {
    let dict;
    try {
        dict = await loadDictionary(lang);
    } catch {
        return; // keep the current language; the page is already fully labelled
    }
    Object.assign(view, { lang, fmt: formatters(lang) });
    applyDictionary(document, lang, dict);
    $('[data-testid="lang-toggle"]').textContent = otherLanguage(lang).toUpperCase();
    showClock();
    if (view.snapshot) render(view.snapshot);
}

$('[data-testid="lang-toggle"]').addEventListener('click', async () => {
    const next = otherLanguage(view.lang);
    await setLanguage(next);
    persistLanguage(next);
});

window.addEventListener('resize', fitAreas);

const initialLanguage = resolveLanguage();
view.fmt = formatters(initialLanguage);
tickClock();
const ready = setLanguage(initialLanguage);
connectWall({ onSnapshot: renderSnapshot, onState: setConnectionState });

window.OpsWall = Object.freeze({ renderSnapshot, setLanguage, ready });
