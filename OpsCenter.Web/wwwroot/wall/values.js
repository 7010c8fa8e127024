// Writing values into the wall: text for people, data-value for tests, a brief flash when a value moves.
export const isNumber = v => typeof v === 'number' && Number.isFinite(v);
export const share = (part, whole) => (isNumber(part) && isNumber(whole) && whole > 0 ? part / whole : null);

/** Sets text and the raw value (data-value); flashes the element when the value itself changed, not its format. */
export function setValue(el, raw, text) {
    const value = raw === null || raw === undefined ? '' : String(raw);
    const changed = el.dataset.value !== undefined && el.dataset.value !== value;
    el.dataset.value = value;
    el.textContent = text;
    // Big counters (readings stored) outgrow their tile; step the size down rather than clip.
    el.classList.toggle('is-long', text.length > 9 && text.length <= 12);
    el.classList.toggle('is-very-long', text.length > 12);
    if (changed) flash(el);
}

function flash(el) {
    el.classList.remove('is-changed');
    void el.offsetWidth; // restart the animation when updates arrive faster than it runs
    el.classList.add('is-changed');
    // Removed afterwards, or a row moved between tables would replay an old flash when re-inserted.
    el.addEventListener('animationend', () => el.classList.remove('is-changed'), { once: true });
}

export function setMeter(fill, ratio) {
    // CSSOM writes are allowed under style-src 'self'; only style attributes in markup are not.
    fill.style.width = `${Math.round((ratio ?? 0) * 1000) / 10}%`;
    // Presentation cue only, not an alerting rule: alerts come from the server.
    fill.closest('.meter').dataset.level = ratio === null ? 'none' : ratio < 0.75 ? 'bad' : ratio < 0.9 ? 'warn' : 'ok';
}
