// Draws the Chart component's charts with Chart.js. Each chart is keyed by its component's id, so a chart can be
// updated in place and destroyed even after Blazor has removed its canvas from the page.
const charts = new Map();
let library;

// The UMD build sets globalThis.Chart when imported as a module; the import runs once per page, whoever asks first.
function loadChartJs() {
    library ??= import("../lib/chart.js/chart.umd.min.js").then(() => globalThis.Chart);
    return library;
}

const numberFormats = {
    integer: { maximumFractionDigits: 0 },
    decimal: { maximumFractionDigits: 2 },
    percent: { style: "percent", maximumFractionDigits: 1 },
    currency: { style: "currency", currency: "GBP" },
};

// The reader's culture ("de-DE": 1.234,5), sent with each chart; amounts stay in the programme's currency.
function formatter(format, locale) {
    const intl = new Intl.NumberFormat(locale || "en-GB", numberFormats[format] ?? numberFormats.integer);
    return value => intl.format(value);
}

function dataOf(config) {
    const colour = i => config.palette[i % config.palette.length];
    if (config.kind === "scatter") {
        return {
            datasets: config.points.map((series, i) => ({
                label: series.label,
                data: series.points.map(p => ({ x: p.x, y: p.y, label: p.label })),
                backgroundColor: colour(i), borderColor: colour(i), pointRadius: 4,
                // Points on an axis that starts at zero are drawn whole, not cut in half by the plot's edge.
                clip: false,
            })),
        };
    }
    if (config.kind === "doughnut") {
        return {
            labels: config.labels,
            datasets: config.series.map(series => ({
                label: series.label, data: series.values,
                backgroundColor: config.labels.map((_, i) => colour(i)),
                borderColor: config.theme.surface, borderWidth: 2,
            })),
        };
    }
    const line = config.kind === "line";
    return {
        labels: config.labels,
        datasets: config.series.map((series, i) => ({
            label: series.label, data: series.values,
            backgroundColor: colour(i), borderColor: line ? colour(i) : config.theme.surface,
            borderWidth: line ? 2 : { top: 1 }, pointRadius: line ? 3 : undefined, tension: 0.2,
        })),
    };
}

function axis(config, title, numeric, formatName, min) {
    const stacked = config.stacked && config.kind !== "scatter";
    const format = formatter(formatName, config.locale);
    return {
        stacked,
        beginAtZero: numeric && config.kind !== "scatter",
        // A set minimum (such as zero for amounts and counts) wins over the scatter's padding below the lowest value.
        min: min ?? undefined,
        grace: config.kind === "scatter" ? "5%" : 0,
        title: { display: !!title, text: title ?? "", color: config.theme.text },
        ticks: numeric
            ? { color: config.theme.mutedText, callback: value => format(value), precision: formatName === "integer" ? 0 : undefined }
            : { color: config.theme.mutedText },
        grid: { color: config.theme.grid },
        border: { color: config.theme.grid },
    };
}

function optionsOf(config) {
    const format = formatter(config.format, config.locale);
    const formatX = formatter(config.xFormat, config.locale);
    const theme = config.theme;
    const seriesCount = config.kind === "scatter" ? config.points.length : config.series.length;
    const options = {
        responsive: true,
        maintainAspectRatio: false,
        locale: config.locale || "en-GB",
        animation: { duration: 250 },
        color: theme.text,
        interaction: { mode: config.kind === "scatter" ? "nearest" : "index", intersect: false },
        plugins: {
            // One series needs no key: the chart's title names it.
            legend: { display: config.kind === "doughnut" || seriesCount > 1, labels: { color: theme.text, usePointStyle: true, boxWidth: 10, pointStyle: config.kind === "bar" ? "rectRounded" : "circle" } },
            tooltip: {
                callbacks: {
                    label: ctx => {
                        const raw = ctx.raw;
                        if (config.kind === "scatter") {
                            const name = raw.label ? `${raw.label}: ` : `${ctx.dataset.label}: `;
                            return `${name}${formatX(raw.x)}, ${format(raw.y)}`;
                        }
                        return `${config.kind === "doughnut" ? ctx.label : ctx.dataset.label}: ${format(raw)}`;
                    },
                },
            },
        },
    };
    if (config.kind === "doughnut") return options;

    options.scales = {
        x: axis(config, config.xAxisTitle, config.kind === "scatter", config.xFormat, config.xMin),
        y: axis(config, config.yAxisTitle, true, config.format, config.yMin),
    };
    return options;
}

export async function create(id, canvas, config) {
    const pending = loadChartJs().then(Chart =>
        new Chart(canvas, { type: config.kind, data: dataOf(config), options: optionsOf(config) }));
    const previous = charts.get(id);
    charts.set(id, pending);
    (await previous)?.destroy();
    await pending;
}

// New data and colours replace the old on the same chart, which animates between them.
export async function update(id, config) {
    const chart = await charts.get(id);
    if (!chart) return;
    chart.data = dataOf(config);
    chart.options = optionsOf(config);
    chart.update();
}

export async function destroy(id) {
    const pending = charts.get(id);
    charts.delete(id);
    (await pending)?.destroy();
}

export function downloadCsv(fileName, text) {
    // The byte-order mark makes spreadsheet programs read the file as UTF-8.
    const url = URL.createObjectURL(new Blob(["\uFEFF", text], { type: "text/csv;charset=utf-8" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
}
