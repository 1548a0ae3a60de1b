import { useTranslation } from "~/i18n/use-translation";

export interface TrendPoint {
  id: string;
  submittedAt: string | Date | null;
  overallScore: number | null;
  status: string;
}

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { left: 44, right: 24, top: 28, bottom: 44 };

/**
 * The score trend across a supplier's assessments: a server-rendered SVG line chart (each point
 * labelled with its number; this assessment drawn as a square and named, so nothing rests on
 * colour alone) and the same numbers as a table for screen readers and print.
 */
export function ScoreTrend({ points, currentId }: { points: readonly TrendPoint[]; currentId: string }) {
  const { t, formatDate, formatNumber } = useTranslation();
  const scored = points.filter((p) => p.overallScore !== null);
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length === 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = (score: number) => PAD.top + innerH - (score / 100) * innerH;
  const date = (p: TrendPoint) => (p.submittedAt ? formatDate(new Date(p.submittedAt)) : "–");
  const line = points
    .map((p, i) => (p.overallScore === null ? null : `${x(i).toFixed(1)},${y(p.overallScore).toFixed(1)}`))
    .filter((v): v is string => v !== null)
    .join(" ");
  return (
    <section aria-labelledby="trend-heading" className="review-section">
      <h2 id="trend-heading">{t("review.trend.title")}</h2>
      {points.length === 0 ? (
        <p>{t("review.trend.none")}</p>
      ) : (
        <>
          {scored.length > 0 ? (
            <figure className="score-trend">
              <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="trend-chart-desc" className="score-trend-chart" data-testid="trend-chart">
                <title id="trend-chart-desc">{t("reassessment.trend.chart")}</title>
                {[0, 25, 50, 75, 100].map((tick) => (
                  <g key={tick} aria-hidden="true">
                    <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="score-trend-grid" />
                    <text x={PAD.left - 8} y={y(tick) + 4} textAnchor="end" className="score-trend-axis">
                      {formatNumber(tick)}
                    </text>
                  </g>
                ))}
                <polyline points={line} className="score-trend-line" aria-hidden="true" />
                {points.map((p, i) => (
                  <g key={p.id} aria-hidden="true" data-point={p.id}>
                    {p.overallScore === null ? null : p.id === currentId ? (
                      <rect x={x(i) - 6} y={y(p.overallScore) - 6} width={12} height={12} className="score-trend-point score-trend-current" />
                    ) : (
                      <circle cx={x(i)} cy={y(p.overallScore)} r={5} className="score-trend-point" />
                    )}
                    {p.overallScore === null ? null : (
                      <text x={x(i)} y={y(p.overallScore) - 12} textAnchor="middle" className="score-trend-label">
                        {formatNumber(p.overallScore)}
                      </text>
                    )}
                    <text x={x(i)} y={HEIGHT - PAD.bottom + 18} textAnchor="middle" className="score-trend-axis">
                      {date(p)}
                    </text>
                    {p.id === currentId ? (
                      <text x={x(i)} y={HEIGHT - PAD.bottom + 34} textAnchor="middle" className="score-trend-axis">
                        {t("review.trend.this")}
                      </text>
                    ) : null}
                  </g>
                ))}
              </svg>
            </figure>
          ) : null}
          <table className="table" data-testid="trend-table">
            <caption>{t("reassessment.trend.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("reassessment.trend.col.submitted")}</th>
                <th scope="col">{t("reassessment.trend.col.score")}</th>
                <th scope="col">{t("reassessment.trend.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {date(p)}
                    {p.id === currentId ? ` (${t("review.trend.this")})` : ""}
                  </th>
                  <td>{p.overallScore === null ? t("reassessment.trend.noScore") : formatNumber(p.overallScore)}</td>
                  <td>{t(`status.${p.status}` as never)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
