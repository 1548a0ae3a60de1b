/**
 * The assessment report as a document: headed sections of paragraphs, lists and tables, already
 * in the reader's language. One model, two renderings — the printable page (report-document-view.tsx)
 * and the PDF (report-pdf.server.ts) — so both always carry the same content.
 */
export type ReportBlock =
  | { kind: "paragraph"; text: string; label?: string }
  | { kind: "list"; items: string[] }
  /** `records`: long rows (the answers); the PDF sets each row as a block of labelled lines, which also lays out ~3× faster than a table. */
  | { kind: "table"; columns: string[]; rows: string[][]; layout?: "records" };

export interface ReportSection {
  id: string;
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportDocument {
  assessmentId: string;
  supplierName: string;
  title: string;
  summary: string[];
  sections: ReportSection[];
}
