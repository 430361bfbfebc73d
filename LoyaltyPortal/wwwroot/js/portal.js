// Small browser helpers the interactive app calls through JS interop.
window.loyaltyPortal = {
    markInteractive: function () {
        document.body.dataset.interactive = "true";
    },
    // A dialog's focus trap settles focus a frame or two after it renders; focus the field once it has.
    focusAfterOpen: function (id) {
        let tries = 0;
        const attempt = () => {
            const el = document.getElementById(id);
            if (el && document.activeElement !== el) el.focus();
            if (++tries < 10 && document.activeElement !== el) setTimeout(attempt, 50);
        };
        requestAnimationFrame(() => requestAnimationFrame(attempt));
    },
    clearInput: function (input) {
        if (input) input.value = "";
    },
    rememberTheme: function (mode) {
        document.cookie = "lp-theme=" + (mode === "dark" ? "dark" : "light") + "; path=/; max-age=31536000; samesite=lax";
        document.querySelector('meta[name="color-scheme"]')?.setAttribute("content", mode === "dark" ? "dark" : "light");
        // The theme is a static stylesheet per mode (ThemeStylesheets): switching swaps the link, nothing re-renders.
        const link = document.getElementById("portal-theme");
        if (link) link.href = link.href.replace(/(light|dark)\.css/, mode === "dark" ? "dark.css" : "light.css");
    },
    // My pass asks the service worker to keep the page as shown, so it opens at a counter with no signal.
    savePassForOffline: async function () {
        if (!("serviceWorker" in navigator)) return;
        const registration = await navigator.serviceWorker.ready;
        registration.active?.postMessage("save-pass");
    }
};

// The installable app's service worker (wwwroot/sw.js): an offline page, and My pass kept for when there's no signal.
if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
    // Signing out forgets the saved pass here too, in case the worker isn't in control of this page yet.
    document.addEventListener("submit", event => {
        const action = event.target instanceof HTMLFormElement ? event.target.getAttribute("action") ?? "" : "";
        if (/(^|\/)Account\/Logout$/i.test(action)) {
            window.caches?.delete("lp-pass");
            navigator.serviceWorker.controller?.postMessage("forget-pass");
        }
    }, true);
}

// A page out of sight for a minute (a phone in a pocket, a tab in the background) pauses its circuit: the server keeps
// only the page's persisted state and frees the rest. Shown again, it resumes where it was, without a reload.
(function () {
    const pauseAfterMs = 60000;
    let pauseTimer = 0;
    let paused = false;
    document.addEventListener("visibilitychange", async () => {
        if (!window.Blazor || !Blazor.pauseCircuit || !document.body.dataset.interactive) return;
        if (document.visibilityState === "hidden") {
            clearTimeout(pauseTimer);
            pauseTimer = setTimeout(async () => { paused = await Blazor.pauseCircuit().catch(() => false); }, pauseAfterMs);
        } else {
            clearTimeout(pauseTimer);
            if (paused) {
                paused = false;
                if (!await Blazor.resumeCircuit().catch(() => false)) location.reload();
            }
        }
    });
})();
