// The operator console: the live city → an area's devices → one device, and the active incidents; each view a URL
// (see route.js). Vietnamese first, English on the switch; live data from the live views hub through live-data.js.
import { otherLanguage, persistLanguage, resolveLanguage, switchLanguage } from '../js/i18n.js';
import { loadCity } from './api.js';
import { renderArea } from './area-view.js';
import { renderCity } from './city-view.js';
import { areaName } from './dom.js';
import { formatters } from './format.js';
import { renderDevice, renderDeviceLive } from './device-view.js';
import { renderIncidentDetail, renderIncidentList, runAction } from './incidents-view.js';
import { createLiveData } from './live-data.js';
import { readRoute, urlOf } from './route.js';

const $ = selector => document.querySelector(selector);
const screen = { lang: 'vi', fmt: formatters('vi'), dict: {}, city: null, route: readRoute(), opened: 0 };
const t = key => screen.dict[key] ?? key;

const live = createLiveData({ onDocument, onState: showConnection });

/** The live view a route shows: the city for the overview, the device's area for an area or a device. */
function viewOf(route) {
    if (route.name === 'incidents') return 'incidents';
    if (route.name === 'area') return `area:${route.area}`;
    if (route.name === 'device') {
        const device = deviceOf(route);
        return device ? `area:${device.areaId}` : null;
    }
    return 'city';
}

const deviceOf = route => screen.city?.devices.find(d => d.id === route.device);

function onDocument(view, doc) {
    if (!screen.city || view !== viewOf(screen.route)) return;
    showFreshness(doc);
    renderLive(doc);
}

function renderLive(doc = live.document(viewOf(screen.route))) {
    const ctx = { city: screen.city, doc, route: screen.route, lang: screen.lang, fmt: screen.fmt, t };
    if (screen.route.name === 'city') renderCity($('[data-testid=areas]'), ctx);
    else if (screen.route.name === 'area') renderArea($('[data-view=area]'), ctx);
    else if (screen.route.name === 'incidents') renderIncidentsLive(ctx);
    else if (deviceOf(screen.route)) renderDeviceLive($('[data-view=device]'), { ...ctx, device: deviceOf(screen.route) });
}

function renderIncidentsLive(ctx) {
    const section = $('[data-view=incidents]');
    renderIncidentList(section, ctx);
    // The open incident moved (someone acted, it occurred again): read its trail again.
    const panel = $('[data-testid=incident-detail]');
    const version = ctx.doc?.[`incident.${ctx.route.incident}.version`];
    if (ctx.route.incident && typeof version === 'number' && panel.dataset.version && Number(panel.dataset.version) !== version) {
        panel.dataset.version = String(version);
        showIncidentDetail();
    }
}

function showIncidentDetail() {
    const opened = screen.opened;
    const panel = $('[data-testid=incident-detail]');
    if (!screen.route.incident) delete panel.dataset.version;
    return renderIncidentDetail(panel, { route: screen.route, fmt: screen.fmt, t }, () => screen.opened === opened);
}

function showIncidentFilters(route) {
    const form = $('[data-testid=incident-filters]');
    if (form.area.options.length <= 1) {
        for (const area of screen.city.areas) form.area.append(new Option(areaName(area, screen.lang), area.id));
    }
    for (const option of [...form.area.options].slice(1)) {
        const area = screen.city.areas.find(a => a.id === option.value);
        if (area) option.textContent = areaName(area, screen.lang);
    }
    for (const name of ['status', 'severity', 'area', 'category']) form[name].value = route[name] ?? '';
    form.unack.checked = route.unack === '1';
}

function showIncidentMessage(result) {
    const message = $('[data-testid=incident-message]');
    message.hidden = result.ok;
    message.dataset.kind = result.kind ?? '';
    message.textContent = result.message ?? '';
}

/** Shows the route: which section, the breadcrumb, the views followed, then the data. */
function show(route) {
    screen.route = route;
    const opened = ++screen.opened;
    const device = route.name === 'device' ? deviceOf(route) : null;
    const area = screen.city.areas.find(a => a.id === (route.name === 'area' ? route.area : device?.areaId));
    const known = route.name === 'city' || route.name === 'incidents' || (route.name === 'area' && area) || device;
    document.body.dataset.screen = known ? route.name : 'not-found';
    for (const section of document.querySelectorAll('section[data-view]')) section.hidden = section.dataset.view !== document.body.dataset.screen;
    showBreadcrumb(route, area, device);
    live.follow(known ? [viewOf(route)] : []);
    if (!known) return;
    if (route.name === 'incidents') {
        showIncidentFilters(route);
        showIncidentDetail();
    }
    renderLive();
    if (device) renderDevice($('[data-view=device]'), { city: screen.city, device, route, lang: screen.lang, fmt: screen.fmt, t,
        isCurrent: () => screen.opened === opened });
}

