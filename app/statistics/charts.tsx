import { scaleBand, scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { useId } from "react";
import { SUPPRESSED, type Protected } from "./suppression";

/**
 * Charts drawn on the server as SVG (d3-scale for the scales and ticks, d3-shape for the lines):
 * no JavaScript needed. Every chart sits beside a table with the same figures; series differ by
 * line style and marker shape, not only by colour, and use the text colour in forced-colours mode
 * and in print (app/styles/statistics.css).
 */

export type Series = { label: string; values: Protected[] };

const WIDTH = 640;
const MARGIN = { top: 16, right: 16, bottom: 56, left: 56 };

export function LineChart(props: { title: string; description: string; categories: string[]; categoryLabels: string[]; series: Series[]; formatTick: (n: number) => string }) {
  const id = useId();
  const height = 300;
  const x = scalePoint<string>()
    .domain(props.categories)
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.5);
  const max = Math.max(1, ...props.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([height - MARGIN.bottom, MARGIN.top]);
  const every = Math.ceil(props.categories.length / 12);
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{props.description}</desc>
      <g className="chart__axis" aria-hidden="true">
        {y.ticks(5).map((tick) => (
          <g key={tick} transform={`translate(0,${y(tick)})`}>
            <line className="chart__grid" x1={MARGIN.left} x2={WIDTH - MARGIN.right} />
            <text x={MARGIN.left - 6} dy="0.32em" textAnchor="end">
              {props.formatTick(tick)}
            </text>
          </g>
        ))}
        {props.categories.map((category, i) =>
          i % every === 0 ? (
            <text key={category} x={x(category)} y={height - MARGIN.bottom + 18} textAnchor="middle">
              {props.categoryLabels[i]}
            </text>
          ) : null,
        )}
      </g>
      {props.series.map((series, s) => {
        const points = series.values.map((value, i) => ({ value, x: x(props.categories[i]) ?? 0 }));
        const path = line<{ value: Protected; x: number }>()
          .defined((p) => p.value !== null)
          .x((p) => p.x)
          .y((p) => y(p.value ?? 0))(points);
        return (
          <g key={series.label} className={`chart__series chart__series--${s}`} aria-hidden="true">
            <path d={path ?? ""} fill="none" />
            {points.map((p, i) =>
              p.value === null ? (
                <text key={i} className="chart__suppressed" x={p.x} y={height - MARGIN.bottom - 4 - s * 12} textAnchor="middle">
                  {SUPPRESSED}
                </text>
              ) : s === 0 ? (
                <circle key={i} cx={p.x} cy={y(p.value)} r={4} />
              ) : (
                <rect key={i} x={p.x - 4} y={y(p.value) - 4} width={8} height={8} />
              ),
            )}
          </g>
        );
      })}
      <g className="chart__legend" aria-hidden="true" transform={`translate(${MARGIN.left},${height - 14})`}>
        {props.series.map((series, s) => (
          <g key={series.label} className={`chart__series chart__series--${s}`} transform={`translate(${s * 280},0)`}>
            <line x1={0} x2={24} y1={-4} y2={-4} />
            {s === 0 ? <circle cx={12} cy={-4} r={4} /> : <rect x={8} y={-8} width={8} height={8} />}
            <text className="chart__label" x={30} y={0}>
              {series.label}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}

export function BarChart(props: { title: string; description: string; bars: { label: string; value: Protected }[]; max?: number; format: (n: number) => string }) {
  const id = useId();
  const band = 26;
  const left = 230;
  const height = MARGIN.top + props.bars.length * band + 28;
  const y = scaleBand<number>()
    .domain(props.bars.map((_, i) => i))
    .range([MARGIN.top, MARGIN.top + props.bars.length * band])
    .padding(0.2);
  const max = props.max ?? Math.max(1, ...props.bars.map((b) => b.value ?? 0));
  const x = scaleLinear()
    .domain([0, max])
    .nice()
    .range([left, WIDTH - 70]);
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{props.description}</desc>
      <g aria-hidden="true">
        {x.ticks(4).map((tick) => (
          <g key={tick} className="chart__axis" transform={`translate(${x(tick)},0)`}>
            <line className="chart__grid" y1={MARGIN.top} y2={height - 24} />
            <text y={height - 8} textAnchor="middle">
              {props.format(tick)}
            </text>
          </g>
        ))}
        {props.bars.map((bar, i) => (
          <g key={i} transform={`translate(0,${y(i)})`}>
            <text className="chart__label" x={left - 8} y={y.bandwidth() / 2} dy="0.32em" textAnchor="end">
              {bar.label.length > 34 ? `${bar.label.slice(0, 33)}…` : bar.label}
            </text>
            {bar.value === null ? (
              <text className="chart__suppressed" x={left + 4} y={y.bandwidth() / 2} dy="0.32em">
                {SUPPRESSED}
              </text>
            ) : (
              <>
                <rect className="chart__bar" x={left} width={Math.max(0, x(bar.value) - left)} height={y.bandwidth()} />
                <text className="chart__value" x={x(bar.value) + 4} y={y.bandwidth() / 2} dy="0.32em">
                  {props.format(bar.value)}
                </text>
              </>
            )}
          </g>
        ))}
      </g>
    </svg>
  );
}
