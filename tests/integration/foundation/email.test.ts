import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { emails } from "#db/schema";
import { sendEmail, type OutgoingEmail } from "~/email/send-email.server";
import { renderEmail } from "~/email/email-layout.server";

/** A local stand-in for the Resend HTTP API; the real `resend` client talks to it. */
let server: http.Server;
let baseUrl: string;
const received: { path: string; auth: string | undefined; idempotency: string | undefined; body: Record<string, unknown> }[] = [];
let failNext = false;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        auth: req.headers.authorization,
        idempotency: req.headers["idempotency-key"] as string | undefined,
        body: JSON.parse(raw || "{}"),
      });
      res.setHeader("Content-Type", "application/json");
      if (failNext) {
        failNext = false;
        res.statusCode = 422;
        res.end(JSON.stringify({ name: "validation_error", message: "Invalid `to` field.", statusCode: 422 }));
        return;
      }
      res.end(JSON.stringify({ id: `msg_${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const message = (overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  orgId: null,
  to: "kontakt@leverandor.example",
  subject: "Spørgeskema",
  ...renderEmail({ locale: "da", heading: "Hej", paragraphs: ["Besvar <venligst>"], action: { label: "Åbn", url: "http://x.test/invite/abc" } }),
  kind: "test",
  locale: "da",
  ...overrides,
});

describe("email", () => {
  it("escapes HTML and has a plain-text part", () => {
    const { html, text } = renderEmail({ locale: "en", heading: "<b>", paragraphs: ["a & b"], action: { label: "Open", url: "https://x.test/?a=1&b=2" } });
    expect(html).toContain("&lt;b&gt;");
    expect(html).toContain("a &amp; b");
    expect(html).toContain("https://x.test/?a=1&amp;b=2");
    expect(text).toContain("Open: https://x.test/?a=1&b=2");
  });

  it("keeps email in the outbox without RESEND_API_KEY, recorded with its status", async () => {
    const result = await sendEmail(message());
    expect(result.status).toBe("outbox");
    const row = getDb().select().from(emails).where(eq(emails.id, result.id!)).get();
    expect(row).toMatchObject({ provider: "outbox", status: "outbox", toAddress: "kontakt@leverandor.example" });
    expect(row?.sentAt).toBeInstanceOf(Date);
  });

  it("sends nothing twice for the same dedupe key", async () => {
    const first = await sendEmail(message({ dedupeKey: "reminder:a1:after-send:7" }));
    const second = await sendEmail(message({ dedupeKey: "reminder:a1:after-send:7" }));
    expect(first.status).toBe("outbox");
    expect(second.status).toBe("duplicate");
    const rows = getDb().select().from(emails).where(eq(emails.dedupeKey, "reminder:a1:after-send:7")).all();
    expect(rows).toHaveLength(1);
  });

  it("sends through the real Resend client when RESEND_API_KEY is set, and records failures", async () => {
    const settings = { RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: baseUrl, EMAIL_FROM: "Leverandørtjek <no-reply@lt.example>" };
    const sent = await sendEmail(message({ dedupeKey: "resend:1" }), { settings });
    expect(sent.status).toBe("sent");
    const request = received.at(-1)!;
    expect(request.path).toBe("/emails");
    expect(request.auth).toBe("Bearer re_test_key");
    expect(request.idempotency).toBe("resend:1");
    expect(request.body).toMatchObject({ to: ["kontakt@leverandor.example"], subject: "Spørgeskema", from: settings.EMAIL_FROM });
    expect(String(request.body.text)).toContain("Åbn: http://x.test/invite/abc");
    const row = getDb().select().from(emails).where(eq(emails.id, sent.id!)).get();
    expect(row).toMatchObject({ provider: "resend", status: "sent", providerMessageId: `msg_${received.length}` });

    failNext = true;
    const failed = await sendEmail(message(), { settings });
    expect(failed.status).toBe("failed");
    const failedRow = getDb().select().from(emails).where(eq(emails.id, failed.id!)).get();
    expect(failedRow?.status).toBe("failed");
    expect(failedRow?.error).toContain("Invalid `to` field.");
  });

  it("records a failure when the provider cannot be reached", async () => {
    const settings = { RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: "http://127.0.0.1:9", EMAIL_FROM: "x <x@x.test>" };
    const result = await sendEmail(message(), { settings });
    expect(result.status).toBe("failed");
    expect(getDb().select().from(emails).where(eq(emails.id, result.id!)).get()?.status).toBe("failed");
  });
});
