// Copy and share for the invite page. Each returns a status string; the page shows its own message for each.
export function canShare() {
    return typeof navigator.share === "function";
}

export async function copy(text) {
    try {
        if (navigator.clipboard && window.isSecureContext) {
            await navigator.clipboard.writeText(text);
            return "copied";
        }
    } catch {
        // Permission refused: fall through to the selection fallback.
    }
    // Plain http or an old browser: copy through a hidden text area.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch { ok = false; }
    area.remove();
    return ok ? "copied" : "failed";
}

export async function share(title, text, url) {
    if (!canShare()) return "unsupported";
    try {
        await navigator.share({ title, text, url });
        return "shared";
    } catch (e) {
        return e && e.name === "AbortError" ? "cancelled" : "failed";
    }
}
