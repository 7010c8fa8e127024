// Language handling shared by the OpsCenter pages. Vietnamese is the default; the HTML is written in Vietnamese
// so a page stays usable even if a dictionary cannot be fetched.
const SUPPORTED = ['vi', 'en'];
const LOCALES = { vi: 'vi-VN', en: 'en-GB' };
const STORAGE_KEY = 'opscenter.lang';
const BASE = '/_content/OpsCenter.Web/i18n/';
const cache = new Map();

/** ?lang= wins (a wall PC is set up by URL), then the last toggle, then Vietnamese. */
export function resolveLanguage() {
    const fromUrl = new URLSearchParams(location.search).get('lang');
    if (SUPPORTED.includes(fromUrl)) return fromUrl;
    const stored = readStored();
    return SUPPORTED.includes(stored) ? stored : 'vi';
}

export function otherLanguage(lang) {
    return lang === 'vi' ? 'en' : 'vi';
}

export function localeOf(lang) {
    return LOCALES[lang] ?? LOCALES.vi;
}

export function persistLanguage(lang) {
    try {
        localStorage.setItem(STORAGE_KEY, lang);
    } catch {
        // Storage can be disabled by kiosk policies; the URL parameter still works.
    }
    // Keep an explicit ?lang= in step with the toggle, so a reload does not switch back.
    const url = new URL(location.href);
    if (url.searchParams.has('lang')) {
        url.searchParams.set('lang', lang);
        history.replaceState(null, '', url);
    }
}

export async function loadDictionary(lang) {
    if (!cache.has(lang)) {
        cache.set(lang, fetch(`${BASE}${lang}.json`, { cache: 'no-cache' }).then(r => {
            if (!r.ok) throw new Error(`Dictionary ${lang}: HTTP ${r.status}`);
            return r.json();
        }).catch(e => {
            cache.delete(lang); // let the next attempt try again instead of remembering the failure
            throw e;
        }));
    }
    return cache.get(lang);
}

/** Fills every [data-i18n] element's text and every [data-i18n-title] element's title/aria-label. */
export function applyDictionary(root, lang, dict) {
    document.documentElement.lang = lang;
    for (const el of root.querySelectorAll('[data-i18n]')) {
        const text = dict[el.dataset.i18n];
        if (text !== undefined) el.textContent = text;
    }
    for (const el of root.querySelectorAll('[data-i18n-title]')) {
        const text = dict[el.dataset.i18nTitle];
        if (text !== undefined) {
            el.title = text;
            el.setAttribute('aria-label', text);
        }
    }
}

function readStored() {
    try {
        return localStorage.getItem(STORAGE_KEY);
    } catch {
        return null;
    }
}

/**
 * Loads a language's dictionary, applies it to the page and names the other language on the toggle. Null when the
 * dictionary cannot be fetched: the page keeps its current language (it is already labelled).
 */
export async function switchLanguage(lang, toggle) {
    let dict;
    try {
        dict = await loadDictionary(lang);
    } catch {
        return null;
    }
    applyDictionary(document, lang, dict);
    toggle.textContent = otherLanguage(lang).toUpperCase();
    return dict;
}
