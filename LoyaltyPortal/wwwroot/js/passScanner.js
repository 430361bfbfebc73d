// Camera scanning of member passes at the counter, with the browser's own BarcodeDetector (Chromium) or, where there is
// none (Safari on iPad), the barcode-detector package's ZXing stand-in, loaded only then and entirely from wwwroot/lib.
// One scan per session: the first QR code seen is handed to .NET and the camera stops.
const sessions = new Map();
let standIn = null;

export async function isSupported() {
    if (!navigator.mediaDevices?.getUserMedia) return false;
    try {
        return !!await detectorClass();
    } catch {
        return false; // the stand-in failed to load: no camera button, the search box still works
    }
}

// The browser's own detector when it has one; otherwise the stand-in, pointed at our copy of ZXing's reader, not a CDN.
async function detectorClass() {
    if ('BarcodeDetector' in window) return window.BarcodeDetector;
    standIn ??= import('../lib/barcode-detector/ponyfill.js').then(module => {
        const wasm = new URL('../lib/zxing-wasm/zxing_reader.wasm', import.meta.url).href;
        module.setZXingModuleOverrides({ locateFile: (path, prefix) => path.endsWith('.wasm') ? wasm : prefix + path });
        return module.BarcodeDetector;
    });
    try {
        return await standIn;
    } catch (error) {
        standIn = null; // let a later call try again
        throw error;
    }
}

// Resolves "started", "stopped" (closed meanwhile), "denied" (permission refused), "no-camera" or "failed"; never rejects.
export async function start(id, dotnet) {
    stop(id);
    const session = { stream: null, video: null, stopped: false, timer: 0 };
    sessions.set(id, session);
    // Found by id, waiting a few frames: the overlay holding it may not be on screen yet.
    const video = session.video = await findVideo(id + '-video');
    if (session.stopped) return 'stopped';
    if (!video) { stop(id); return 'failed'; }
    let detector;
    try {
        const Detector = await detectorClass();
        const formats = await Detector.getSupportedFormats();
        if (!formats.includes('qr_code')) { stop(id); return 'failed'; }
        detector = new Detector({ formats: ['qr_code'] });
        session.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (error) {
        const closed = session.stopped;
        stop(id);
        if (closed) return 'stopped';
        if (error?.name === 'NotAllowedError' || error?.name === 'SecurityError') return 'denied';
        if (error?.name === 'NotFoundError' || error?.name === 'OverconstrainedError' || error?.name === 'NotReadableError') return 'no-camera';
        return 'failed';
    }
    // Closed while the permission prompt was open: release the camera at once.
    if (session.stopped) { release(session); return 'stopped'; }
    video.srcObject = session.stream;
    try { await video.play(); } catch { /* muted inline video plays without a gesture; a failure shows as a black frame */ }

    const look = async () => {
        if (session.stopped) return;
        try {
            const codes = video.readyState >= 2 ? await detector.detect(video) : [];
            const text = codes.find(c => c.rawValue)?.rawValue;
            if (text && !session.stopped) {
                stop(id);
                await dotnet.invokeMethodAsync('OnCodeDetected', text);
                return;
            }
        } catch { /* a frame that cannot be read yet; try the next one */ }
        session.timer = setTimeout(look, 150);
    };
    look();
    return 'started';
}

export function stop(id) {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    session.stopped = true;
    release(session);
}

async function findVideo(elementId) {
    for (let tries = 0; tries < 20; tries++) {
        const video = document.getElementById(elementId);
        if (video) return video;
        await new Promise(resolve => requestAnimationFrame(resolve));
    }
    return null;
}

function release(session) {
    clearTimeout(session.timer);
    session.stream?.getTracks().forEach(track => track.stop());
    if (session.video && session.video.srcObject === session.stream) session.video.srcObject = null;
}
