/**
 * Every email goes through here. With RESEND_API_KEY set it is sent through Resend; without it
 * (development, demo, tests) it is kept in the outbox shown to admins. Either way it is recorded
 * with its status. A `dedupeKey` makes sending idempotent: a second call with the same key sends
 * nothing (reminders rely on this when two job runners overlap).
 */
import { Resend } from "resend";
import { getDb, type Db } from "#db/client";
import { claimEmail, markEmail } from "#db/repos/emails";
import { getEnv, type Env } from "~/config/env.server";
import type { Locale } from "~/i18n/locales";
import { newId } from "~/security/tokens.server";

export interface OutgoingEmail {
  orgId: string | null;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** What the email is, e.g. "supplier-invitation", "reminder-before-due". */
  kind: string;
  locale: Locale;
  assessmentId?: string | null;
  dedupeKey?: string | null;
}

export type SendResult =
  | { status: "sent" | "outbox" | "failed"; id: string; error?: string }
  | { status: "duplicate"; id: null };

let resendClient: { key: string; baseUrl: string | undefined; client: Resend } | undefined;

function resendFor(key: string, baseUrl: string | undefined): Resend {
  if (!resendClient || resendClient.key !== key || resendClient.baseUrl !== baseUrl) {
    resendClient = { key, baseUrl, client: new Resend(key, baseUrl ? { baseUrl } : undefined) };
  }
  return resendClient.client;
}

export type EmailSettings = Pick<Env, "RESEND_API_KEY" | "RESEND_BASE_URL" | "EMAIL_FROM">;

export async function sendEmail(
  email: OutgoingEmail,
  options: { db?: Db; now?: Date; settings?: EmailSettings } = {},
): Promise<SendResult> {
  const db = options.db ?? getDb();
  const env = options.settings ?? getEnv();
  const now = options.now ?? new Date();
  const id = newId();
  const viaResend = Boolean(env.RESEND_API_KEY);
  const claimed = claimEmail(db, {
    id,
    orgId: email.orgId,
    toAddress: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    kind: email.kind,
    locale: email.locale,
    provider: viaResend ? "resend" : "outbox",
    status: viaResend ? "pending" : "outbox",
    assessmentId: email.assessmentId ?? null,
    dedupeKey: email.dedupeKey ?? null,
    createdAt: now,
    sentAt: viaResend ? null : now,
  });
  if (!claimed) return { status: "duplicate", id: null };
  if (!viaResend) return { status: "outbox", id };

  try {
    const { data, error } = await resendFor(env.RESEND_API_KEY!, env.RESEND_BASE_URL).emails.send(
      { from: env.EMAIL_FROM, to: [email.to], subject: email.subject, html: email.html, text: email.text },
      email.dedupeKey ? { idempotencyKey: email.dedupeKey.slice(0, 256) } : undefined,
    );
    if (error) {
      markEmail(db, id, { status: "failed", error: `${error.name}: ${error.message}`.slice(0, 500) });
      return { status: "failed", id, error: error.message };
    }
    markEmail(db, id, { status: "sent", providerMessageId: data?.id ?? null, sentAt: new Date() });
    return { status: "sent", id };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    markEmail(db, id, { status: "failed", error: message.slice(0, 500) });
    return { status: "failed", id, error: message };
  }
}
