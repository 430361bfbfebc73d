// Camera scanning of member passes at the counter, with the browser's own BarcodeDetector (Chromium).
// One scan per session: the first QR code seen is handed to .NET and the camera stops.
const sessions = new Map();

export function isSupported() {
    return 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;
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
        const formats = await BarcodeDetector.getSupportedFormats();
        if (!formats.includes('qr_code')) { stop(id); return 'failed'; }
        detector = new BarcodeDetector({ formats: ['qr_code'] });
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