function showBreadcrumb(route, area, device) {
    const areaCrumb = $('[data-testid=crumb-area]');
    const deviceCrumb = $('[data-testid=crumb-device]');
    areaCrumb.hidden = !area;
    if (area) {
        areaCrumb.querySelector('a').textContent = areaName(area, screen.lang);
        areaCrumb.querySelector('a').href = urlOf({ name: 'area', area: area.id });
    }
    deviceCrumb.hidden = !device;
    if (device) deviceCrumb.textContent = device.name;
    $('[data-testid=nav-incidents]').setAttribute('aria-current', route.name === 'incidents' ? 'page' : 'false');
    document.title = [route.name === 'incidents' ? t('incidents.title') : null, device?.name, area && areaName(area, screen.lang), t('console.title')].filter(Boolean).join(' — ');
}

function navigate(url, { replace = false } = {}) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    show(readRoute());
}

function showConnection(state) {
    $('[data-testid=connection-state]').dataset.state = state;
}

function showFreshness(doc) {
    document.body.dataset.freshness = doc?.['fresh.stale'] === true ? 'stale' : 'live';
}

async function setLanguage(lang) {
    const dict = await switchLanguage(lang, $('[data-testid=lang-toggle]'));
    if (!dict) return;
    Object.assign(screen, { lang, dict, fmt: formatters(lang) });
    if (screen.city) show(screen.route);
}

// Links marked data-nav change the view without a reload; a modified click (new tab) is left to the browser.
document.addEventListener('click', event => {
    const link = event.target.closest('a[data-nav]');
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(link.getAttribute('href'));
});
window.addEventListener('popstate', () => show(readRoute()));

// Filters rewrite the URL in place: each keystroke is not a step worth going back to.
$('[data-testid=device-filters]').addEventListener('input', event => {
    const form = event.currentTarget;
    const route = { ...screen.route, kind: form.kind.value, state: form.state.value, q: form.q.value };
    navigate(urlOf(route), { replace: true });
});
$('[data-testid=device-filters]').addEventListener('submit', event => event.preventDefault());
$('[data-testid=incident-filters]').addEventListener('change', event => {
    const form = event.currentTarget;
    const route = { ...screen.route, status: form.status.value, severity: form.severity.value, area: form.area.value,
        category: form.category.value, unack: form.unack.checked ? '1' : '' };
    navigate(urlOf(route), { replace: true });
});
$('[data-testid=incident-filters]').addEventListener('submit', event => event.preventDefault());
$('[data-view=incidents]').addEventListener('click', async event => {
    const button = event.target.closest('button[data-action]');
    if (!button || button.disabled) return;
    button.disabled = true;
    const note = $('[data-testid=incident-note]')?.value.trim() ?? '';
    const result = await runAction(button, note, t);
    button.disabled = false;
    showIncidentMessage(result);
    // The list follows by itself (the live view); the detail is read again, with the new trail or the winning state.
    if (screen.route.name === 'incidents' && screen.route.incident) showIncidentDetail();
});
$('[name=hours]').addEventListener('change', event => navigate(urlOf({ ...screen.route, hours: Number(event.target.value) })));

$('[data-testid=lang-toggle]').addEventListener('click', async () => {
    const next = otherLanguage(screen.lang);
    await setLanguage(next);
    persistLanguage(next);
});

const ready = (async () => {
    await setLanguage(resolveLanguage());
    try {
        screen.city = await loadCity();
    } catch (e) {
        $('[data-testid=load-error]').hidden = false;
        throw e;
    }
    show(readRoute());
    document.body.dataset.ready = 'true';
})();

window.OpsConsole = Object.freeze({
    /** Renders a live document as if the hub had sent it (tests, demos). */
    renderDocument: (view, doc) => live.feed(view, doc),
    navigate,
    setLanguage,
    ready,
});
