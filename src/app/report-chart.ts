/**
 * The weekly report's chart as a PNG: ECharts renders SVG on the server (no DOM, no canvas), and
 * resvg rasterises it with Debian's Noto CJK font (fonts-noto-cjk), so Chinese labels are drawn
 * rather than dropped. Both are kept libraries from npm; resvg's binary ships inside its npm
 * optional package.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { UserError } from '../core/errors.ts';
import { CATEGORY_LABELS, SUBTYPE_LABELS } from '../adapters/shared/labels.ts';
import type { WeeklyReport } from '../core/report/weekly-report.ts';
import type { Lang } from '../core/types.ts';

/** Where Debian's fonts-noto-cjk puts its fonts; the first one found is used. */
export const CJK_FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf',
  '/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc',
];
const FONT_FAMILY = 'Noto Sans CJK SC';

export interface ChartOptions {
  lang: Lang;
  width?: number;
  height?: number;
  /** Font files to draw with (default: the first of CJK_FONT_FILES that exists). */
  fontFiles?: string[];
}

/** The CJK font file found on this machine, or undefined. */
export function findCjkFont(): string | undefined {
  return CJK_FONT_FILES.find((f) => existsSync(f));
}

const TEXT = {
  zh: { title: (w: string) => `每周售后案件 ${w}`, cases: '案件数', offered: '草稿提出金额', released: '实际发放金额', summary: (r: WeeklyReport) => `共 ${r.cases} 件 · 批准率 ${pct(r.decisions.approvalRate)} · 驳回率 ${pct(r.decisions.rejectionRate)} · 平均编辑距离 ${r.edits.meanDistance ?? '—'} · 决定中位时间 ${r.timeToDecisionMinutes.median ?? '—'} 分钟` },
  en: { title: (w: string) => `After-sales cases, week ${w}`, cases: 'cases', offered: 'offered in drafts', released: 'released', summary: (r: WeeklyReport) => `${r.cases} cases · approved ${pct(r.decisions.approvalRate)} · rejected ${pct(r.decisions.rejectionRate)} · mean edit distance ${r.edits.meanDistance ?? '—'} · median time to decision ${r.timeToDecisionMinutes.median ?? '—'} min` },
};

function pct(x: number | null): string {
  return x === null ? '—' : `${Math.round(x * 100)}%`;
}

/** The chart as SVG text: cases by subtype (bars), and the summary line under the title. */
export function renderReportSvg(r: WeeklyReport, o: ChartOptions): string {
  const width = o.width ?? 960;
  const height = o.height ?? 540;
  const t = TEXT[o.lang];
  const rows = [...r.bySubtype].reverse();
  const name = (s: WeeklyReport['bySubtype'][number]) => (s.subtype ? SUBTYPE_LABELS[s.subtype][o.lang] : CATEGORY_LABELS[s.category][o.lang]);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT_FAMILY },
    title: { text: t.title(r.week), subtext: t.summary(r), left: 'center', textStyle: { fontFamily: FONT_FAMILY }, subtextStyle: { fontFamily: FONT_FAMILY } },
    grid: { left: 160, right: 60, top: 90, bottom: 40 },
    xAxis: { type: 'value', name: t.cases, minInterval: 1 },
    yAxis: { type: 'category', data: rows.map(name), axisLabel: { fontFamily: FONT_FAMILY, fontSize: 14 } },
    series: [{ type: 'bar', data: rows.map((s) => s.count), label: { show: true, position: 'right' }, itemStyle: { color: '#3b6fd8' } }],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** Rasterises chart SVG to PNG with `fontFiles` only (no system fonts: what is drawn is what the test checks). */
export function rasteriseSvg(svg: string, fontFiles: string[]): Buffer {
  const resvg = new Resvg(svg, { background: '#ffffff', font: { loadSystemFonts: false, fontFiles, defaultFontFamily: FONT_FAMILY } });
  return resvg.render().asPng();
}

/** The chart as PNG bytes. Throws when no CJK font is installed and none was given. */
export function renderReportPng(r: WeeklyReport, o: ChartOptions): Buffer {
  const font = o.fontFiles ?? [findCjkFont()].filter((f): f is string => Boolean(f));
  if (!font.length) throw new UserError('config_invalid', 'no CJK font for the chart: install fonts-noto-cjk (apt-get install -y fonts-noto-cjk)');
  return rasteriseSvg(renderReportSvg(r, o), font);
}
