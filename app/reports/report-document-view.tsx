import type { ReportBlock, ReportDocument } from "./report-document";

function Lines({ text }: { text: string }) {
  const [first, ...rest] = text.split("\n");
  return (
    <>
      {first}
      {rest.map((line, index) => (
        <span key={index} className="report-line">
          {line}
        </span>
      ))}
    </>
  );
}

function Block({ block }: { block: ReportBlock }) {
  if (block.kind === "paragraph")
    return (
      <p>
        {block.label ? <strong>{block.label}: </strong> : null}
        {block.text}
      </p>
    );
  if (block.kind === "list")
    return (
      <ul>
        {block.items.map((item, index) => (
          <li key={index}>
            <Lines text={item} />
          </li>
        ))}
      </ul>
    );
  return (
    <table className="table table--compact report-table">
      <thead>
        <tr>
          {block.columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {block.rows.map((row, index) => (
          <tr key={index}>
            {row.map((cell, column) => (
              <td key={column}>
                <Lines text={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The printable rendering of the assessment report (the PDF renders the same document). */
export function ReportDocumentView({ report }: { report: ReportDocument }) {
  return (
    <>
      <h1>{report.title}</h1>
      {report.summary.map((line, index) => (
        <p key={index} className={index === 0 ? undefined : "report-summary"}>
          {line}
        </p>
      ))}
      {report.sections.map((section) => (
        <section key={section.id} aria-labelledby={`report-${section.id}`} className="report-section">
          <h2 id={`report-${section.id}`}>{section.heading}</h2>
          {section.blocks.map((block, index) => (
            <Block key={index} block={block} />
          ))}
        </section>
      ))}
    </>
  );
}
