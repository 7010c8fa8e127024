// The operators' video wall. Everything on it is rendered from one live-view document (docs/realtime-api.md, view
// `city`, followed on /hubs/live through js/live.js), plus the `incidents` view for the ticker. Vietnamese first;
// numbers and times follow the chosen language, times always in Hai Phong's zone whatever the wall PC is set to.
import { fitAreas, renderAreas } from './areas.js';
import { renderTicker, severityBySource } from './incident-ticker.js';
import { loadCityFacts, loadMapGeometry } from './city-facts.js';
import { createCityMap } from './city-map.js';
import { followViews } from '../js/live.js';
import { areaRows } from './document-areas.js';
import { ageLevel, newestDataAgeSeconds, reasonKeys } from './freshness.js';
import { createSparklines } from './sparklines.js';
import { isNumber, setMeter, setValue, share } from './values.js';
import { applyDictionary, loadDictionary, localeOf, otherLanguage, persistLanguage, resolveLanguage } from '../js/i18n.js';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
// Measured from when the wall received the frame, not its `at`, so a skewed wall PC clock cannot fake it.
const STALE_AFTER_MS = 120_000;
const COUNT_KPIS = ['camerasOnline', 'camerasTotal', 'congestedDetectors', 'detectorsReporting',
    'peopleWaiting', 'officesOpen', 'readingsStored'];

const $ = selector => document.querySelector(selector);
const view = {
    lang: 'vi', fmt: formatters('vi'), dict: {}, doc: null, frameAt: null, receivedAt: 0,
    connection: 'disconnected', awaitingFrame: true, areas: [], cityLoaded: false, incidents: null,
};
const map = createCityMap($('[data-testid="map-canvas"]'));
const sparklines = createSparklines(document);

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

function render(doc) {
    const at = isNumber(view.frameAt) ? new Date(view.frameAt) : null;
    setValue($('[data-kpi="at"]'), view.frameAt, at ? view.fmt.time.format(at) : '—');
    for (const name of COUNT_KPIS) setValue($(`[data-kpi="${name}"]`), doc[`kpi.${name}`], formatNumber(doc[`kpi.${name}`]));
    setValue($('[data-kpi="averageSpeedKmh"]'), doc['kpi.averageSpeedKmh'], formatSpeed(doc['kpi.averageSpeedKmh']));

    const cameraShare = share(doc['kpi.camerasOnline'], doc['kpi.camerasTotal']);
    setValue($('[data-derived="camerasOnlinePercent"]'), cameraShare,
        cameraShare === null ? '—' : view.fmt.percent.format(cameraShare));
    setMeter($('[data-meter="cameras"]'), cameraShare);
    $('[data-tile="congestion"]').dataset.alert = String(doc['kpi.congestedDetectors'] > 0);

    renderAreas(areaRows(doc, view.areas, view.lang), { number: formatNumber, speed: formatSpeed });
    map.render(doc);
}

/**
 * Public entry point for one live-view document (key → value). `at` is the frame's build time (Unix ms or ISO text,
 * Server clock); without it, doc.at is used. Tests drive the wall through here.
 */
function renderDocument(doc, at = doc.at) {
    view.doc = doc;
    view.frameAt = typeof at === 'string' ? Date.parse(at) : isNumber(at) ? at : null;
    view.receivedAt = Date.now();
    view.awaitingFrame = false;
    render(doc);
    sparklines.record(doc, view.receivedAt);
    updateFreshness();
}

/** The `incidents` view's document: the ticker, the counts, the rings on the map. */
function renderIncidents(doc = view.incidents) {
    view.incidents = doc;
    if (!doc) return;
    const area = id => view.areas.find(a => a.id === id);
    renderTicker($('[data-slot="incident-ticker"]'), {
        doc,
        areaName: id => { const a = area(id); return a ? (view.lang === 'en' && a.nameEn ? a.nameEn : a.name) : id; },
        time: ms => view.fmt.time.format(new Date(ms)),
        number: formatNumber,
        t: key => view.dict[key] ?? key,
    });
    map.markIncidents(severityBySource(doc));
}

function setConnectionState(state) {
    // Figures from before a lost link are not current until the Server has sent a frame on the new one.
    if (state !== 'connected') view.awaitingFrame = true;
    else resubscribed();
    view.connection = state;
    document.body.dataset.connection = state;
    updateFreshness();
}

/** On every (re)connect: the hour's history again (the gap while away is in InfluxDB), and the city if still missing. */
function resubscribed() {
    sparklines.loadHistory().then(() => sparklines.draw(true));
    if (!view.cityLoaded) loadCity();
}

