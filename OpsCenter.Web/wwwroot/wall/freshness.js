// The freshness indicator: how old the newest data on screen is, measured end to end. The Server says when the newest
// stored reading reached it (fresh.newestAt) and when it built the frame (at), both on its clock; the wall adds how long
// ago the frame arrived, on its own clock. No comparison between the two clocks, so a skewed wall PC cannot fake it.
import { isNumber } from './values.js';

// Devices report every 30-60 s and a city has many, so the newest reading is normally seconds old: 15 s without any
// new reading is worth a look, a minute means the chain is broken somewhere.
export const WARN_AFTER_SECONDS = 15;
export const BAD_AFTER_SECONDS = 60;

/** Age in seconds of the newest data, or null when the Server has not said when that was. */
export function newestDataAgeSeconds(doc, frameAt, receivedAt, now) {
    const newestAt = doc?.['fresh.newestAt'];
    if (!isNumber(newestAt) || !isNumber(frameAt) || !isNumber(receivedAt)) return null;
    return Math.max(0, (frameAt - newestAt) + (now - receivedAt)) / 1000;
}

export const ageLevel = seconds =>
    seconds === null ? 'unknown' : seconds >= BAD_AFTER_SECONDS ? 'bad' : seconds >= WARN_AFTER_SECONDS ? 'warn' : 'ok';

/** The stale reasons (`ingest,broker`) as dictionary keys for words. */
export const reasonKeys = reasons => String(reasons ?? '').split(',').map(r => r.trim()).filter(Boolean).map(r => `freshness.reason.${r}`);
