import { describe, expect, it } from "vitest";
import { cleanFileName, allowedKinds, kindOfExtension } from "~/evidence/file-checks.server";
import { contentDisposition } from "~/evidence/download.server";
import { AnswerFormSchema, answerFingerprint, checkAnswer, isValidIsoDate, parseLocaleNumber, sameAnswer } from "~/supplier-portal/answer-forms";
import type { Question } from "~/questionnaire/questionnaire-schema";

const base = { text: { da: "x", en: "x" }, help: { da: "x", en: "x" }, required: true, weight: 1, allowNotApplicable: false, comment: "optional" as const, evidence: "none" as const };
const form = (value: string | string[], extra: Partial<{ comment: string; notApplicable: boolean; notApplicableReason: string }> = {}) => ({
  value,
  comment: extra.comment ?? "",
  notApplicable: extra.notApplicable ?? false,
  notApplicableReason: extra.notApplicableReason ?? "",
});

describe("checkAnswer", () => {
  const yesNo = { ...base, id: "q", type: "yes_no" } as Question;
  const multi = {
    ...base,
    id: "m",
    type: "multiple_choice",
    options: [
      { value: "a", label: { da: "A", en: "A" } },
      { value: "b", label: { da: "B", en: "B" } },
      { value: "none", label: { da: "Ingen", en: "None" }, exclusive: true },
    ],
  } as Question;
  const number = { ...base, id: "n", type: "number", min: 0, max: 10 } as Question;
  const text = { ...base, id: "t", type: "text", maxLength: 5 } as Question;

  it("accepts the type's values, an empty value as unanswered, and trims text", () => {
    expect(checkAnswer(yesNo, form("yes"), "2026-01-01")).toMatchObject({ ok: true, answer: { value: "yes" } });
    expect(checkAnswer(yesNo, form(""), "2026-01-01")).toMatchObject({ ok: true, answer: { value: null } });
    expect(checkAnswer(text, form("  hej  "), "2026-01-01")).toMatchObject({ ok: true, answer: { value: "hej" } });
    expect(checkAnswer(multi, form(["b", "a", "a"]), "2026-01-01")).toMatchObject({ ok: true, answer: { value: ["a", "b"] } });
  });

  it("refuses what the type does not accept, with message keys", () => {
    expect(checkAnswer(yesNo, form(["yes", "no"]), "2026-01-01")).toMatchObject({ ok: false, errors: [{ key: "supplier.validation.choice" }] });
    expect(checkAnswer(multi, form(["none", "a"]), "2026-01-01")).toMatchObject({ ok: false, errors: [{ key: "supplier.validation.exclusive" }] });
    expect(checkAnswer(number, form("11"), "2026-01-01")).toMatchObject({ ok: false, errors: [{ key: "supplier.validation.numberMax", params: { max: 10 } }] });
    expect(checkAnswer(text, form("abcdef"), "2026-01-01")).toMatchObject({ ok: false, errors: [{ key: "supplier.validation.tooLong" }] });
  });

  it("schema drops fields a supplier may not set", () => {
    const parsed = AnswerFormSchema.parse({ questionId: "q", revision: "2", value: "yes", status: "approved", orgId: "x" });
    expect(parsed).toEqual({ questionId: "q", revision: 2, value: "yes", comment: "", notApplicable: false, notApplicableReason: "" });
  });

  it("fingerprints and compares answers by content", () => {
    const a = { value: "yes", comment: null, notApplicable: false, notApplicableReason: null };
    expect(answerFingerprint(a)).toBe(answerFingerprint({ ...a }));
    expect(answerFingerprint(a)).not.toBe(answerFingerprint({ ...a, comment: "x" }));
    expect(sameAnswer(a, { ...a })).toBe(true);
  });
});

describe("numbers and dates", () => {
  it.each([
    ["3", 3],
    ["1.000", 1000],
    ["1.234,5", 1234.5],
    ["2,5", 2.5],
    ["2.5", 2.5],
    ["", null],
  ])("reads %s", (raw, expected) => expect(parseLocaleNumber(raw)).toBe(expected));
  it("refuses non-numbers", () => expect(parseLocaleNumber("tre")).toBeNaN());
  it("knows real calendar dates", () => {
    expect(isValidIsoDate("2024-02-29")).toBe(true);
    expect(isValidIsoDate("2025-02-29")).toBe(false);
    expect(isValidIsoDate("31-12-2025")).toBe(false);
  });
});

describe("file names", () => {
  it("keeps only a clean, capped base name", () => {
    expect(cleanFileName("../../x.pdf", "pdf")).toBe("x.pdf");
    expect(cleanFileName("C:\\Users\\a\\rapport.pdf", "pdf")).toBe("rapport.pdf");
    expect(cleanFileName("evil\u202egpj.exe.pdf", "pdf")).toBe("evilgpj.exe.pdf");
    expect(cleanFileName("...", "pdf")).toBe("file.pdf");
    expect(cleanFileName(`${"a".repeat(400)}.pdf`, "pdf")).toHaveLength(150);
  });
  it("maps extensions to the allow-list", () => {
    const kinds = allowedKinds("pdf, jpeg ,png,exe");
    expect(kinds).toEqual(["pdf", "jpg", "png"]);
    expect(kindOfExtension("photo.JPEG", kinds)).toBe("jpg");
    expect(kindOfExtension("x.exe", kinds)).toBeNull();
    expect(kindOfExtension("pdf", kinds)).toBeNull();
  });
  it("writes RFC 6266 Content-Disposition", () => {
    expect(contentDisposition('a "b";c.pdf')).toBe(`attachment; filename="a _b__c.pdf"; filename*=UTF-8''a%20%22b%22%3Bc.pdf`);
  });
});
