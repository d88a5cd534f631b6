/**
 * Charts as plain SVG (no chart library in the bundle): each is a <figure> with a caption, an SVG with
 * role="img", a title and a one-line summary for screen readers, and the same numbers as a table
 * under a disclosure, so no figure exists only as a picture.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";

export interface BarSeries {
  /** What the series is ("median", a department…), shown in the legend. */
  label: string;
  /** CSS colour class suffix (chart__bar--0 … --7). */
  tone: number;
}

export interface BarGroup {
  label: string;
  /** One value per series (same order); null when there is none. */
  values: (number | null)[];
}

export interface BarChartProps {
  title: string;
  summary: string;
  series: BarSeries[];
  groups: BarGroup[];
  /** How a value reads (axis ticks, table cells). */
  format: (value: number) => string;
  /** The table's first column header. */
  groupHeader: string;
  /** Stack the series in one bar per group (totals) instead of side by side. */
  stacked?: boolean;
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 48, left: 84 };
/** Half-width characters per pixel of an 11px label (measured roughly on the system fonts). */
const CHARS_PER_PX = 1 / 6.2;

/** Width of a text in "half-width" units: a CJK character counts two. */
const textWidth = (text: string) => [...text].reduce((w, c) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);

/**
 * A tick label in at most two lines of `width` half-width units: broken at spaces (or an explicit
 * newline), else between characters for CJK, and cut with "…" beyond that (the table has it whole).
 */
export function wrapLabel(label: string, width: number): string[] {
  const lines: string[] = [];
  for (const part of label.split("\n")) {
    let line = "";
    const words = /\s/.test(part) ? part.split(/\s+/) : [...part];
    const joiner = /\s/.test(part) ? " " : "";
    for (const word of words) {
      const next = line === "" ? word : `${line}${joiner}${word}`;
      if (textWidth(next) <= width || line === "") line = next;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  if (lines.length <= 2) return lines;
  const second = lines[1];
  return [lines[0], `${[...second].slice(0, Math.max(1, [...second].length - 1)).join("")}…`];
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

export function BarChart({ title, summary, series, groups, format, groupHeader, stacked = false }: BarChartProps) {
  const { t } = useTranslation();
  const id = useId();
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const totals = groups.map((g) => (stacked ? g.values.reduce<number>((s, v) => s + (v ?? 0), 0) : Math.max(0, ...g.values.map((v) => v ?? 0))));
  const max = niceMax(Math.max(0, ...totals));
  const y = (value: number) => MARGIN.top + plotHeight - (value / max) * plotHeight;
  const band = plotWidth / Math.max(groups.length, 1);
  // Bars stay slim when there are few groups, so one month does not fill the plot.
  const barWidth = Math.min(stacked ? band * 0.6 : (band * 0.75) / Math.max(series.length, 1), 48);
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1].map((f) => f * max);
  const labelWidth = Math.max(4, Math.floor(band * CHARS_PER_PX));

  return (
    <figure className="chart">
      <figcaption className="chart__title">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart__svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {ticks.map((tick) => (
          <g key={tick} aria-hidden="true">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} className="chart__grid" />
            <text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end" className="chart__tick">
              {tick === 0 ? "0" : format(tick)}
            </text>
          </g>
        ))}
        {groups.map((group, g) => {
          const x0 = MARGIN.left + g * band + (band - (stacked ? barWidth : barWidth * series.length)) / 2;
          let stackedTop = 0;
          return (
            <g key={group.label} aria-hidden="true">
              {group.values.map((value, s) => {
                if (value === null || value <= 0) return null;
                const bottom = stacked ? stackedTop : 0;
                if (stacked) stackedTop += value;
                const x = stacked ? x0 : x0 + s * barWidth;
                return <rect key={s} x={x} width={Math.max(barWidth - 1, 1)} y={y(bottom + value)} height={y(bottom) - y(bottom + value)} className={`chart__bar chart__bar--${series[s].tone % 8}`} />;
              })}
              <text x={MARGIN.left + g * band + band / 2} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" className="chart__label">
                {wrapLabel(group.label, labelWidth).map((line, index) => (
                  <tspan key={index} x={MARGIN.left + g * band + band / 2} dy={index === 0 ? 0 : 13}>
                    {line}
                  </tspan>
                ))}
              </text>
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <ul className="chart__legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.label}>
              <span className={`chart__swatch chart__bar--${s.tone % 8}`} />
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <details className="chart__table">
        <summary>{t("portal.chart.showTable")}</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{groupHeader}</th>
                {series.map((s) => (
                  <th scope="col" key={s.label} className="numeric">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.label}>
                  <th scope="row">{group.label.replace("\n", " ")}</th>
                  {group.values.map((value, s) => (
                    <td key={s} className="numeric tabular">
                      {value === null ? "—" : format(value)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
