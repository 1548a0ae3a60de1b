/**
 * The reference servers of the supplier benchmark, run as their own process:
 * - `MODE=react`: a bare node:http server that reads the same rows as the theme page (session,
 *   questionnaire, answers, evidence) and renders a page of the same markup with React's
 *   renderToString — the floor of any React server rendering;
 * - `MODE=update`: a bare node:http handler doing the autosave's answer UPDATE (session lookup,
 *   revision check) and nothing else.
 */
import http from "node:http";
import { createElement as h, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { getDb } from "../db/client";
import { listEvidenceFiles } from "../db/repos/evidence";
import { loadPortalState, findTheme } from "../app/supplier-portal/answering.server";
import { validateSupplierSessionToken } from "../app/supplier-portal/supplier-session.server";
import { questionView } from "../app/supplier-portal/views.server";
import type { QuestionView } from "../app/supplier-portal/view-types";

const mode = process.env.MODE ?? "react";
const port = Number(process.env.PORT ?? 3400);

function token(req: http.IncomingMessage): string | null {
  const match = /(?:^|;\s*)lt_supplier=([a-z2-7]+)/.exec(req.headers.cookie ?? "");
  return match ? match[1]! : null;
}

function Question({ q }: { q: QuestionView }): ReactNode {
  const chosen = new Set(Array.isArray(q.answer.value) ? q.answer.value : [q.answer.value]);
  return h(
    "li",
    { id: `q-${q.id}`, hidden: !q.visible },
    h(
      "fieldset",
      { disabled: !q.visible },
      h(
        "div",
        { className: "supplier-question" },
        q.options.length > 0
          ? h(
              "fieldset",
              null,
              h("legend", { className: "form-label" }, q.text),
              h("span", { className: "form-hint" }, q.help),
              q.options.map((o, i) =>
                h(
                  "div",
                  { key: o.value, className: "form-group-radio" },
                  h("input", { className: "form-radio", type: q.type === "multiple_choice" ? "checkbox" : "radio", id: `q-${q.id}-opt-${i}`, name: `q.${q.id}.value`, value: o.value, defaultChecked: chosen.has(o.value) }),
                  h("label", { htmlFor: `q-${q.id}-opt-${i}` }, o.label),
                ),
              ),
            )
          : h("div", null, h("label", { className: "form-label", htmlFor: `q-${q.id}-value` }, q.text), h("span", { className: "form-hint" }, q.help), h("textarea", { id: `q-${q.id}-value`, name: `q.${q.id}.value`, defaultValue: String(q.answer.value) })),
        h("label", { className: "form-label", htmlFor: `q-${q.id}-comment` }, "Kommentar"),
        h("textarea", { className: "form-input", id: `q-${q.id}-comment`, name: `q.${q.id}.comment`, defaultValue: q.answer.comment }),
        h("input", { type: "hidden", name: `q.${q.id}.rev`, value: q.answer.revision }),
        q.files.map((f) => h("a", { key: f.id, href: `/s/evidence/${f.id}` }, f.name)),
      ),
    ),
  );
}

function Page({ title, questions, org }: { title: string; questions: QuestionView[]; org: string }): ReactNode {
  return h(
    "html",
    { lang: "da" },
    h("head", null, h("meta", { charSet: "utf-8" }), h("title", null, title), h("link", { rel: "stylesheet", href: "/dkfds/css/dkfds-virkdk.min.css" })),
    h(
      "body",
      null,
      h("header", { className: "header" }, h("a", { href: "/" }, "Leverandørtjek"), h("span", null, org)),
      h("main", { className: "container" }, h("h1", null, title), h("progress", { max: 100, value: 50 }), h("ol", { className: "supplier-questions" }, questions.map((q) => h(Question, { key: q.id, q })))),
      h("footer", { className: "footer" }, "Leverandørtjek"),
    ),
  );
}

const db = getDb();
const update = db.$client.prepare(
  `UPDATE answers SET value = ?, revision = revision + 1, updated_at = ? WHERE org_id = ? AND assessment_id = ? AND question_id = ? AND revision = ?`,
);
const current = db.$client.prepare(`SELECT revision FROM answers WHERE org_id = ? AND assessment_id = ? AND question_id = ?`);

const server = http.createServer((req, res) => {
  const raw = token(req);
  const ctx = raw ? validateSupplierSessionToken(raw, { db }) : null;
  if (!ctx) {
    res.writeHead(401).end();
    return;
  }
  if (mode === "react") {
    const themeId = (req.url ?? "").split("/").pop() ?? "";
    const state = loadPortalState(ctx, { db });
    const found = findTheme(state.questionnaire, themeId);
    if (!found) {
      res.writeHead(404).end();
      return;
    }
    const files = listEvidenceFiles(db, ctx.assessment.orgId, ctx.assessment.id);
    const questions = found.theme.questions.map((q) => questionView(q, state, files, "da"));
    const html = "<!DOCTYPE html>" + renderToString(h(Page, { title: found.theme.title.da, questions, org: ctx.organisationName }));
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(html) });
    res.end(html);
    return;
  }
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const form = new URLSearchParams(body);
    const questionId = form.get("questionId") ?? "";
    const revision = Number(form.get("revision") ?? 0);
    const changed = update.run(JSON.stringify(form.get("value") ?? ""), Date.now(), ctx.assessment.orgId, ctx.assessment.id, questionId, revision).changes;
    const row = current.get(ctx.assessment.orgId, ctx.assessment.id, questionId) as { revision: number } | undefined;
    const payload = JSON.stringify(changed === 1 ? { kind: "saved", revision: revision + 1 } : { kind: "conflict", current: { revision: row?.revision ?? 0 } });
    res.writeHead(changed === 1 ? 200 : 409, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) });
    res.end(payload);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => console.log(`baseline ${mode} listening on ${port}`));
