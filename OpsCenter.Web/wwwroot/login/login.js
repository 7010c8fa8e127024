// Language of the login page: ?lang= wins, then the last choice on this machine (shared with the wall), then
// Vietnamese. Both languages are already in the HTML; this only flips <html lang>.
const SUPPORTED = ['vi', 'en'];
const STORAGE_KEY = 'opscenter.lang';

function stored() {
    try {
        return localStorage.getItem(STORAGE_KEY);
    } catch {
        return null; // kiosk policies may disable storage
    }
}

function apply(lang) {
    document.documentElement.lang = lang;
    document.title = lang === 'en' ? 'Sign in — OpsCenter Hai Phong' : 'Đăng nhập — OpsCenter Hải Phòng';
}

const fromUrl = new URLSearchParams(location.search).get('lang');
let lang = SUPPORTED.includes(fromUrl) ? fromUrl : SUPPORTED.includes(stored()) ? stored() : 'vi';
apply(lang);

document.querySelector('[data-testid=lang-toggle]').addEventListener('click', () => {
    lang = lang === 'vi' ? 'en' : 'vi';
    apply(lang);
    try {
        localStorage.setItem(STORAGE_KEY, lang);
    } catch {
        // the toggle still works for this page view
    }
});
