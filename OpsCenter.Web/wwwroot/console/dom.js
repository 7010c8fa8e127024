// Building the console's markup in script: server text only ever becomes text nodes, never markup.
export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) continue;
        if (name === 'dataset') Object.assign(node.dataset, value);
        else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
        if (child === undefined || child === null || child === false) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
}

/** The keys of one device in a live document: state, since, lastSeen and its latest reading's fields. */
export function deviceEntry(doc, deviceId) {
    const prefix = `device.${deviceId}.`;
    const readings = {};
    for (const [key, value] of Object.entries(doc ?? {})) {
        if (key.startsWith(prefix + 'r.')) readings[key.slice(prefix.length + 2)] = value;
    }
    return {
        state: doc?.[prefix + 'state'] ?? 'unknown',
        since: doc?.[prefix + 'since'] ?? null,
        lastSeen: doc?.[prefix + 'lastSeen'] ?? null,
        readings,
    };
}

export const areaName = (area, lang) => (lang === 'en' && area.nameEn ? area.nameEn : area.name);
