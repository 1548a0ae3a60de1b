/**
 * The one layout every email uses: a heading, paragraphs, an optional button link, a footer;
 * rendered as simple, escaped HTML and as plain text (the text part is not an afterthought: many
 * public-sector mail systems show it).
 */
export interface EmailContent {
  locale: "da" | "en";
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export function renderEmail(content: EmailContent): { html: string; text: string } {
  const paragraphs = content.paragraphs.map(
    (p) => `<p style="margin:0 0 16px;font-size:16px;line-height:24px;">${escapeHtml(p)}</p>`,
  );
  const action = content.action
    ? `<p style="margin:24px 0;"><a href="${escapeHtml(content.action.url)}" style="background:#004993;color:#ffffff;padding:12px 20px;text-decoration:none;font-weight:600;display:inline-block;">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:14px;color:#454545;word-break:break-all;">${escapeHtml(content.action.url)}</p>`
    : "";
  const footer = content.footer
    ? `<p style="margin:32px 0 0;font-size:13px;color:#454545;">${escapeHtml(content.footer)}</p>`
    : "";
  const html = `<!DOCTYPE html><html lang="${content.locale}"><head><meta charset="utf-8"><title>${escapeHtml(content.heading)}</title></head>
<body style="margin:0;padding:24px;font-family:'IBM Plex Sans',Arial,sans-serif;color:#1a1a1a;background:#ffffff;">
<h1 style="font-size:22px;margin:0 0 16px;">${escapeHtml(content.heading)}</h1>
${paragraphs.join("\n")}
${action}
${footer}
</body></html>`;
  const text = [
    content.heading,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ""] : []),
    ...(content.footer ? ["--", content.footer] : []),
  ].join("\n");
  return { html, text };
}
