// Plane geometry for cutting the wall's map: clipping against convex windows, simplifying, Voronoi cells.
// Coordinates are [x, y] pairs; callers project lon/lat first so that distances are not stretched by latitude.

/** Sutherland–Hodgman: the part of `ring` inside the convex, counter-clockwise `window`. A concave ring that leaves
 *  and re-enters the window comes back as one ring joined by zero-width edges along the window's border: harmless
 *  for a fill, and on the wall those edges lie on a district border or the map frame anyway. */
export function clipRing(ring, window) {
    let output = ring;
    for (let i = 0; i < window.length && output.length > 0; i++) {
        const a = window[i];
        const b = window[(i + 1) % window.length];
        const input = output;
        output = [];
        for (let j = 0; j < input.length; j++) {
            const current = input[j];
            const previous = input[(j + input.length - 1) % input.length];
            const currentIn = isLeft(a, b, current);
            const previousIn = isLeft(a, b, previous);
            if (currentIn) {
                if (!previousIn) output.push(intersection(previous, current, a, b));
                output.push(current);
            } else if (previousIn) {
                output.push(intersection(previous, current, a, b));
            }
        }
    }
    return output;
}

const isLeft = (a, b, p) => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0;

function intersection(p, q, a, b) {
    const [dx, dy] = [q[0] - p[0], q[1] - p[1]];
    const [ex, ey] = [b[0] - a[0], b[1] - a[1]];
    const t = (ex * (p[1] - a[1]) - ey * (p[0] - a[0])) / (ey * dx - ex * dy);
    return [p[0] + t * dx, p[1] + t * dy];
}

export function area(ring) {
    let sum = 0;
    for (let i = 0; i < ring.length; i++) {
        const [p, q] = [ring[i], ring[(i + 1) % ring.length]];
        sum += p[0] * q[1] - q[0] * p[1];
    }
    return sum / 2;
}

/** Douglas–Peucker on an open polyline; closed rings are simplified as a polyline from their first point. */
export function simplify(points, tolerance) {
    if (points.length < 3) return points;
    const keep = new Uint8Array(points.length);
    keep[0] = keep[points.length - 1] = 1;
    const stack = [[0, points.length - 1]];
    while (stack.length > 0) {
        const [first, last] = stack.pop();
        let farthest = -1;
        let farthestDistance = tolerance;
        for (let i = first + 1; i < last; i++) {
            const d = distanceToSegment(points[i], points[first], points[last]);
            if (d > farthestDistance) [farthest, farthestDistance] = [i, d];
        }
        if (farthest >= 0) {
            keep[farthest] = 1;
            stack.push([first, farthest], [farthest, last]);
        }
    }
    return points.filter((_, i) => keep[i]);
}

function distanceToSegment(p, a, b) {
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const length2 = dx * dx + dy * dy;
    const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
    return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** The Voronoi cell of `sites[index]` inside the convex `box`: the box cut by the half-plane nearer to that site
 *  than to each other site. */
export function voronoiCell(sites, index, box) {
    const site = sites[index];
    let cell = box;
    sites.forEach((other, j) => {
        if (j === index) return;
        const middle = [(site[0] + other[0]) / 2, (site[1] + other[1]) / 2];
        // A direction along the bisector, chosen so that the site lies on its left (clipRing keeps the left side).
        const along = [-(other[1] - site[1]), other[0] - site[0]];
        const far = 1e3;
        const a = [middle[0] - along[0] * far, middle[1] - along[1] * far];
        const b = [middle[0] + along[0] * far, middle[1] + along[1] * far];
        const c = [b[0] + (site[0] - other[0]) * far, b[1] + (site[1] - other[1]) * far];
        const d = [a[0] + (site[0] - other[0]) * far, a[1] + (site[1] - other[1]) * far];
        const halfPlane = area([a, b, c, d]) > 0 ? [a, b, c, d] : [d, c, b, a];
        cell = clipRing(cell, halfPlane);
    });
    return cell;
}
