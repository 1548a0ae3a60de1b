import { useTranslation } from "~/i18n/use-translation";
import { RACI_PARTIES, type RaciRow } from "./raci";

/** The matrix's column headings: the activity and each party. */
export function RaciHead() {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th scope="col">{t("relationship.raci.activity")}</th>
        {RACI_PARTIES.map((party) => (
          <th scope="col" key={party}>
            {t(`relationship.raci.party.${party}`)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The matrix as a table, with the letters explained (supplier page and printable report). */
export function RaciMatrix({ rows, caption }: { rows: readonly RaciRow[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <>
      <table className="table table--compact raci-table">
        <caption>{caption}</caption>
        <RaciHead />
        <tbody>
          {rows.map((row) => (
            <tr key={row.activity}>
              <th scope="row">{row.activity}</th>
              {RACI_PARTIES.map((party) => (
                <td key={party}>{row[party] || "–"}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="form-hint">{t("relationship.raci.legend")}</p>
    </>
  );
}

/** The section on the supplier page and the report: the matrix and whether it is the organisation's default. */
export function RaciSection({ raci, editHref }: { raci: { rows: RaciRow[]; inherited: boolean }; editHref?: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="raci-heading" className="raci-section">
      <h2 id="raci-heading">{t("relationship.raci.title")}</h2>
      <p>{raci.inherited ? t("relationship.raci.inherited") : t("relationship.raci.own")}</p>
      <RaciMatrix rows={raci.rows} caption={t("relationship.raci.caption")} />
      {editHref ? (
        <p className="no-print">
          <a className="button button-secondary" href={editHref}>
            {t("relationship.raci.edit")}
          </a>
        </p>
      ) : null}
    </section>
  );
}
