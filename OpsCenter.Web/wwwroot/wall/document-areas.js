// The per-area rows of the table, read from a document: the area list (order, names) from the city's facts, the
// figures from the document's area.{id}.{kpi} keys.
const AREA_KPIS = ['camerasOnline', 'camerasTotal', 'averageSpeedKmh', 'peopleWaiting'];

export function areaRows(doc, areas, lang) {
    return areas.map(area => {
        const row = { areaId: area.id, name: lang === 'en' && area.nameEn ? area.nameEn : area.name };
        for (const name of AREA_KPIS) row[name] = doc[`area.${area.id}.${name}`] ?? null;
        return row;
    });
}
