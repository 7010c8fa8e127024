// The landing page after sign-in: each role sees the screens it may open. Leaders land on their dashboard and wall kiosks
// on the wall, so nobody has to click through a page of links to reach the screen they came for.
const ONLY_SCREEN = { leader: '/leaders', wall: '/wall' };

async function whoAmI() {
    const response = await fetch('/api/auth/me', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
}

try {
    const { role } = await whoAmI();
    if (ONLY_SCREEN[role]) {
        location.replace(ONLY_SCREEN[role]);
    } else {
        for (const item of document.querySelectorAll('[data-roles]'))
            item.hidden = !item.dataset.roles.split(' ').includes(role);
        document.body.dataset.role = role;
    }
} catch {
    // Leave the page as served: the wall link works for every person.
}
