/**
 * Server-rendered SVG charts for the dashboard. Every bar and cell carries its number as text and
 * is a link to the list behind it (readable without colour); each chart also has its numbers in a
 * table for screen readers and for reading without the chart.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation";

export interface Bar {
  key: string;
  label: string;
  value: number;
  href: string;
}

const WIDTH = 640;
const LABEL_HEIGHT = 18;
const BAR_HEIGHT = 18;
const ROW = LABEL_HEIGHT + BAR_HEIGHT + 12;
const NUMBER_ROOM = 48;

/** A chart's numbers as a table, folded away under the chart (for screen readers and reading without the chart). */
function ChartTable({ caption, head, children }: { caption: string; head: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <details className="details chart-table">
      <summary className="details-summary">
        <span className="details-summary-text">{t("reports.dashboard.showTable")}</span>
      </summary>
      <div className="details-text">
        <table className="table table--compact">
          <caption>{caption}</caption>
          <thead>{head}</thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </details>
  );
}

/** A horizontal bar chart: label above each bar, the number after it; each bar links to its list. */
export function BarChart({ id, title, unit, bars, empty }: { id: string; title: string; unit: string; bars: Bar[]; empty: string }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const height = Math.max(ROW, bars.length * ROW);
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} data-chart={id}>
      <figcaption id={`${id}-title`} className="h4">
        {title}
      </figcaption>
      {bars.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${WIDTH} ${height}`} className="chart-svg" role="group" aria-labelledby={`${id}-title`}>
            {bars.map((bar, index) => {
              const y = index * ROW;
              const width = Math.max(2, Math.round(((WIDTH - NUMBER_ROOM) * bar.value) / max));
              return (
                <a key={bar.key} href={bar.href} aria-label={`${bar.label}: ${bar.value} ${unit}`} data-segment={bar.key}>
                  {/* The whole row is the link's target, not only the painted label and bar. */}
                  <rect x={0} y={y} width={WIDTH} height={ROW - 4} className="chart-hit" />
                  <text x={0} y={y + 14} className="chart-label">
                    {bar.label}
                  </text>
                  <rect x={0} y={y + LABEL_HEIGHT} width={width} height={BAR_HEIGHT} className="chart-bar" />
                  <text x={width + 6} y={y + LABEL_HEIGHT + 14} className="chart-number">
                    {bar.value}
                  </text>
                </a>
              );
            })}
          </svg>
          <ChartTable
            caption={title}
            head={
              <tr>
                <th scope="col">{title}</th>
                <th scope="col">{unit}</th>
              </tr>
            }
          >
            {bars.map((bar) => (
              <tr key={bar.key}>
                <th scope="row">
                  <Link to={bar.href}>{bar.label}</Link>
                </th>
                <td>{bar.value}</td>
              </tr>
            ))}
          </ChartTable>
        </>
      )}
    </figure>
  );
}

export interface MatrixRow {
  key: string;
  label: string;
  cells: { key: string; value: number; href: string }[];
}

/** A grid (rows × columns) with the count in every cell; shade follows the count, the number is always written. */
export function MatrixChart({ id, title, unit, columns, rows }: { id: string; title: string; unit: string; columns: { key: string; label: string }[]; rows: MatrixRow[] }) {
  const labelWidth = 120;
  const cellWidth = (WIDTH - labelWidth) / columns.length;
  const cellHeight = 44;
  const top = 40;
  const max = Math.max(1, ...rows.flatMap((row) => row.cells.map((cell) => cell.value)));
  const shade = (value: number) => (value === 0 ? 0 : Math.min(4, 1 + Math.floor((3 * value) / max)));
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} data-chart={id}>
      <figcaption id={`${id}-title`} className="h4">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${top + rows.length * cellHeight}`} className="chart-svg" role="group" aria-labelledby={`${id}-title`}>
        {columns.map((column, index) => (
          <text key={column.key} x={labelWidth + index * cellWidth + cellWidth / 2} y={24} className="chart-label chart-center">
            {column.label}
          </text>
        ))}
        {rows.map((row, rowIndex) => (
          <g key={row.key}>
            <text x={0} y={top + rowIndex * cellHeight + 27} className="chart-label">
              {row.label}
            </text>
            {row.cells.map((cell, index) => {
              const column = columns[index]!;
              const x = labelWidth + index * cellWidth;
              const y = top + rowIndex * cellHeight;
              const body = (
                <>
                  <rect x={x + 2} y={y + 2} width={cellWidth - 4} height={cellHeight - 4} className={`chart-cell chart-shade-${shade(cell.value)}`} />
                  <text x={x + cellWidth / 2} y={y + 27} className={`chart-number chart-center${shade(cell.value) >= 3 ? " chart-number-inverse" : ""}`}>
                    {cell.value}
                  </text>
                </>
              );
              return cell.value > 0 ? (
                <a key={cell.key} href={cell.href} aria-label={`${row.label}, ${column.label}: ${cell.value} ${unit}`} data-segment={`${row.key}:${cell.key}`}>
                  {body}
                </a>
              ) : (
                <g key={cell.key}>{body}</g>
              );
            })}
          </g>
        ))}
      </svg>
      <ChartTable
        caption={title}
        head={
          <tr>
            <td />
            {columns.map((column) => (
              <th key={column.key} scope="col">
                {column.label}
              </th>
            ))}
          </tr>
        }
      >
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {row.cells.map((cell) => (
              <td key={cell.key}>{cell.value > 0 ? <Link to={cell.href}>{cell.value}</Link> : 0}</td>
            ))}
          </tr>
        ))}
      </ChartTable>
    </figure>
  );
}
