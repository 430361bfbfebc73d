// LoyaltyPortal's service worker. It does two things: it shows offline.html when a page can't be reached, and it keeps the
// member's last pass (/me/pass) so it still opens at a counter with no signal. Nothing else personal is stored: no other
// page, no JSON, nothing of staff or managers. Static files (CSS, scripts, icons) are kept so those two pages look right.
const SHELL_CACHE = "lp-shell-v1";
// Whose pass this is changes with who signs in, so it lives in its own cache that signing in or out deletes.
const PASS_CACHE = "lp-pass";
const PASS_PATH = "/me/pass";
const OFFLINE_PATH = "/offline.html";

const STATIC_PATH = /^\/(?:(?:_framework|_content|theme|js|lib|icons)\/|(?:app|LoyaltyPortal\.styles)(?:\.[\w-]+)?\.css$|favicon\.png$|manifest\.webmanifest$|offline\.html$)/;
const SIGN_IN_OR_OUT = /^\/account\/(?:login|logout|loginwith2fa|loginwithrecoverycode|externallogin)\b/i;

self.addEventListener("install", event => {
    event.waitUntil(caches.open(SHELL_CACHE).then(cache => cache.addAll([OFFLINE_PATH])).then(() => self.skipWaiting()));
});

self.addEventListener("activate", event => {
    event.waitUntil((async () => {
        const names = await caches.keys();
        await Promise.all(names.filter(n => n.startsWith("lp-shell-") && n !== SHELL_CACHE).map(n => caches.delete(n)));
        await self.clients.claim();
    })());
});

// The pass page asks for its copy to be saved once it shows (it may have been reached by in-app navigation, which
// fetches nothing), and the page's script asks for it to be forgotten when someone signs out.
self.addEventListener("message", event => {
    if (event.data === "save-pass") event.waitUntil(fetch(PASS_PATH, { credentials: "same-origin" }).then(savePass, () => {}));
    if (event.data === "forget-pass") event.waitUntil(caches.delete(PASS_CACHE));
});

self.addEventListener("fetch", event => {
    const request = event.request;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;

    if (SIGN_IN_OR_OUT.test(url.pathname) && request.method === "POST") {
        // Someone signs in or out: the saved pass must not outlive the account it belongs to.
        event.waitUntil(caches.delete(PASS_CACHE));
        return;
    }
    if (request.method !== "GET") return;

    if (request.mode === "navigate") {
        event.respondWith(url.pathname === PASS_PATH ? passPage(request) : page(request));
    } else if (STATIC_PATH.test(url.pathname)) {
        event.respondWith(staticFile(request));
    }
});

async function page(request) {
    try {
        return await fetch(request);
    } catch {
        return (await caches.match(OFFLINE_PATH)) ?? Response.error();
    }
}

async function passPage(request) {
    let response;
    try {
        response = await fetch(request);
    } catch {
        const saved = await (await caches.open(PASS_CACHE)).match(PASS_PATH);
        return saved ? offlineCopy(saved) : ((await caches.match(OFFLINE_PATH)) ?? Response.error());
    }
    await savePass(response.clone());
    return response;
}

// Only a pass page that came back as itself is kept; a redirect (to sign in) means nobody's pass should be shown here.
async function savePass(response) {
    const isPass = response.ok && response.type === "basic" && !response.redirected && new URL(response.url).pathname === PASS_PATH;
    if (!isPass) {
        await caches.delete(PASS_CACHE);
        return;
    }
    const html = await response.text();
    const cache = await caches.open(PASS_CACHE);
    await cache.put(PASS_PATH, new Response(html, {
        headers: { "Content-Type": "text/html; charset=utf-8", "X-Saved-At": new Date().toISOString() },
    }));
}

// The saved page without Blazor's script (no server to connect to, so no reconnecting overlay), the parts that need the
// server hidden, and a note saying what this is.
async function offlineCopy(saved) {
    const savedAt = new Date(saved.headers.get("X-Saved-At") ?? Date.now());
    const when = savedAt.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    const note = `<div class="pass-offline-note mud-alert mud-alert-text-info mb-4" role="status"><div class="mud-alert-message">`
        + `You're offline. This is your pass as saved on ${when}. If the QR code no longer scans, staff can type your member code.`
        + `</div></div>`;
    const html = (await saved.text())
        .replace(/<script[^>]*_framework\/blazor\.web[^>]*><\/script>/i, "")
        .replace("</head>", "<style>.pass-online-only{display:none!important}</style></head>")
        .replace(/<div class="my-pass"[^>]*>/, start => start + note);
    return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// Network first, so a new build's files are used as soon as they exist; the copy is for when there is no network.
async function staticFile(request) {
    const cache = await caches.open(SHELL_CACHE);
    try {
        const response = await fetch(request);
        if (response.ok && response.type === "basic") await cache.put(request, response.clone());
        return response;
    } catch {
        return (await cache.match(request, { ignoreSearch: request.url.includes("/theme/") })) ?? Response.error();
    }
}
