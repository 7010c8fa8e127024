// The console's views are its URL: /console (areas), ?area=…&kind=&state=&q= (devices), ?device=…&hours= (one device),
// ?view=incidents&status=&severity=&area=&category=&unack=1&incident=… (active incidents, filtered, one in detail),
// ?view=reports&report=… (citizen reports: figures, the latest, one to answer).
// Every screen can be bookmarked or sent to a colleague, and back/forward walk the drill-down.
const FILTERS = ['kind', 'state', 'q'];
export const HOURS = [6, 24, 72, 168];
export const INCIDENT_FILTERS = ['status', 'severity', 'area', 'category', 'unack'];

export function readRoute(search = location.search) {
    const p = new URLSearchParams(search);
    if (p.get('view') === 'incidents') {
        const route = { name: 'incidents', incident: /^\d+$/.test(p.get('incident') ?? '') ? Number(p.get('incident')) : null };
        for (const f of INCIDENT_FILTERS) route[f] = p.get(f) ?? '';
        return route;
    }
    if (p.get('view') === 'reports') return { name: 'reports', report: p.get('report') || null };
    const device = p.get('device');
    if (device) {
        const hours = Number(p.get('hours'));
        return { name: 'device', device, hours: HOURS.includes(hours) ? hours : 24 };
    }
    const area = p.get('area');
    if (area) {
        const route = { name: 'area', area };
        for (const f of FILTERS) route[f] = p.get(f) ?? '';
        return route;
    }
    return { name: 'city' };
}

export function urlOf(route) {
    const p = new URLSearchParams();
    if (route.name === 'incidents') {
        p.set('view', 'incidents');
        for (const f of INCIDENT_FILTERS) if (route[f]) p.set(f, route[f]);
        if (route.incident) p.set('incident', String(route.incident));
    } else if (route.name === 'reports') {
        p.set('view', 'reports');
        if (route.report) p.set('report', route.report);
    } else if (route.name === 'device') {
        p.set('device', route.device);
        if (route.hours && route.hours !== 24) p.set('hours', String(route.hours));
    } else if (route.name === 'area') {
        p.set('area', route.area);
        for (const f of FILTERS) if (route[f]) p.set(f, route[f]);
    }
    const lang = new URLSearchParams(location.search).get('lang');
    if (lang) p.set('lang', lang); // an explicit ?lang= (kiosk set-up) survives navigation
    const query = p.toString();
    return query ? `/console?${query}` : '/console';
}
