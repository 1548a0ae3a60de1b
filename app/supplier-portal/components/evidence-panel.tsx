/**
 * Evidence for one question: the allowed types and size stated before upload, the files already
 * attached (each downloadable and removable while answers may change), and an upload form. The
 * form is a plain multipart post that works without JavaScript; with JavaScript the files go up
 * one by one with a progress bar, and can be dropped onto the area.
 */
import { useRef, useState, type DragEvent } from "react";
import { useTranslation } from "~/i18n/use-translation";
import type { MessageKey } from "~/i18n/messages";
import type { EvidencePolicyView, QuestionView } from "../view-types";

interface UploadResult {
  accepted: { id: string; name: string; size: number }[];
  refused: { name: string; code: string }[];
  error: { status: number; code: string } | null;
}

function uploadOne(file: File, questionId: string, onProgress: (fraction: number) => void): Promise<{ status: number; result: UploadResult | null }> {
  return new Promise((resolve) => {
    const body = new FormData();
    body.append("questionId", questionId);
    body.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/s/evidence");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let result: UploadResult | null = null;
      try {
        result = JSON.parse(xhr.responseText) as UploadResult;
      } catch {
        result = null;
      }
      resolve({ status: xhr.status, result });
    };
    xhr.onerror = () => resolve({ status: 0, result: null });
    xhr.send(body);
  });
}

export function EvidencePanel({
  question,
  required,
  policy,
  hydrated,
  messages,
  onChanged,
}: {
  question: QuestionView;
  required: boolean;
  policy: EvidencePolicyView;
  hydrated: boolean;
  /** Outcome of a no-JavaScript upload or removal, from the URL. */
  messages: { kind: "error" | "success"; text: string }[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const base = `q-${question.id}-evidence`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [notes, setNotes] = useState<{ kind: "error" | "success"; text: string }[]>([]);
  const [dragging, setDragging] = useState(false);

  const describeRefusal = (code: string, name: string) => {
    const key = `supplier.evidence.error.${code}` as MessageKey;
    return t(key, { name, types: policy.types, size: policy.maxSize });
  };

  const upload = async (files: File[]) => {
    const next: { kind: "error" | "success"; text: string }[] = [];
    for (const file of files) {
      if (file.size > policy.maxBytes) {
        next.push({ kind: "error", text: describeRefusal("too-large", file.name) });
        continue;
      }
      setProgress({ name: file.name, fraction: 0 });
      const { status, result } = await uploadOne(file, question.id, (fraction) => setProgress({ name: file.name, fraction }));
      if (status === 0 || !result) next.push({ kind: "error", text: t("supplier.evidence.error.network") });
      else if (result.error) next.push({ kind: "error", text: describeRefusal(result.error.code, file.name) });
      else {
        for (const a of result.accepted) next.push({ kind: "success", text: t("supplier.evidence.uploaded", { name: a.name }) });
        for (const r of result.refused) next.push({ kind: "error", text: describeRefusal(r.code, r.name) });
      }
    }
    setProgress(null);
    setNotes(next);
    if (inputRef.current) inputRef.current.value = "";
    onChanged();
  };

  const onDrop = (event: DragEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!question.editable) return;
    void upload([...event.dataTransfer.files]);
  };

  const shown = [...messages, ...notes];
  return (
    <div className="supplier-evidence" id={base}>
      <h3 className="h5">{t("supplier.evidence.title")}</h3>
      <p className={required ? "supplier-evidence-required" : undefined}>
        {required ? t("supplier.evidence.required") : t("supplier.evidence.optional")}
        {question.evidenceHint ? ` ${question.evidenceHint}` : null}
      </p>
      <div role="status" aria-live="polite">
        {shown.map((note, index) => (
          <p key={index} className={note.kind === "error" ? "form-error-message" : "supplier-evidence-ok"}>
            {note.text}
          </p>
        ))}
        {progress ? (
          <div className="supplier-progress">
            <label htmlFor={`${base}-progress`}>{t("supplier.evidence.progress", { name: progress.name })}</label>
            <progress id={`${base}-progress`} max={100} value={Math.round(progress.fraction * 100)} />
          </div>
        ) : null}
      </div>
      {question.files.length > 0 ? (
        <>
          <p className="supplier-evidence-files-title">{t("supplier.evidence.files")}</p>
          <ul className="nobullet-list supplier-evidence-files">
            {question.files.map((file) => (
              <li key={file.id}>
                <a href={`/s/evidence/${file.id}`} download aria-label={t("supplier.evidence.download", { name: file.name })}>
                  {file.name}
                </a>{" "}
                <span className="supplier-file-size">({Math.max(1, Math.round(file.size / 1024))} KB)</span>
                {question.editable ? (
                  <form method="post" action={`/s/evidence/${file.id}`} className="inline-form">
                    <input type="hidden" name="intent" value="delete" />
                    <button type="submit" className="button button-tertiary supplier-remove">
                      {t("supplier.evidence.remove", { name: file.name })}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("supplier.evidence.none")}</p>
      )}
      {question.editable ? (
        <form
          method="post"
          action="/s/evidence"
          encType="multipart/form-data"
          className={`supplier-dropzone${dragging ? " supplier-dropzone-active" : ""}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          onSubmit={(event) => {
            if (!hydrated) return;
            event.preventDefault();
            const files = [...(inputRef.current?.files ?? [])];
            if (files.length === 0) setNotes([{ kind: "error", text: t("supplier.evidence.error.no-file") }]);
            else void upload(files);
          }}
        >
          <input type="hidden" name="questionId" value={question.id} />
          <label className="form-label" htmlFor={`${base}-file`}>
            {hydrated ? t("supplier.evidence.dropHint") : t("supplier.evidence.choose")}
          </label>
          <span className="form-hint" id={`${base}-rules`}>
            {t("supplier.evidence.rules", { types: policy.types, size: policy.maxSize })}
          </span>
          <input
            ref={inputRef}
            className="form-file-input"
            type="file"
            id={`${base}-file`}
            name="file"
            multiple
            accept={policy.accept}
            aria-describedby={`${base}-rules`}
          />
          <button type="submit" className="button button-secondary" disabled={progress !== null}>
            {t("supplier.evidence.upload")}
          </button>
        </form>
      ) : null}
    </div>
  );
}
