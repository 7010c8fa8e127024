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
    if (el.classList.contains('is-changed')) {
        // Restart the running flash in place. Re-adding the class would need a forced layout to restart it, and at ten
        // frames a second that costs more than the paint itself.
        for (const animation of el.getAnimations()) animation.currentTime = 0;
        return;
    }
    // The same function each time, so the listeners are never added twice however often a value flashes.
    el.addEventListener('animationend', endFlash);
    el.addEventListener('animationcancel', endFlash);
    el.classList.add('is-changed');
}

/** Removed afterwards (or when a row moved between tables cancels it), or a re-inserted row would replay an old flash. */
function endFlash(event) {
    event.currentTarget.classList.remove('is-changed');
}

export function setMeter(fill, ratio) {
    // CSSOM writes are allowed under style-src 'self'; only style attributes in markup are not.
    fill.style.width = `${Math.round((ratio ?? 0) * 1000) / 10}%`;
    // Presentation cue only, not an alerting rule: alerts come from the server.
    fill.closest('.meter').dataset.level = ratio === null ? 'none' : ratio < 0.75 ? 'bad' : ratio < 0.9 ? 'warn' : 'ok';
}
