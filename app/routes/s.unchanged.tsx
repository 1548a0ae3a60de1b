import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import type { MessageKey } from "~/i18n/messages";
import { useTranslation } from "~/i18n/use-translation";
import { ConfirmUnchangedFormSchema } from "~/reassessment/forms";
import { confirmThemeUnchanged } from "~/reassessment/portal.server";
import { isAnswering } from "~/supplier-portal/answering.server";
import { SupplierLayout } from "~/supplier-portal/components/supplier-layout";
import { requireSupplierSession } from "~/supplier-portal/supplier-session.server";

/** Confirming a theme unchanged is a post from the theme page; this page only shows why one was refused. */
export function loader({ request }: LoaderFunctionArgs) {
  const ctx = requireSupplierSession(request);
  return { organisationName: ctx.organisationName, answering: isAnswering(ctx.assessment.status) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = requireSupplierSession(request);
  const submission = parseWithZod(await request.formData(), { schema: ConfirmUnchangedFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), themeId: null }, { status: 400 });
  const outcome = confirmThemeUnchanged(ctx, submission.value, context.ip ?? null);
  if (outcome.kind === "confirmed") return redirect(outcome.next, 303);
  return data({ result: submission.reply({ formErrors: [outcome.message] }), themeId: outcome.themeId }, { status: 400 });
}

export default function ConfirmUnchangedPage() {
  const { organisationName, answering } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const messages = actionData
    ? [...(actionData.result.error?.[""] ?? []), ...Object.entries(actionData.result.error ?? {}).filter(([key]) => key !== "").flatMap(([, list]) => list ?? [])]
    : [];
  return (
    <SupplierLayout organisationName={organisationName} submitted={!answering}>
      <h1>{t("reassessment.portal.errorTitle")}</h1>
      <ErrorSummary errors={[]} formErrors={[...new Set(messages)].map((key) => t(key as MessageKey))} />
      <p>
        {actionData?.themeId ? (
          <Link to={`/s/themes/${actionData.themeId}`} className="button button-secondary">
            {t("reassessment.portal.backToTheme")}
          </Link>
        ) : null}{" "}
        <Link to="/s" className="button button-tertiary">
          {t("reassessment.portal.backToStart")}
        </Link>
      </p>
    </SupplierLayout>
  );
}
