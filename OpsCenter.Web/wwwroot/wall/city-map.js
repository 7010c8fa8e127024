// The wall's city map as plain SVG: land, approximate district outlines, one marker per device coloured by its state.
// A wall neither pans nor zooms, so a fixed projection and no map library or tiles: markers are built once and only
// their data-state attribute changes with each document, which keeps the page's memory flat for days.
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 1000;
const MARKER = 11; // SVG units; the map is drawn at ~0.6 px per unit on a 1920×1080 wall: ~13 px markers, readable from 5 m
const ATTENTION = new Set(['offline', 'degraded']);

export function createCityMap(container) {
    let project = null;
    let height = 0;
    const svg = element('svg', { class: 'map-svg', preserveAspectRatio: 'xMidYMid meet', role: 'img' });
    const layers = Object.fromEntries(['land', 'districts', 'labels', 'markers'].map(name => {
        const g = element('g', { class: `map-${name}` });
        svg.append(g);
        return [name, g];
    }));
    const markers = new Map(); // deviceId → element
    const districts = new Map(); // areaId → path
    const labels = new Map(); // areaId → { text, name, nameEn }
    container.replaceChildren(svg);

    /** Draws the bundled geometry; the frame is its bbox, so every screen shows the same city extent. */
    function drawGeometry({ land, districts: outlines }) {
        const [west, south, east, north] = outlines.bbox;
        const cosLat = Math.cos(((south + north) / 2) * Math.PI / 180);
        const scale = WIDTH / ((east - west) * cosLat);
        height = Math.round((north - south) * scale);
        project = (lon, lat) => [round((lon - west) * cosLat * scale), round((north - lat) * scale)];
        svg.setAttribute('viewBox', `0 0 ${WIDTH} ${height}`);
        layers.land.replaceChildren(...land.features.map(f => element('path', { d: pathOf(f.geometry, project) })));
        layers.districts.replaceChildren();
        layers.labels.replaceChildren();
        for (const feature of outlines.features) {
            const { areaId, name, nameEn, label } = feature.properties;
            const path = element('path', { d: pathOf(feature.geometry, project), 'data-area': areaId });
            districts.set(areaId, path);
            layers.districts.append(path);
            const [x, y] = project(label[0], label[1]);
            const text = element('text', { x, y: y - MARKER * 3, 'data-area': areaId });
            labels.set(areaId, { text, name, nameEn });
            layers.labels.append(text);
        }
    }

    /** One marker per device of the inventory, in the inventory's order; all start as 'unknown'. */
    function placeDevices(devices) {
        if (!project) return;
        markers.clear();
        layers.markers.replaceChildren(...devices.map(device => {
            const [x, y] = project(device.lon, device.lat);
            const marker = markerFor(device.kind, x, y);
            Object.assign(marker.dataset, { device: device.id, kind: device.kind, state: 'unknown' });
            const title = element('title', {});
            title.textContent = device.name ?? device.id;
            marker.append(title);
            markers.set(device.id, marker);
            return marker;
        }));
        container.dataset.markers = String(markers.size);
    }

    /** Applies a document's device states and area staleness. Writes only what changed. */
    function render(doc) {
        for (const [id, marker] of markers) {
            const state = doc[`device.${id}.state`] ?? 'unknown';
            if (marker.dataset.state === state) continue;
            marker.dataset.state = state;
            // A device needing attention is drawn last, so it is never hidden under its healthy neighbours.
            if (ATTENTION.has(state)) layers.markers.append(marker);
        }
        for (const [areaId, path] of districts) {
            const stale = String(doc[`area.${areaId}.stale`] === true);
            if (path.dataset.stale !== stale) path.dataset.stale = stale;
        }
    }

    /** Rings the devices an active incident is about (device id → severity); the others lose their ring. */
    function markIncidents(bySource) {
        for (const [id, marker] of markers) {
            const severity = bySource.get(id);
            if (severity) {
                if (marker.dataset.incident !== severity) marker.dataset.incident = severity;
                layers.markers.append(marker);
            } else if (marker.dataset.incident) {
                delete marker.dataset.incident;
            }
        }
    }

    function setLanguage(lang) {
        for (const { text, name, nameEn } of labels.values()) text.textContent = lang === 'en' && nameEn ? nameEn : name;
    }

    /** Names from the Server's inventory win over those baked into the geometry file. */
    function nameAreas(areas) {
        for (const area of areas) {
            const label = labels.get(area.id);
            if (label) Object.assign(label, { name: area.name, nameEn: area.nameEn ?? label.nameEn });
        }
    }

    return { drawGeometry, placeDevices, render, markIncidents, setLanguage, nameAreas, get hasDevices() { return markers.size > 0; } };
}

function markerFor(kind, x, y) {
    const r = MARKER;
    if (kind === 'traffic') return element('rect', { class: 'marker', x: x - r * 0.85, y: y - r * 0.85, width: r * 1.7, height: r * 1.7 });
    if (kind === 'counter') return element('path', { class: 'marker', d: `M${x} ${y - r * 1.25}L${x + r * 1.25} ${y}L${x} ${y + r * 1.25}L${x - r * 1.25} ${y}Z` });
    return element('circle', { class: 'marker', cx: x, cy: y, r });
}

function pathOf(geometry, project) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    return polygons.flatMap(rings => rings.map(ring => 'M' + ring.map(([lon, lat]) => project(lon, lat).join(' ')).join('L') + 'Z')).join('');
}

function element(name, attributes) {
    const el = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, String(value));
    return el;
}

const round = v => Math.round(v * 10) / 10;
