/** The outbox page (admin): the organisation's emails, newest first, and each email with its links. */
import { getDb, type Db } from "#db/client";
import { findOrganisationEmail, listOrganisationEmails } from "#db/repos/emails";

export const OUTBOX_PAGE_SIZE = 50;

export function outboxList(orgId: string, page: number, db: Db = getDb()) {
  const rows = listOrganisationEmails(db, orgId, OUTBOX_PAGE_SIZE + 1, (page - 1) * OUTBOX_PAGE_SIZE);
  return {
    emails: rows.slice(0, OUTBOX_PAGE_SIZE).map((e) => ({
      id: e.id,
      to: e.toAddress,
      subject: e.subject,
      kind: e.kind,
      status: e.status,
      provider: e.provider,
      createdAt: e.createdAt,
    })),
    hasMore: rows.length > OUTBOX_PAGE_SIZE,
    page,
  };
}

/** Every http(s) link in the email's HTML and text parts, in order, once each. */
export function extractLinks(html: string, text: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/href="([^"]+)"/g)) found.add(match[1]!.replace(/&amp;/g, "&"));
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+/g)) found.add(match[0]);
  return [...found].filter((link) => /^https?:\/\//.test(link));
}

export function outboxEmail(orgId: string, id: string, db: Db = getDb()) {
  const email = findOrganisationEmail(db, orgId, id);
  if (!email) return undefined;
  return {
    id: email.id,
    to: email.toAddress,
    subject: email.subject,
    kind: email.kind,
    status: email.status,
    provider: email.provider,
    error: email.error,
    locale: email.locale,
    text: email.text,
    createdAt: email.createdAt,
    sentAt: email.sentAt,
    links: extractLinks(email.html, email.text),
  };
}

export function outboxEmailHtml(orgId: string, id: string, db: Db = getDb()): string | undefined {
  return findOrganisationEmail(db, orgId, id)?.html;
}
