import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/staff-session.server";
import { getLocale } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { ComparisonChoices, ComparisonError, ComparisonTable } from "~/reports/comparison-view";
import { comparisonChoices, loadComparison } from "~/reports/comparison.server";
import { getQuestionnaireEntry } from "~/questionnaire/catalogue.server";
import { pageTitle } from "~/staff/page-title";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "reports.compare.title")];

/** Candidate suppliers side by side (CFCS 3.1); every staff role, own organisation. A bad selection is a 400 with a message. */
export function loader({ request }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  const url = new URL(request.url);
  const locale = getLocale(request);
  const result = loadComparison(staff, url, locale);
  const choices = comparisonChoices(staff).map((choice) => ({
    id: choice.id,
    supplierName: choice.supplierName,
    status: choice.status,
    questionnaireTitle: getQuestionnaireEntry(choice.questionnaireId, choice.questionnaireVersion)?.questionnaire.title[locale] ?? choice.questionnaireId,
  }));
  return data({ result, choices, selected: url.searchParams.getAll("a") }, { status: result && !result.ok ? 400 : 200 });
}

export default function Compare() {
  const { result, choices, selected } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("reports.compare.title")}</h1>
      <p>{t("reports.compare.lead")}</p>
      {result && !result.ok ? <ComparisonError error={result.error} /> : null}
      {result?.ok ? <ComparisonTable candidates={result.candidates} /> : null}
      <ComparisonChoices choices={choices} selected={selected} />
    </>
  );
}
