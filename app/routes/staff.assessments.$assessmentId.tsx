import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useState } from "react";
import { requireStaff } from "~/auth/staff-session.server";
import { Alert, ErrorSummary, FieldErrors, FormErrorSummary } from "~/components/forms";
import { badRequest } from "~/http/errors.server";
import { getLocale } from "~/i18n/locale.server";
import { isMessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { RemediationList } from "~/remediation/remediation-list";
import { ReassessmentComparison } from "~/reassessment/reassessment-comparison";
import { reassessmentComparison } from "~/reassessment/review-comparison.server";
import { ScoreTrend } from "~/reassessment/score-trend";
import { DatedEvidenceTable } from "~/supervision/components/dated-evidence-table";
import { supplierDatedEvidence } from "~/supervision/dated-evidence.server";
import { AcceptFlagFormSchema, AssignFormSchema, DecisionFormSchema, MAX_CONDITIONS, QuestionReviewFormSchema } from "~/review/forms";
import { acceptFlag, assignReviewer, decideAssessment, loadReviewPage, reviewQuestion, type ActionResult } from "~/review/review.server";
import { useFieldErrors } from "~/components/use-field-errors";
import { useValidatedForm } from "~/components/use-validated-form";
import { reviewTitle } from "~/review/meta";
import { ReviewerOptions } from "~/review/reviewer-options";
import { RECORD_ID } from "~/http/record-id";
import { riskReasonText } from "~/review/risk-reason-text";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  reviewTitle(matches, "review.page.title", { supplier: data?.supplier.name ?? "" });


export function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, { role: "viewer" });
  if (!RECORD_ID.test(params.assessmentId ?? "")) badRequest();
  const locale = getLocale(request);
  const page = loadReviewPage(staff, params.assessmentId!, locale);
  return {
    ...page,
    comparison: reassessmentComparison(staff, params.assessmentId!, locale),
    datedEvidence: supplierDatedEvidence(staff.organisation.id, page.supplier.id),
  };
}

type Reply = SubmissionResult<string[]>;

