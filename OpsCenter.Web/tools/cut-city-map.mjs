// Cuts the wall's map of the demo city once, from data bundled with the product; run again only when the city changes:
//   cd OpsCenter.Web && npm install && node tools/cut-city-map.mjs
// Writes wwwroot/map/city-land.geo.json (Hai Phong's land, from OpenStreetMap's coastline via @geo-maps, ODbL) and
// wwwroot/map/city-districts.geo.json: APPROXIMATE district outlines, the Voronoi cells of the inventory's area centres
// cut to that land. No official outlines are available offline; the wall says so under the map.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { area, clipRing, simplify, voronoiCell } from './geometry.mjs';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const inventory = JSON.parse(readFileSync(join(web, '../config/demo-city/inventory.json'), 'utf8'));
const coastlineFile = join(web, 'node_modules/@geo-maps/countries-coastline-1m/map.geo.json');
const outFolder = join(web, 'wwwroot/map');

// The map frame: the area centres with a margin, wide enough to show the coast and river mouths around them.
const MARGIN_DEGREES = 0.07;
const lats = inventory.areas.map(a => a.lat);
const lons = inventory.areas.map(a => a.lon);
const bounds = {
    south: Math.min(...lats) - MARGIN_DEGREES, north: Math.max(...lats) + MARGIN_DEGREES,
    west: Math.min(...lons) - MARGIN_DEGREES, east: Math.max(...lons) + MARGIN_DEGREES,
};

// Equirectangular around the frame's middle: at this size the error is far below what a wall shows.
const cosLat = Math.cos(((bounds.south + bounds.north) / 2) * Math.PI / 180);
const project = ([lon, lat]) => [lon * cosLat, lat];
const unproject = ([x, y]) => [round(x / cosLat), round(y)];
const round = v => Math.round(v * 1e5) / 1e5; // ~1 m: finer than the data's own precision matters here

// ~40 m: invisible on a 1920 px wide wall showing ~40 km, and keeps the files small.
const TOLERANCE = 0.0004;
const box = [[bounds.west, bounds.south], [bounds.east, bounds.south], [bounds.east, bounds.north], [bounds.west, bounds.north]].map(project);

console.log('Reading the coastline (~100 MB)…');
const coastline = JSON.parse(readFileSync(coastlineFile, 'utf8'));
const land = []; // polygons (arrays of projected rings) inside the frame
for (const feature of coastline.features) {
    const { type, coordinates } = feature.geometry;
    const polygons = type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' ? coordinates : [];
    for (const polygon of polygons) {
        const [outer, ...holes] = polygon.map(ring => tidy(clipRing(ring.map(project), box)));
        if (outer) land.push([outer, ...holes.filter(h => h !== null)]);
    }
}

/** Drops slivers and repeated closing points; null when nothing is left worth drawing. */
function tidy(ring) {
    if (ring.length < 3 || Math.abs(area(ring)) < 1e-7) return null;
    const simplified = simplify([...ring, ring[0]], TOLERANCE).slice(0, -1);
    return simplified.length >= 3 ? simplified : null;
}

const toGeoRing = ring => [...ring, ring[0]].map(unproject);
const sites = inventory.areas.map(a => project([a.lon, a.lat]));

const districts = inventory.areas.map((a, i) => {
    const cell = voronoiCell(sites, i, box);
    const pieces = land.map(rings => rings.map(ring => tidy(clipRing(ring, cell))).filter(r => r !== null))
        .filter(rings => rings.length > 0 && area(rings[0]) !== 0);
    return {
        type: 'Feature',
        properties: { areaId: a.id, name: a.name, nameEn: a.nameEn, approximate: true, label: [round(a.lon), round(a.lat)] },
        geometry: { type: 'MultiPolygon', coordinates: pieces.map(rings => rings.map(toGeoRing)) },
    };
});

const frame = [bounds.west, bounds.south, bounds.east, bounds.north].map(round);
mkdirSync(outFolder, { recursive: true });
write('city-land.geo.json', {
    type: 'FeatureCollection', bbox: frame,
    properties: { source: 'OpenStreetMap coastline via @geo-maps/countries-coastline-1m 0.6.0', license: 'ODbL 1.0', attribution: '© OpenStreetMap contributors' },
    features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: land.map(rings => rings.map(toGeoRing)) } }],
});
write('city-districts.geo.json', {
    type: 'FeatureCollection', bbox: frame,
    properties: { approximate: true, method: 'Voronoi cells of the inventory area centres, cut to the OpenStreetMap land; not official boundaries' },
    features: districts,
});

function write(name, geojson) {
    const text = JSON.stringify(geojson);
    writeFileSync(join(outFolder, name), text + '\n');
    console.log(`${name}: ${(text.length / 1024).toFixed(0)} KiB`);
}