/**
 * One word for whether the figures on screen are current: 'reconnecting' while the link to the Server is down,
 * 'stale' while the Server says a source is down (fresh.stale) or nothing came for too long, else 'live'.
 * body[data-freshness] carries it for kiosk monitoring and tests; the indicator shows the data's age and why it is stale.
 */
function updateFreshness() {
    const now = Date.now();
    const old = view.receivedAt > 0 && now - view.receivedAt > STALE_AFTER_MS;
    $('[data-testid="last-update"]').dataset.stale = String(old);
    const linked = view.connection === 'connected';
    const stale = old || !view.doc || view.awaitingFrame || view.doc['fresh.stale'] === true;
    document.body.dataset.freshness = !linked ? 'reconnecting' : stale ? 'stale' : 'live';
    $('[data-testid="connection-state"]').dataset.state = linked && stale ? 'stale' : view.connection;

    const age = view.doc ? newestDataAgeSeconds(view.doc, view.frameAt, view.receivedAt, now) : null;
    const indicator = $('[data-testid="freshness"]');
    indicator.dataset.level = !linked ? 'bad' : ageLevel(age);
    const ageText = age === null ? '—' : view.fmt.number.format(Math.floor(age));
    const ageElement = $('[data-testid="freshness-age"]');
    if (ageElement.textContent !== ageText) ageElement.textContent = ageText;
    ageElement.dataset.value = age === null ? '' : String(Math.floor(age));
    const reasons = reasonKeys(view.doc?.['fresh.reasons']).map(key => view.dict[key] ?? key).join(' · ');
    const reasonsElement = $('[data-testid="stale-reasons"]');
    if (reasonsElement.textContent !== reasons) reasonsElement.textContent = reasons;
}

let cityLoading = null;
function loadCity() {
    cityLoading ??= (async () => {
        const facts = await loadCityFacts();
        await mapReady;
        if (!facts) return;
        view.cityLoaded = true;
        view.areas = facts.areas;
        map.nameAreas(facts.areas);
        map.setLanguage(view.lang);
        map.placeDevices(facts.devices);
        if (view.doc) render(view.doc);
        renderIncidents();
    })().finally(() => { cityLoading = null; });
    return cityLoading;
}

function showClock() {
    const now = new Date();
    $('[data-testid="clock-time"]').textContent = view.fmt.time.format(now);
    $('[data-testid="clock-date"]').textContent = view.fmt.date.format(now);
}

let ticks = 0;
function tickClock() {
    showClock();
    updateFreshness();
    // Every second if values came in, and every 10 s anyway so the hour window visibly slides.
    sparklines.draw(++ticks % 10 === 0);
    setTimeout(tickClock, 1000 - (Date.now() % 1000)); // align to the second so the clock never skips one
}

async function setLanguage(lang) {
    let dict;
    try {
        dict = await loadDictionary(lang);
    } catch {
        return; // keep the current language; the page is already fully labelled
    }
    Object.assign(view, { lang, dict, fmt: formatters(lang) });
    applyDictionary(document, lang, dict);
    $('[data-testid="lang-toggle"]').textContent = otherLanguage(lang).toUpperCase();
    map.setLanguage(lang);
    showClock();
    if (view.doc) render(view.doc);
    renderIncidents();
    fitAreas(); // names differ in length between the languages
    updateFreshness();
}

$('[data-testid="lang-toggle"]').addEventListener('click', async () => {
    const next = otherLanguage(view.lang);
    await setLanguage(next);
    persistLanguage(next);
});

window.addEventListener('resize', fitAreas);

const mapReady = loadMapGeometry().then(geometry => {
    map.drawGeometry(geometry);
    map.setLanguage(view.lang);
}).catch(e => console.error('Wall map:', e));
const initialLanguage = resolveLanguage();
view.fmt = formatters(initialLanguage);
tickClock();
const ready = Promise.all([setLanguage(initialLanguage), mapReady]);
loadCity();
// The city and incidents views on /hubs/live: each view's whole document first, then numbered deltas; after a reconnect
// the whole document again, so nothing is missed or shown twice (docs/realtime-api.md).
followViews(['city', 'incidents'], {
    onDocument: (liveView, doc, _changed, frameAt) => (liveView === 'incidents' ? renderIncidents(doc) : renderDocument(doc, frameAt)),
    onState: setConnectionState,
    onUnauthorized: () => location.assign('/login?returnUrl=/wall'),
});

window.OpsWall = Object.freeze({ renderDocument, renderIncidents, setLanguage, ready });
