/**
 * The fleet part's plot: time against N, one panel per engine operation, one line per kind (the
 * kinds measured at one size only are dots). Plain SVG text, so it needs no plotting library and
 * diffs readably.
 */
import type { FleetKind } from "./lib/stacks";
import { FLEET_OPS, type FleetResult } from "./fleet";
import { KIND_LABELS } from "./fleet-report";

const COLORS: Record<FleetKind, string> = {
  exoscale: "#d62728",
  noop: "#1f77b4",
  "noop-shaped": "#2ca02c",
  "noop-empty": "#7f7f7f",
  scaleway: "#9467bd",
  compute: "#ff7f0e",
};
const PANEL = { width: 330, height: 240, left: 52, right: 12, top: 28, bottom: 40 };

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Round axis maximum and tick step for values up to `max`. */
function axis(max: number): { top: number; step: number } {
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  return { top: Math.max(step, Math.ceil(max / step) * step), step };
}

function panel(result: FleetResult, op: (typeof FLEET_OPS)[number], x0: number): string[] {
  const rows = result.rows.filter((r) => r.op === op);
  const maxN = Math.max(...rows.map((r) => r.n));
  const y = axis(Math.max(...rows.map((r) => r.ms)) / 1000);
  const xAxis = axis(maxN);
  const plotW = PANEL.width - PANEL.left - PANEL.right;
  const plotH = PANEL.height - PANEL.top - PANEL.bottom;
  const px = (n: number) => x0 + PANEL.left + (n / xAxis.top) * plotW;
  const py = (seconds: number) => PANEL.top + plotH - (seconds / y.top) * plotH;
  const out = [`<text x="${x0 + PANEL.width / 2}" y="16" text-anchor="middle" font-weight="bold">${op}</text>`];
  for (let v = 0; v <= y.top + 1e-9; v += y.step) {
    out.push(
      `<line x1="${px(0)}" y1="${py(v)}" x2="${px(xAxis.top)}" y2="${py(v)}" stroke="#ddd"/>`,
      `<text x="${px(0) - 4}" y="${py(v) + 4}" text-anchor="end">${+v.toFixed(2)}</text>`,
    );
  }
  for (let v = 0; v <= xAxis.top + 1e-9; v += xAxis.step)
    out.push(`<text x="${px(v)}" y="${py(0) + 16}" text-anchor="middle">${v}</text>`);
  out.push(
    `<line x1="${px(0)}" y1="${py(0)}" x2="${px(xAxis.top)}" y2="${py(0)}" stroke="#333"/>`,
    `<line x1="${px(0)}" y1="${py(0)}" x2="${px(0)}" y2="${py(y.top)}" stroke="#333"/>`,
    `<text x="${px(xAxis.top / 2)}" y="${PANEL.height - 6}" text-anchor="middle">N</text>`,
    `<text x="${x0 + 12}" y="${PANEL.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 ${x0 + 12} ${PANEL.top + plotH / 2})">seconds</text>`,
  );
  for (const kind of Object.keys(COLORS) as FleetKind[]) {
    const points = rows.filter((r) => r.kind === kind).sort((a, b) => a.n - b.n);
    if (points.length > 1)
      out.push(
        `<polyline fill="none" stroke="${COLORS[kind]}" stroke-width="2" points="${points.map((p) => `${px(p.n).toFixed(1)},${py(p.ms / 1000).toFixed(1)}`).join(" ")}"/>`,
      );
    for (const p of points)
      out.push(
        `<circle cx="${px(p.n).toFixed(1)}" cy="${py(p.ms / 1000).toFixed(1)}" r="3" fill="${COLORS[kind]}"><title>${escape(`${KIND_LABELS[kind]}, N=${p.n}: ${p.ms} ms`)}</title></circle>`,
      );
  }
  return out;
}

/** The whole SVG document. */
export function fleetSvg(result: FleetResult, caption: string): string {
  const kinds = (Object.keys(COLORS) as FleetKind[]).filter((kind) => result.rows.some((r) => r.kind === kind));
  const width = PANEL.width * FLEET_OPS.length;
  const height = PANEL.height + 40;
  const body = FLEET_OPS.flatMap((op, i) => panel(result, op, i * PANEL.width));
  const legend = kinds.map(
    (kind, i) =>
      `<rect x="${10 + i * 190}" y="${PANEL.height + 8}" width="12" height="12" fill="${COLORS[kind]}"/><text x="${26 + i * 190}" y="${PANEL.height + 18}">${escape(KIND_LABELS[kind])}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${escape(caption)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...body,
    ...legend,
    `<text x="${width - 8}" y="${height - 6}" text-anchor="end" fill="#666">${escape(caption)}</text>`,
    "</svg>",
    "",
  ].join("\n");
}
