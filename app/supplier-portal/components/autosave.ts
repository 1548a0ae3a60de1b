/**
 * Autosave for the theme page: every change is kept in the page state and in localStorage at
 * once, then posted (debounced for typing, at once for choices) to /s/autosave. A network or
 * server error keeps the input and retries with backoff; a stale revision comes back as a
 * conflict for the supplier to settle; a refused value shows its error. Nothing typed is lost.
 *
 * A saved answer stays in localStorage for a short while, marked as saved with its revision: a
 * page load that was already under way when the save landed (a reload right after coming back
 * online) renders the answer as it was before the save, and the mark is how that page knows
 * better. A page whose own revision is at least the marked one simply drops the mark.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { AnswerState, QuestionFeedback } from "../view-types";

export type EntryStatus = "saved" | "dirty" | "saving" | "error" | "invalid" | "conflict";

export interface Entry extends AnswerState {
  status: EntryStatus;
  errors: QuestionFeedback["errors"];
  conflict: QuestionFeedback["conflict"];
}

export interface SavedPayload {
  kind: "saved";
  questionId: string;
  revision: number;
  visible: string[];
  themes: { themeId: string; required: number; done: number; percent: number }[];
  overallPercent: number;
}

/** What the supplier gives for a question (an answer without its revision and save state). */
export type Content = Pick<AnswerState, "value" | "comment" | "notApplicable" | "notApplicableReason">;

function contentKey(entry: Content): string {
  return JSON.stringify([entry.value, entry.comment, entry.notApplicable, entry.notApplicableReason]);
}

interface StoredAnswer extends Content {
  /** Unsaved input: the revision it was typed on. Saved (`saved`): the revision the server gave it. */
  revision: number;
  saved?: true;
}

function stored(entry: Content & { revision: number }, saved = false): StoredAnswer {
  return {
    value: entry.value,
    comment: entry.comment,
    notApplicable: entry.notApplicable,
    notApplicableReason: entry.notApplicableReason,
    revision: entry.revision,
    ...(saved ? { saved: true as const } : {}),
  };
}

function readStore(key: string): Record<string, StoredAnswer> {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Record<string, StoredAnswer>) : {};
  } catch {
    return {};
  }
}

function writeStore(key: string, questionId: string, entry: StoredAnswer | null) {
  try {
    const all = readStore(key);
    if (entry) all[questionId] = entry;
    else delete all[questionId];
    if (Object.keys(all).length === 0) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(all));
  } catch {
    // Storage full or disabled: the page state still holds the input.
  }
}

// A layout effect where there is a DOM (no server-render warning), so restored and early input
// replaces the server-rendered values before the hydrated page is first painted.
const useMountEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

const TYPING_DELAY_MS = 800;
/** How long a saved answer stays marked in localStorage for a page load the save may have overtaken. */
const SAVED_MARK_MS = 30_000;

