// Copies the built front-end files the app serves from node_modules into LoyaltyPortal/wwwroot/lib.
// Run by the LoyaltyPortal build (see LoyaltyPortal.csproj, target BuildFrontEndAssets).
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "LoyaltyPortal", "wwwroot", "lib");

const assets = [
    { from: "node_modules/chart.js/dist/chart.umd.min.js", to: "chart.js/chart.umd.min.js" },
    { from: "node_modules/chart.js/LICENSE.md", to: "chart.js/LICENSE.md" },
    // The BarcodeDetector stand-in for browsers without one (Safari on iPad): an ES module and ZXing's reader, served
    // from here so counters scan offline (passScanner.js points the module at this wasm instead of a CDN).
    { from: "node_modules/barcode-detector/dist/es/ponyfill.js", to: "barcode-detector/ponyfill.js" },
    { from: "node_modules/barcode-detector/dist/es/zxing-exported.js", to: "barcode-detector/zxing-exported.js" },
    { from: "node_modules/barcode-detector/LICENSE", to: "barcode-detector/LICENSE" },
    { from: "node_modules/zxing-wasm/dist/reader/zxing_reader.wasm", to: "zxing-wasm/zxing_reader.wasm" },
    { from: "node_modules/zxing-wasm/LICENSE", to: "zxing-wasm/LICENSE" },
];

rmSync(target, { recursive: true, force: true });
for (const { from, to } of assets) {
    const source = join(here, from);
    if (!existsSync(source)) {
        console.error(`copy-assets: ${from} is missing; run 'npm ci' in wwwroot-assets first.`);
        process.exit(1);
    }
    const destination = join(target, to);
    mkdirSync(dirname(destination), { recursive: true });
    cpSync(source, destination);
}
console.log(`copy-assets: copied ${assets.length} files into ${target}`);