function respond(intent: string, target: string, reply: Reply, status = 400) {
  return data({ intent, target, reply }, { status });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireStaff(request, { role: "reviewer" });
  const assessmentId = params.assessmentId ?? "";
  if (!RECORD_ID.test(assessmentId)) badRequest();
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const meta = { ip: (context?.ip as string | undefined) ?? null };
  const back = (notice: string, anchor = "") => redirect(`/staff/assessments/${assessmentId}?notice=${notice}${anchor}`, { status: 303 });
  const failed = (submission: { reply: (o?: { fieldErrors?: Record<string, string[]> }) => Reply }, result: ActionResult, intentName: string, target: string) =>
    result.ok ? null : respond(intentName, target, submission.reply({ fieldErrors: { [result.field]: [result.message] } }));

  switch (intent) {
    case "assign": {
      const submission = parseWithZod(formData, { schema: AssignFormSchema });
      if (submission.status !== "success") return respond(intent, "assign", submission.reply());
      const result = assignReviewer(staff, [assessmentId], submission.value.reviewerId, meta);
      return failed(submission, result, intent, "assign") ?? back("assigned");
    }
    case "question": {
      const target = String(formData.get("questionId") ?? "");
      const submission = parseWithZod(formData, { schema: QuestionReviewFormSchema });
      if (submission.status !== "success") return respond(intent, target, submission.reply());
      const result = await reviewQuestion(staff, assessmentId, submission.value, meta);
      return failed(submission, result, intent, target) ?? back(`question-${submission.value.verdict}`, `#q-${submission.value.questionId}`);
    }
    case "accept-flag": {
      const target = String(formData.get("flagId") ?? "");
      const submission = parseWithZod(formData, { schema: AcceptFlagFormSchema });
      if (submission.status !== "success") return respond(intent, target, submission.reply());
      const result = acceptFlag(staff, assessmentId, submission.value, meta);
      return failed(submission, result, intent, target) ?? back("flag-accepted", "#flags");
    }
    case "decide": {
      const submission = parseWithZod(formData, { schema: DecisionFormSchema });
      if (submission.status !== "success") return respond(intent, "decide", submission.reply());
      const result = await decideAssessment(staff, assessmentId, submission.value, meta);
      return failed(submission, result, intent, "decide") ?? back("decided");
    }
    default:
      badRequest();
  }
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;
type Question = PageData["themes"][number]["questions"][number];
type ActionData = { intent: string; target: string; reply: Reply } | undefined;

function useReply(intent: string, target: string): Reply | undefined {
  const actionData = useActionData<typeof action>() as ActionData;
  return actionData && actionData.intent === intent && actionData.target === target ? actionData.reply : undefined;
}

const NOTICES = ["assigned", "question-accepted", "question-clarification", "question-finding", "flag-accepted", "decided"] as const;

export default function ReviewPage() {
  const page = useLoaderData<typeof loader>();
  const { t, formatDate, formatDateTime, formatNumber } = useTranslation();
  const location = useLocation();
  const notice = new URLSearchParams(location.search).get("notice");
  const { assessment, supplier, risk } = page;
  const decided = assessment.decision !== null;

  return (
    <>
      <p className="no-print">
        <Link to="/staff/review">{t("review.page.backToQueue")}</Link>
      </p>
      <h1>{t("review.page.title", { supplier: supplier.name })}</h1>
      {notice && (NOTICES as readonly string[]).includes(notice) ? (
        <Alert kind="success" heading={t(`review.notice.${notice as (typeof NOTICES)[number]}`)} />
      ) : null}

      <dl className="review-summary">
        <div>
          <dt>{t("review.page.status")}</dt>
          <dd data-testid="assessment-status">{t(`status.${assessment.status}`)}</dd>
        </div>
        <div>
          <dt>{t("review.page.tier")}</dt>
          <dd>{t(`tier.${assessment.tier}`)}</dd>
        </div>
        <div>
          <dt>{t("review.page.risk")}</dt>
          <dd>{t(`rating.${risk.rating}`)}</dd>
        </div>
        <div>
          <dt>{t("review.page.score")}</dt>
          <dd>{assessment.overallScore === null ? t("review.score.none") : formatNumber(assessment.overallScore)}</dd>
        </div>
        <div>
          <dt>{t("review.page.completeness")}</dt>
          <dd>{formatNumber(assessment.completeness ?? 0)} %</dd>
        </div>
        <div>
          <dt>{t("review.page.questionnaire")}</dt>
          <dd>{assessment.questionnaireTitle}</dd>
        </div>
        <div>
          <dt>{t("review.page.submitted")}</dt>
          <dd>{assessment.submittedAt ? formatDateTime(new Date(assessment.submittedAt)) : "–"}</dd>
        </div>
        <div>
          <dt>{t("review.page.reviewer")}</dt>
          <dd>{assessment.reviewerName ?? t("review.queue.unassigned")}</dd>
        </div>
        {assessment.attestationName ? (
          <div>
            <dt>{t("review.page.attestation")}</dt>
            <dd>
              {assessment.attestationName}
              {assessment.attestationTitle ? `, ${assessment.attestationTitle}` : ""}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="no-print">
        <Link to={`/staff/assessments/${assessment.id}/report`}>{t("review.page.reportLink")}</Link> ·{" "}
        <a href={`/staff/assessments/${assessment.id}/report.pdf`} download>
          {t("reports.pdf.download")}
        </a>{" "}
        · <Link to={`/staff/assessments/${assessment.id}/contract-requirements`}>{t("contracts.link")}</Link>
      </p>

      {page.canAct ? <AssignForm /> : null}
      {!page.canActRole ? <Alert kind="info" heading={t("review.page.readOnly")} /> : null}

      <RiskReasons />
      <FlagsSection />
      {page.comparison ? <ReassessmentComparison comparison={page.comparison} /> : null}
      <div className="review-section">
        <DatedEvidenceTable supplierId={page.supplier.id} items={page.datedEvidence} canEdit={false} />
      </div>

      {decided ? (
        <section aria-labelledby="decision-heading" className="review-section">
          <h2 id="decision-heading">{t("review.decision.title")}</h2>
          <p>
            <strong>{t(`status.${assessment.decision!}`)}</strong>
            {assessment.decidedAt ? ` · ${formatDateTime(new Date(assessment.decidedAt))}` : ""}
          </p>
          <p>{assessment.decisionReason}</p>
        </section>
      ) : null}
      {page.remediation.length > 0 || assessment.decision === "approved_with_conditions" ? (
        <RemediationList
          items={page.remediation.map((item) => ({ ...item, overdue: item.status === "open" && item.deadline < page.today }))}
          canClose={page.canActRole}
          returnTo={`/staff/assessments/${assessment.id}`}
        />
      ) : null}

      {page.themes.map((theme) => (
        <section key={theme.id} aria-labelledby={`theme-${theme.id}`} className="review-section">
          <h2 id={`theme-${theme.id}`}>
            {theme.title}{" "}
            <span className="review-theme-score">
              {theme.score === null ? t("review.score.none") : t("review.theme.score", { score: formatNumber(theme.score) })}
            </span>
          </h2>
          <details className="details">
            <summary className="details-summary">
              <span className="details-summary-text">{t("review.theme.explanation")}</span>
            </summary>
            <div className="details-text">
              <ul>
                {theme.explanation.map((line, index) => (
                  <li key={index}>{line}</li>
                ))}
              </ul>
            </div>
          </details>
          {theme.questions.map((question) => (
            <QuestionBlock key={question.id} question={question} />
          ))}
        </section>
      ))}

      {page.canAct ? <DecisionForm /> : null}

      <ScoreTrend points={page.scoreTrend} currentId={assessment.id} />

      <section aria-labelledby="history-heading" className="review-section">
        <h2 id="history-heading">{t("review.history.title")}</h2>
        {page.canSeeAudit ? (
          <p className="no-print">
            <Link to={`/staff/audit?assessment=${assessment.id}`}>{t("review.history.auditLink")}</Link>
          </p>
        ) : null}
        {page.history.length === 0 ? (
          <p>{t("review.history.none")}</p>
        ) : (
          <ol className="review-timeline" data-testid="history">
            {page.history.map((entry) => (
              <li key={entry.id}>
                <span className="nowrap">{formatDateTime(new Date(entry.at))}</span> · {entry.actor} · <AuditActionLabel action={entry.action} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function RiskReasons() {
  const page = useLoaderData<typeof loader>();
  const { t, formatDate, formatDateTime, formatNumber } = useTranslation();
  const { risk } = page;
  return (
    <details className="details">
      <summary className="details-summary">
        <span className="details-summary-text">{t("review.risk.why")}</span>
      </summary>
      <div className="details-text">
        <ul>
          {risk.reasons.map((reason, index) => (
            <li key={index}>{riskReasonText(reason, t, formatNumber, (flagId) => page.flags.find((flag) => flag.flagType === flagId)?.title ?? flagId)}</li>
          ))}
        </ul>
      </div>
    </details>
  );
}

function FlagsSection() {
  const page = useLoaderData<typeof loader>();
  const { t, formatDate, formatDateTime, formatNumber } = useTranslation();
  const { assessment, risk } = page;
  return (
    <section aria-labelledby="flags-heading" id="flags" className="review-section">
      <h2 id="flags-heading">{t("review.flags.title", { count: page.flags.length })}</h2>
      {page.flags.length === 0 ? <p>{t("review.flags.none")}</p> : null}
      {page.flags.map((flag) => (
        <article key={flag.id} className={`review-flag review-flag-${flag.severity}`} data-flag-type={flag.flagType}>
          <h3 className="h4">
            <span className={`badge ${flag.severity === "critical" ? "badge-error" : flag.severity === "high" ? "badge-warning" : "badge-info"}`}>
              {t(`severity.${flag.severity}`)}
            </span>{" "}
            {flag.title}
            {flag.warning ? <span className="review-muted"> · {t("review.flags.warning")}</span> : null}
          </h3>
          <p>
            {flag.status === "accepted"
              ? t("review.flags.acceptedUntil", { date: formatDate(flag.acceptedUntil ?? page.today) })
              : flag.status === "lapsed"
                ? t("review.flags.lapsed", { date: formatDate(flag.acceptedUntil ?? page.today) })
                : t(`review.flags.status.${flag.status}`)}
            {flag.acceptedReason && flag.status !== "open" ? ` — ${flag.acceptedReason}` : ""}
          </p>
          <p>{flag.explanation}</p>
          <ul>
            {flag.triggers.map((trigger) => (
              <li key={trigger.questionId}>
                <a href={`#q-${trigger.questionId}`}>{trigger.questionText}</a>: {trigger.answer ?? "–"}
              </li>
            ))}
          </ul>
          {page.canActRole && (flag.status === "open" || flag.status === "lapsed") ? <AcceptFlagForm flagId={flag.id} title={flag.title} /> : null}
        </article>
      ))}
    </section>
  );
}

function AssignForm() {
  const page = useLoaderData<typeof loader>();
  const { t, formatDate, formatDateTime, formatNumber } = useTranslation();
  const { assessment, risk } = page;
  const reply = useReply("assign", "assign");
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(AssignFormSchema, reply, { id: "assign" });
  return (
    <Form method="post" {...getFormProps(form)} className="review-assign-form no-print">
      <input type="hidden" name="intent" value="assign" />
      <div className={`form-group${fields.reviewerId.errors?.length ? " form-error" : ""}`}>
        <label className="form-label" htmlFor={fields.reviewerId.id}>
          {t("review.assign.field")}
        </label>
        <FieldErrors meta={errors.field(fields.reviewerId)} />
        <select className="form-select" id={fields.reviewerId.id} name={fields.reviewerId.name} defaultValue={assessment.assignedReviewerId ?? page.me}>
          <ReviewerOptions reviewers={page.reviewers} me={page.me} />
        </select>
      </div>
      <button type="submit" className="button button-secondary">
        {t("review.assign.submit")}
      </button>
    </Form>
  );
}

function AcceptFlagForm({ flagId, title }: { flagId: string; title: string }) {
  const page = useLoaderData<typeof loader>();
  const { t, formatDate, formatDateTime, formatNumber } = useTranslation();
  const { assessment, risk } = page;
  const reply = useReply("accept-flag", flagId);
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm(AcceptFlagFormSchema, reply, { id: `flag-${flagId}` });
  return (
    <details className="details no-print" open={reply !== undefined}>
      <summary className="details-summary">
        <span className="details-summary-text">{t("review.flags.acceptRisk")}</span>
      </summary>
      <div className="details-text">
        <FormErrorSummary form={form} />
        <Form method="post" {...getFormProps(form)} aria-label={t("review.flags.acceptRiskFor", { flag: title })}>
          <input type="hidden" name="intent" value="accept-flag" />
          <input type="hidden" name="flagId" value={flagId} />
          <div className={`form-group${fields.reason.errors?.length ? " form-error" : ""}`}>
            <label className="form-label" htmlFor={fields.reason.id}>
              {t("review.flags.reason")}
            </label>
            <span className="form-hint" id={`${fields.reason.id}-hint`}>
              {t("review.flags.reasonHint")}
            </span>
            <FieldErrors meta={errors.field(fields.reason)} />
            <textarea className="form-input" id={fields.reason.id} name={fields.reason.name} rows={3} aria-describedby={`${fields.reason.id}-hint`} />
          </div>
          <div className={`form-group${fields.until.errors?.length ? " form-error" : ""}`}>
            <label className="form-label" htmlFor={fields.until.id}>
              {t("review.flags.until")}
            </label>
            <FieldErrors meta={errors.field(fields.until)} />
            <input className="form-input input-width-s" type="date" id={fields.until.id} name={fields.until.name} min={page.today} />
          </div>
          <button type="submit" className="button button-secondary">
            {t("review.flags.acceptSubmit")}
          </button>
        </Form>
      </div>
    </details>
  );
}

function QuestionBlock({ question }: { question: Question }) {
  const page = useLoaderData<typeof loader>();
  const { t, formatDate, formatDateTime, formatNumber } = useTranslation();
  const { assessment, risk } = page;
  return (
    <article id={`q-${question.id}`} className={`review-question${question.flagged ? " review-question-flagged" : ""}`} data-question-id={question.id}>
      <h3 className="h5">{question.text}</h3>
      <dl className="review-answer">
        <div>
          <dt>{t("review.question.answer")}</dt>
          <dd>
            {question.notApplicable
              ? t("review.question.notApplicable", { reason: question.notApplicableReason ?? "" })
              : (question.answer ?? t("review.question.unanswered"))}
            {question.flagged ? <span className="badge badge-error review-inline-badge">{t("review.question.flagged")}</span> : null}
          </dd>
        </div>
        {question.comment ? (
          <div>
            <dt>{t("review.question.comment")}</dt>
            <dd>{question.comment}</dd>
          </div>
        ) : null}
        {question.changedSinceLast !== null ? (
          <div>
            <dt>{t("review.question.sinceLast")}</dt>
            <dd>
              {question.changedSinceLast
                ? t("review.question.changed", { previous: question.previousAnswer ?? t("review.question.unanswered") })
                : t("review.question.unchanged")}
            </dd>
          </div>
        ) : null}
        {question.evidence.length > 0 ? (
          <div>
            <dt>{t("review.question.evidence")}</dt>
            <dd>
              <ul className="nobullet-list">
                {question.evidence.map((file) => (
                  <li key={file.id}>
                    <a href={`/staff/assessments/${assessment.id}/evidence/${file.id}`} download>
                      {file.name}
                    </a>{" "}
                    <span className="review-muted">({formatNumber(Math.max(1, Math.round(file.sizeBytes / 1024)))} kB)</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {question.review ? (
          <div>
            <dt>{t("review.question.verdict")}</dt>
            <dd data-testid={`verdict-${question.id}`}>
              {t(`review.verdict.${question.review.status}`)}
              {question.review.severity ? ` (${t(`severity.${question.review.severity}`)})` : ""}
              {question.review.text ? `: ${question.review.text}` : ""}
            </dd>
          </div>
        ) : null}
      </dl>
      {question.clarifications.map((thread) => (
        <div key={thread.id} className="review-thread">
          <p className="review-muted">
            {t("review.clarification.thread", { status: t(`review.clarification.status.${thread.status}`) })}
          </p>
          <ul className="nobullet-list">
            {thread.messages.map((message) => (
              <li key={message.id}>
                <strong>{t(message.authorType === "staff" ? "review.clarification.fromStaff" : "review.clarification.fromSupplier")}</strong>{" "}
                <span className="review-muted">{formatDateTime(new Date(message.createdAt))}</span>: {message.body}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {page.canAct ? <QuestionActions question={question} /> : null}
    </article>
  );
}

/**
 * A question's verdict form, built only when it is opened: the page has one per question (72 on
 * the full questionnaire), nearly all closed, and building every form cost most of the page's
 * server time and HTML. With JavaScript, opening the details builds the form at once; without,
 * the closed details hold a link that loads the page with this question's form open
 * (`?question=<id>`). A reply to the form (errors, or the page after a save) opens it as before.
 */
function QuestionActions({ question }: { question: Question }) {
  const { t } = useTranslation();
  const location = useLocation();
  const reply = useReply("question", question.id);
  const requested = new URLSearchParams(location.search).get("question") === question.id;
  const shouldOpen = reply !== undefined || requested;
  const [open, setOpen] = useState(shouldOpen);
  // A navigation (a save redirects back to the page) closes the forms it did not ask for.
  const [seenKey, setSeenKey] = useState(location.key);
  if (seenKey !== location.key) {
    setSeenKey(location.key);
    setOpen(shouldOpen);
  }
  return (
    <details className="details no-print" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="details-summary">
        <span className="details-summary-text">{t("review.question.actions")}</span>
      </summary>
      <div className="details-text">
        {open ? (
          <QuestionActionForm question={question} reply={reply} />
        ) : (
          <p>
            <Link to={`?question=${encodeURIComponent(question.id)}#q-${question.id}`} preventScrollReset>
              {t("review.question.openForm")}
            </Link>
          </p>
        )}
      </div>
    </details>
  );
}

function QuestionActionForm({ question, reply }: { question: Question; reply: Reply | undefined }) {
  const page = useLoaderData<typeof loader>();
  const { t, formatDate, formatDateTime, formatNumber } = useTranslation();
  const { assessment, risk } = page;
  const errors = useFieldErrors();
  const [verdict, setVerdict] = useState<string>("");
  const [form, fields] = useValidatedForm<typeof QuestionReviewFormSchema, { verdict: string; message: string; severity: string; findingText: string }>(
    QuestionReviewFormSchema,
    reply,
    { id: `question-${question.id}` },
  );
  const prefix = `question-${question.id}`;
  // Each read of a Conform field builds fresh proxies; this form is on the page once per question.
  const verdictMeta = errors.field(fields.verdict);
  const messageMeta = errors.field(fields.message);
  const severityMeta = errors.field(fields.severity);
  const findingTextMeta = errors.field(fields.findingText);
  const messageId = messageMeta.id;
  const severityId = severityMeta.id;
  const findingTextId = findingTextMeta.id;
  return (
    <>
    <FormErrorSummary form={form} />
    <Form method="post" {...getFormProps(form)} aria-label={t("review.question.actionsFor", { question: question.text })}>
      <input type="hidden" name="intent" value="question" />
      <input type="hidden" name="questionId" value={question.id} />
      <div className={`form-group${verdictMeta.errors?.length ? " form-error" : ""}`}>
        <fieldset>
          <legend className="form-label">{t("review.question.verdictLegend")}</legend>
          <FieldErrors meta={verdictMeta} />
          {(["accepted", "clarification", "finding"] as const).map((value) => (
            <div key={value} className="form-group-radio">
              <input
                className="form-radio"
                type="radio"
                id={`${prefix}-verdict-${value}`}
                name="verdict"
                value={value}
                onChange={() => setVerdict(value)}
              />
              <label htmlFor={`${prefix}-verdict-${value}`}>{t(`review.verdict.choose.${value}`)}</label>
            </div>
          ))}
        </fieldset>
      </div>
      <div className={`form-group${messageMeta.errors?.length ? " form-error" : ""}`} hidden={verdict !== "" && verdict !== "clarification"}>
        <label className="form-label" htmlFor={messageId}>
          {t("review.question.message")}
        </label>
        <span className="form-hint" id={`${messageId}-hint`}>
          {t("review.question.messageHint")}
        </span>
        <FieldErrors meta={messageMeta} />
        <textarea className="form-input" id={messageId} name="message" rows={3} aria-describedby={`${messageId}-hint`} />
      </div>
      <div hidden={verdict !== "" && verdict !== "finding"}>
        <div className={`form-group${severityMeta.errors?.length ? " form-error" : ""}`}>
          <label className="form-label" htmlFor={severityId}>
            {t("review.question.severity")}
          </label>
          <FieldErrors meta={severityMeta} />
          <select className="form-select" id={severityId} name="severity" defaultValue="">
            <option value="">{t("review.question.severityChoose")}</option>
            {(["critical", "high", "medium", "low"] as const).map((severity) => (
              <option key={severity} value={severity}>
                {t(`severity.${severity}`)}
              </option>
            ))}
          </select>
        </div>
        <div className={`form-group${findingTextMeta.errors?.length ? " form-error" : ""}`}>
          <label className="form-label" htmlFor={findingTextId}>
            {t("review.question.findingText")}
          </label>
          <FieldErrors meta={findingTextMeta} />
          <textarea className="form-input" id={findingTextId} name="findingText" rows={3} />
        </div>
      </div>
      <button type="submit" className="button button-secondary">
        {t("review.question.submit")}
      </button>
    </Form>
    </>
  );
}

function DecisionForm() {
  const page = useLoaderData<typeof loader>();
  const { t, formatDate, formatDateTime, formatNumber } = useTranslation();
  const { assessment, risk } = page;
  const reply = useReply("decide", "decide");
  const errors = useFieldErrors();
  const [form, fields] = useValidatedForm<typeof DecisionFormSchema, { decision: string; reason: string; conditions: unknown }>(DecisionFormSchema, reply, { id: "decide" });
  const all = form.allErrors;
  const conditionError = (index: number, field: string) => (all[`conditions[${index}].${field}`] ?? []).map(errors.translate);
  const rows = Math.min(3, MAX_CONDITIONS);
  const summary = Object.entries(all).flatMap(([name, messages]) =>
    name === "" ? [] : messages.map((message) => ({ fieldId: name.startsWith("conditions[") ? `decide-${name.replace(/[[\].]/g, "-")}` : `decide-${name}`, message: errors.translate(message) })),
  );
  return (
    <section aria-labelledby="decide-heading" className="review-section no-print">
      <h2 id="decide-heading">{t("review.decision.formTitle")}</h2>
      <ErrorSummary errors={summary} formErrors={errors.formErrors(form.errors)} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="decide" />
        <div className={`form-group${fields.decision.errors?.length ? " form-error" : ""}`}>
          <fieldset aria-describedby={fields.decision.errors?.length ? fields.decision.errorId : undefined}>
            <legend className="form-label">{t("review.decision.legend")}</legend>
            <FieldErrors meta={errors.field(fields.decision)} />
            {(["approved", "approved_with_conditions", "rejected"] as const).map((value) => (
              <div key={value} className="form-group-radio">
                <input className="form-radio" type="radio" id={`decide-decision-${value}`} name="decision" value={value} />
                <label htmlFor={`decide-decision-${value}`}>{t(`status.${value}`)}</label>
              </div>
            ))}
          </fieldset>
        </div>
        <div className={`form-group${fields.reason.errors?.length ? " form-error" : ""}`}>
          <label className="form-label" htmlFor="decide-reason">
            {t("review.decision.reason")}
          </label>
          <span className="form-hint" id="decide-reason-hint">
            {t("review.decision.reasonHint")}
          </span>
          <FieldErrors meta={{ ...errors.field(fields.reason), errorId: "decide-reason-error" } as never} />
          <textarea className="form-input" id="decide-reason" name="reason" rows={4} aria-describedby="decide-reason-hint" />
        </div>
        <fieldset className="review-conditions">
          <legend className="h3">{t("review.decision.conditions")}</legend>
          <p className="form-hint">{t("review.decision.conditionsHint")}</p>
          {(all.conditions ?? []).length > 0 ? (
            <span className="form-error-message" id="decide-conditions">
              {(all.conditions ?? []).map(errors.translate).join(". ")}
            </span>
          ) : null}
          {Array.from({ length: rows }, (_, index) => (
            <fieldset key={index} className="review-condition">
              <legend className="form-label">{t("review.decision.condition", { n: index + 1 })}</legend>
              {(
                [
                  ["text", "review.decision.condition.text"],
                  ["ownerName", "review.decision.condition.ownerName"],
                ] as const
              ).map(([field, label]) => (
                <div key={field} className={`form-group${conditionError(index, field).length ? " form-error" : ""}`}>
                  <label className="form-label" htmlFor={`decide-conditions-${index}--${field}`}>
                    {t(label)}
                  </label>
                  {conditionError(index, field).length ? (
                    <span className="form-error-message">{conditionError(index, field).join(". ")}</span>
                  ) : null}
                  <input className="form-input" type="text" id={`decide-conditions-${index}--${field}`} name={`conditions[${index}].${field}`} />
                </div>
              ))}
              <div className={`form-group${conditionError(index, "ownerSide").length ? " form-error" : ""}`}>
                <label className="form-label" htmlFor={`decide-conditions-${index}--ownerSide`}>
                  {t("review.decision.condition.ownerSide")}
                </label>
                {conditionError(index, "ownerSide").length ? (
                  <span className="form-error-message">{conditionError(index, "ownerSide").join(". ")}</span>
                ) : null}
                <select className="form-select" id={`decide-conditions-${index}--ownerSide`} name={`conditions[${index}].ownerSide`} defaultValue="">
                  <option value="">{t("review.decision.condition.ownerSideChoose")}</option>
                  <option value="supplier">{t("review.ownerSide.supplier")}</option>
                  <option value="customer">{t("review.ownerSide.customer")}</option>
                </select>
              </div>
              <div className={`form-group${conditionError(index, "deadline").length ? " form-error" : ""}`}>
                <label className="form-label" htmlFor={`decide-conditions-${index}--deadline`}>
                  {t("review.decision.condition.deadline")}
                </label>
                {conditionError(index, "deadline").length ? (
                  <span className="form-error-message">{conditionError(index, "deadline").join(". ")}</span>
                ) : null}
                <input
                  className="form-input input-width-s"
                  type="date"
                  id={`decide-conditions-${index}--deadline`}
                  name={`conditions[${index}].deadline`}
                  min={page.today}
                />
              </div>
            </fieldset>
          ))}
        </fieldset>
        <button type="submit" className="button button-primary">
          {t("review.decision.submit")}
        </button>
      </Form>
    </section>
  );
}

function AuditActionLabel({ action }: { action: string }) {
  const { t } = useTranslation();
  const key = `review.audit.action.${action}`;
  return <>{isMessageKey(key) ? t(key) : action}</>;
}
