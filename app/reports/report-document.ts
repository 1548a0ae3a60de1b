/**
 * The assessment report as a document: headed sections of paragraphs, lists and tables, already
 * in the reader's language. One model, two renderings — the printable page (report-document-view.tsx)
 * and the PDF (report-pdf.server.ts) — so both always carry the same content.
 */
export type ReportBlock =
  | { kind: "paragraph"; text: string; label?: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; columns: string[]; rows: string[][] };

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
