/**
 * Every audit action has a label in both languages, and the audit page shows labels (not the
 * stored action names), also for actions recorded outside the review (sign-in, invitations).
 * The page is rendered with its real loader and component (react-router's static handler, as
 * the server renders it).
 */
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { Outlet } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, auditActionLabel, auditActionLabelKey, type AuditAction } from "~/audit/actions";
import { recordAudit } from "~/audit/audit.server";
import { messages } from "~/i18n/messages";
import type { Locale } from "~/i18n/locales";
import { getTranslator } from "~/i18n/translate";
import AuditPage, { loader as auditLoader } from "~/routes/staff.audit";
import { BASE, CONTEXT, makeOrgWithStaff } from "./support";

const LOCALES = ["da", "en"] as const satisfies readonly Locale[];
const PREFIX = "review.audit.action.";

describe("audit action list", () => {
  it("names each action once", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });

  for (const locale of LOCALES) {
    it(`gives every action a label in ${locale}, distinct from the others and from the stored name`, () => {
      const dictionary: Record<string, string> = messages[locale];
      const labels = AUDIT_ACTIONS.map((action) => {
        const label = dictionary[auditActionLabelKey(action)];
        expect(label?.trim(), `${locale} ${action}`).toBeTruthy();
        expect(label, `${locale} ${action}`).not.toBe(action);
        return label;
      });
      expect(new Set(labels).size, `${locale}: two actions share a label`).toBe(labels.length);
    });
  }

  it("has no label for an action that is not in the list", () => {
    const labelled = Object.keys(messages.da)
      .filter((key) => key.startsWith(PREFIX))
      .map((key) => key.slice(PREFIX.length));
    expect(labelled.sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it("shows an action the code no longer knows as it is stored", () => {
    expect(auditActionLabel(getTranslator("da"), "legacy.action")).toBe("legacy.action");
    expect(auditActionLabel(getTranslator("da"), "staff.login")).toBe("Logget ind");
  });
});

describe("audit page labels", () => {
  type Org = Awaited<ReturnType<typeof makeOrgWithStaff>>;
  let org: Org;
  // Actions that used to show their raw name on the audit page.
  const recorded: AuditAction[] = ["staff.login", "staff.login.failed", "supplier.invitation_accepted", "staff.two-factor.enabled", "assessment.reminder.sent"];

  beforeAll(async () => {
    org = await makeOrgWithStaff();
    for (const action of recorded) recordAudit({ orgId: org.org.id, actor: { type: "staff", id: org.admin.user.id, label: org.admin.user.name }, action });
  });

  async function renderAuditPage(locale: Locale, query = ""): Promise<string> {
    const handler = createStaticHandler([
      {
        id: "root",
        path: "/",
        loader: () => ({ locale }),
        element: createElement(Outlet),
        children: [{ id: "routes/staff.audit", path: "staff/audit", loader: ({ request }) => auditLoader({ request, params: {}, context: CONTEXT }), element: createElement(AuditPage) }],
      },
    ]);
    const request = new Request(`${BASE}/staff/audit${query}`, { headers: { Cookie: `${org.viewer.cookie}; lang=${locale}` } });
    const context = await handler.query(request);
    if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
    expect(context.errors).toBeNull();
    const router = createStaticRouter(handler.dataRoutes, context);
    return renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
  }

  /** The text of each row's action cell (the third column), keyed by the row's stored action. */
  function actionCells(html: string): Map<string, string> {
    const cells = new Map<string, string>();
    for (const match of html.matchAll(/<tr data-action="([^"]+)"><td[^>]*>.*?<\/td><td[^>]*>.*?<\/td><td[^>]*>(.*?)<\/td>/g)) {
      cells.set(match[1]!, match[2]!.replace(/&#x27;/g, "'"));
    }
    return cells;
  }

  for (const locale of LOCALES) {
    it(`shows the ${locale} label of previously unlabelled actions, not their stored names`, async () => {
      const cells = actionCells(await renderAuditPage(locale));
      const t = getTranslator(locale);
      for (const action of recorded) {
        expect(cells.get(action), action).toBe(t(auditActionLabelKey(action)));
        expect(cells.get(action), action).not.toBe(action);
      }
      if (locale === "da") {
        expect(cells.get("staff.login")).toBe("Logget ind");
        expect(cells.get("staff.login.failed")).toBe("Mislykket login");
        expect(cells.get("supplier.invitation_accepted")).toBe("Leverandøren åbnede invitationen");
      }
    });
  }

  it("offers every action in the action filter, by label, and keeps the chosen one selected", async () => {
    const html = await renderAuditPage("da", "?action=staff.login.failed");
    const select = /<select[^>]*id="audit-action"[^>]*>(.*?)<\/select>/.exec(html)?.[1] ?? "";
    const options = [...select.matchAll(/<option value="([^"]*)"( selected="")?>(.*?)<\/option>/g)].map((m) => ({ value: m[1], selected: !!m[2], label: m[3] }));
    expect(options[0]).toMatchObject({ value: "", label: "Alle handlinger" });
    expect(options.slice(1).map((o) => o.value).sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect(options.find((o) => o.value === "supplier.invitation_accepted")?.label).toBe("Leverandøren åbnede invitationen");
    expect(options.filter((o) => o.selected).map((o) => o.value)).toEqual(["staff.login.failed"]);
    expect([...actionCells(html).keys()]).toEqual(["staff.login.failed"]);
  });
});