export function useAutosave(options: {
  storageKey: string;
  initial: Record<string, Entry>;
  /** Input the supplier gave before the page hydrated (only the parts that changed), saved like any edit. */
  early?: Record<string, Partial<Content>>;
  translateError: (key: string, params?: Record<string, string | number>) => string;
  onSaved: (payload: SavedPayload) => void;
}) {
  const { storageKey, translateError } = options;
  const [entries, setEntries] = useState<Record<string, Entry>>(options.initial);
  const [sessionEnded, setSessionEnded] = useState(false);
  const [restored, setRestored] = useState(false);
  // The current entries, always up to date: every change sets it at once, before React renders,
  // so a save started right after a change (or after the restore below) posts that change.
  const entriesRef = useRef(entries);
  const earlyRef = useRef(options.early ?? {});
  const onSavedRef = useRef(options.onSaved);
  onSavedRef.current = options.onSaved;
  const timers = useRef(new Map<string, number>());
  const inflight = useRef(new Set<string>());
  const attempts = useRef(new Map<string, number>());

  const patch = useCallback((questionId: string, change: Partial<Entry>) => {
    const current = entriesRef.current[questionId];
    if (!current) return;
    entriesRef.current = { ...entriesRef.current, [questionId]: { ...current, ...change } };
    setEntries(entriesRef.current);
  }, []);

  const markSaved = useCallback(
    (questionId: string, entry: StoredAnswer) => {
      writeStore(storageKey, questionId, entry);
      const mark = JSON.stringify(entry);
      window.setTimeout(() => {
        // Unless something newer was stored meanwhile, no page load can need the mark any more.
        if (JSON.stringify(readStore(storageKey)[questionId]) === mark) writeStore(storageKey, questionId, null);
      }, SAVED_MARK_MS);
    },
    [storageKey],
  );

  const saveRef = useRef<(questionId: string) => Promise<void>>(async () => undefined);
  const schedule = useCallback((questionId: string, delay: number) => {
    window.clearTimeout(timers.current.get(questionId));
    timers.current.set(
      questionId,
      window.setTimeout(() => void saveRef.current(questionId), delay),
    );
  }, []);

  const save = useCallback(
    async (questionId: string) => {
      if (inflight.current.has(questionId)) {
        schedule(questionId, 300);
        return;
      }
      const entry = entriesRef.current[questionId];
      if (!entry || entry.status === "saved" || entry.status === "conflict" || entry.status === "saving") return;
      const sent = contentKey(entry);
      inflight.current.add(questionId);
      patch(questionId, { status: "saving" });
      const body = new URLSearchParams();
      body.set("questionId", questionId);
      body.set("revision", String(entry.revision));
      if (Array.isArray(entry.value)) for (const v of entry.value) body.append("value", v);
      else body.set("value", entry.value);
      body.set("comment", entry.comment);
      if (entry.notApplicable) body.set("notApplicable", "on");
      body.set("notApplicableReason", entry.notApplicableReason);
      try {
        const response = await fetch("/s/autosave", {
          method: "POST",
          body,
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (response.status === 401) {
          setSessionEnded(true);
          patch(questionId, { status: "error" });
          return;
        }
        const result = (await response.json()) as
          | SavedPayload
          | { kind: "conflict"; current: { value: string | string[] | number | null; comment: string | null; notApplicable: boolean; notApplicableReason: string | null; revision: number; updatedAt: string } }
          | { kind: "invalid"; errors: { field: "value" | "comment" | "notApplicableReason"; key: string; params?: Record<string, string | number> }[] }
          | { kind: "locked" | "unknown-question" };
        attempts.current.delete(questionId);
        if (result.kind === "saved") {
          const now = entriesRef.current[questionId]!;
          const changedSince = contentKey(now) !== sent;
          patch(questionId, { revision: result.revision, status: changedSince ? "dirty" : "saved", errors: [] });
          if (changedSince) {
            // The newer input stays stored, now on the revision it will be posted with.
            writeStore(storageKey, questionId, stored({ ...now, revision: result.revision }));
            schedule(questionId, TYPING_DELAY_MS);
          } else {
            markSaved(questionId, stored({ ...now, revision: result.revision }, true));
          }
          onSavedRef.current(result);
        } else if (result.kind === "conflict") {
          const c = result.current;
          patch(questionId, {
            status: "conflict",
            conflict: {
              value: c.value === null ? "" : Array.isArray(c.value) ? c.value : String(c.value),
              comment: c.comment ?? "",
              notApplicable: c.notApplicable,
              notApplicableReason: c.notApplicableReason ?? "",
              revision: c.revision,
              updatedAt: c.updatedAt,
            },
          });
        } else if (result.kind === "invalid") {
          patch(questionId, {
            status: "invalid",
            errors: result.errors.map((e) => ({ field: e.field, message: translateError(e.key, e.params) })),
          });
        } else {
          patch(questionId, {
            status: "invalid",
            errors: [{ field: "value", message: translateError(result.kind === "locked" ? "supplier.validation.locked" : "supplier.validation.unknownQuestion") }],
          });
        }
      } catch {
        const tries = (attempts.current.get(questionId) ?? 0) + 1;
        attempts.current.set(questionId, tries);
        patch(questionId, { status: "error" });
        schedule(questionId, Math.min(30_000, 1000 * 2 ** tries));
      } finally {
        inflight.current.delete(questionId);
      }
    },
    [markSaved, patch, schedule, storageKey, translateError],
  );
  saveRef.current = save;

  const change = useCallback(
    (questionId: string, content: Partial<Content>, immediate: boolean) => {
      const current = entriesRef.current[questionId];
      if (!current) return;
      const next = { ...current, ...content, status: current.status === "conflict" ? ("conflict" as const) : ("dirty" as const), errors: [] };
      writeStore(storageKey, questionId, stored(next));
      patch(questionId, next);
      if (next.status !== "conflict") schedule(questionId, immediate ? 0 : TYPING_DELAY_MS);
    },
    [patch, schedule, storageKey],
  );

  const retryAll = useCallback(() => {
    for (const [questionId, entry] of Object.entries(entriesRef.current)) {
      if (entry.status === "error" || entry.status === "dirty") {
        attempts.current.delete(questionId);
        schedule(questionId, 0);
      }
    }
  }, [schedule]);

  const keepMine = useCallback(
    (questionId: string) => {
      const entry = entriesRef.current[questionId];
      if (!entry?.conflict) return;
      patch(questionId, { revision: entry.conflict.revision, conflict: null, status: "dirty" });
      writeStore(storageKey, questionId, stored({ ...entry, revision: entry.conflict.revision }));
      schedule(questionId, 0);
    },
    [patch, schedule, storageKey],
  );

  const useTheirs = useCallback(
    (questionId: string) => {
      const entry = entriesRef.current[questionId];
      if (!entry?.conflict) return;
      const c = entry.conflict;
      patch(questionId, {
        value: c.value,
        comment: c.comment,
        notApplicable: c.notApplicable,
        notApplicableReason: c.notApplicableReason,
        revision: c.revision,
        conflict: null,
        status: "saved",
      });
      writeStore(storageKey, questionId, null);
    },
    [patch, storageKey],
  );

  /**
   * Saves whatever is pending now and waits for it (the theme form's own post then carries the
   * current revisions, so it never races the autosave). False if something could not be saved.
   */
  const flush = useCallback(async (): Promise<boolean> => {
    for (let round = 0; round < 100; round++) {
      const pending = Object.entries(entriesRef.current).filter(([, e]) => e.status === "dirty" || e.status === "saving");
      if (pending.length === 0) return true;
      for (const [questionId, entry] of pending) {
        if (entry.status === "dirty" && !inflight.current.has(questionId)) {
          window.clearTimeout(timers.current.get(questionId));
          void saveRef.current(questionId);
        }
      }
      await new Promise((resolve) => window.setTimeout(resolve, 50));
    }
    return false;
  }, []);

  /** Replaces entries from a server render (after a form post) without losing pending input. */
  const replace = useCallback((next: Record<string, Entry>) => {
    entriesRef.current = next;
    setEntries(next);
  }, []);

  // Input typed earlier that never reached the server comes back (and is saved, or shown as a
  // conflict). So does a save this page's data predates; what the page already shows is dropped.
  // Input given on this page before it hydrated is the freshest: its fields win over both (the
  // revision stays the one the rest came from), and it is stored and saved like any other edit.
  useMountEffect(() => {
    let any = false;
    const store = readStore(storageKey);
    const early = earlyRef.current;
    for (const questionId of new Set([...Object.keys(store), ...Object.keys(early)])) {
      const current = entriesRef.current[questionId];
      if (!current) continue;
      let from: Content & { revision: number } = current;
      const kept = store[questionId];
      if (kept && (contentKey(current) === contentKey(kept) || (kept.saved && current.revision >= kept.revision))) {
        writeStore(storageKey, questionId, null);
      } else if (kept) {
        if (!kept.saved) any = true;
        from = kept;
      }
      const given = early[questionId];
      const next = stored({ ...from, ...given });
      if (from === current && contentKey(next) === contentKey(current)) continue;
      if (given) writeStore(storageKey, questionId, next);
      patch(questionId, { ...next, status: "dirty", errors: [] });
      schedule(questionId, 0);
    }
    if (any) setRestored(true);
  }, [patch, schedule, storageKey]);

  // Leaving with unsaved input asks first; coming back online retries at once.
  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (Object.values(entriesRef.current).some((e) => e.status !== "saved" && e.status !== "invalid")) {
        event.preventDefault();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    window.addEventListener("online", retryAll);
    const pending = timers.current;
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      window.removeEventListener("online", retryAll);
      for (const timer of pending.values()) window.clearTimeout(timer);
    };
  }, [retryAll]);

  return { entries, change, retryAll, keepMine, useTheirs, replace, flush, sessionEnded, restored };
}

export function overallStatus(entries: Record<string, Entry>): EntryStatus {
  const statuses = Object.values(entries).map((e) => e.status);
  for (const s of ["error", "conflict", "invalid", "saving", "dirty"] as const) if (statuses.includes(s)) return s;
  return "saved";
}
