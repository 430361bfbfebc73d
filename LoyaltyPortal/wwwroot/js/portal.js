// Small browser helpers the interactive app calls through JS interop.
window.loyaltyPortal = {
    markInteractive: function () {
        document.body.dataset.interactive = "true";
    },
    rememberTheme: function (mode) {
        document.cookie = "lp-theme=" + (mode === "dark" ? "dark" : "light") + "; path=/; max-age=31536000; samesite=lax";
        document.querySelector('meta[name="color-scheme"]')?.setAttribute("content", mode === "dark" ? "dark" : "light");
    }
};
