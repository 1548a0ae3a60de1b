/**
 * The format of a questionnaire file in `questionnaires/`.
 *
 * One file per questionnaire version (`<id>.v<version>.json`). Files are data: the zod schema
 * below is the single source of truth, `questionnaires/questionnaire.schema.json` is generated
 * from it (`npm run questionnaires:schema`) so editors can autocomplete, and
 * `loadQuestionnaireFile` adds the cross-reference checks a JSON Schema cannot express.
 */
import { z } from "zod";

export const LOCALES = ["da", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const LocalisedTextSchema = z
  .object({
    da: z.string().trim().min(1, "Danish text must not be empty"),
    en: z.string().trim().min(1, "English text must not be empty"),
  })
  .strict()
  .describe("Text in Danish and English");
export type LocalisedText = z.infer<typeof LocalisedTextSchema>;

export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a lower-case slug such as 'mfa-enforced'");

export const QUESTION_TYPES = [
  "yes_no",
  "yes_partly_no",
  "single_choice",
  "multiple_choice",
  "text",
  "date",
  "number",
  "evidence",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** The fixed answer values of the two built-in choice types. */
export const YES_NO_VALUES = ["yes", "no"] as const;
export const YES_PARTLY_NO_VALUES = ["yes", "partly", "no"] as const;

export const RequirementSchema = z.enum(["none", "optional", "required"]);
export type Requirement = z.infer<typeof RequirementSchema>;

/** `"required"`, or a default with overrides per answer value (e.g. a comment required on "no"). */
export const AnswerDependentRequirementSchema = z.union([
  RequirementSchema,
  z
    .object({
      default: RequirementSchema,
      byAnswer: z.record(z.string(), RequirementSchema),
    })
    .strict(),
]);
export type AnswerDependentRequirement = z.infer<typeof AnswerDependentRequirementSchema>;

/**
 * A condition on earlier answers. Used by `showIf` and by red-flag rules. Leaf conditions name
 * one question; `all`/`any`/`not` combine them.
 */
export type Condition =
  | { question: string; in: string[] }
  | { question: string; includes: string }
  | { question: string; answered: boolean }
  | { question: string; olderThanMonths: number }
  | { question: string; lessThan: number }
  | { question: string; greaterThan: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z
      .object({
        question: SlugSchema,
        in: z.array(z.string().min(1)).min(1).describe("True when the answer is one of these values"),
      })
      .strict(),
    z
      .object({
        question: SlugSchema,
        includes: z.string().min(1).describe("True when a multiple-choice answer includes this value"),
      })
      .strict(),
    z
      .object({
        question: SlugSchema,
        answered: z.boolean().describe("True when the question has (or has not) been answered"),
      })
      .strict(),
    z
      .object({
        question: SlugSchema,
        olderThanMonths: z
          .number()
          .int()
          .positive()
          .describe("True when a date answer lies more than this many months before the scoring date"),
      })
      .strict(),
    z.object({ question: SlugSchema, lessThan: z.number() }).strict(),
    z.object({ question: SlugSchema, greaterThan: z.number() }).strict(),
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
  ]),
);

export const FrameworkReferencesSchema = z
  .object({
    cfcs: z.array(z.string()).optional().describe("Section of the CFCS guide 'Cybersikkerhed i leverandørforhold', e.g. '5.1'"),
    nis2: z.array(z.string()).optional().describe("NIS2 article 21(2) point, e.g. '21(2)(j)'"),
    gdpr: z.array(z.string()).optional().describe("GDPR article, e.g. '28(3)(c)'"),
    iso27001: z.array(z.string()).optional().describe("ISO/IEC 27001:2022 Annex A control, e.g. 'A.5.15'"),
  })
  .strict();

export const ChoiceOptionSchema = z
  .object({
    value: SlugSchema,
    label: LocalisedTextSchema,
    points: z.number().min(0).optional().describe("Points for this answer; omitted means 0"),
    exclusive: z
      .boolean()
      .optional()
      .describe("Multiple choice only: this option cannot be combined with others (e.g. 'none of these')"),
  })
  .strict();

/**
 * Dated evidence (SPEC C11): a date question whose answer is when a piece of evidence lapses
 * ("valid until") or when something was last done ("performed on", lapsing after `validityMonths`).
 */
export const EvidenceDateSchema = z
  .object({
    kind: z.enum(["valid-until", "performed-on"]),
    validityMonths: z.number().int().positive().optional(),
    label: LocalisedTextSchema.describe("What lapses, e.g. 'ISO 27001 certificate'"),
  })
  .strict();

const questionBase = {
  id: SlugSchema.describe("Stable id: carries answers across questionnaire versions. Never reuse for another meaning."),
  text: LocalisedTextSchema,
  help: LocalisedTextSchema.describe("Plain-language help for a supplier with no security staff"),
  required: z.boolean().default(true),
  weight: z.number().min(0).default(1).describe("Weight of the question within its theme; 0 = not scored"),
  allowNotApplicable: z.boolean().default(false),
  comment: AnswerDependentRequirementSchema.default("optional"),
  evidence: AnswerDependentRequirementSchema.default("none"),
  evidenceHint: LocalisedTextSchema.optional().describe("What evidence to upload, e.g. 'the ISO 27001 certificate'"),
  showIf: ConditionSchema.optional().describe("Show the question only when this condition on earlier answers holds"),
  references: FrameworkReferencesSchema.optional(),
};

export const YesNoQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("yes_no"),
    points: z.object({ yes: z.number().min(0), no: z.number().min(0) }).strict().optional(),
  })
  .strict();

export const YesPartlyNoQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("yes_partly_no"),
    points: z
      .object({ yes: z.number().min(0), partly: z.number().min(0), no: z.number().min(0) })
      .strict()
      .optional(),
  })
  .strict();

export const SingleChoiceQuestionSchema = z
  .object({ ...questionBase, type: z.literal("single_choice"), options: z.array(ChoiceOptionSchema).min(2) })
  .strict();

export const MultipleChoiceQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("multiple_choice"),
    options: z.array(ChoiceOptionSchema).min(2),
    maxPoints: z
      .number()
      .positive()
      .optional()
      .describe("Points that count as full marks; defaults to the sum of all options' points"),
  })
  .strict();

export const TextQuestionSchema = z
  .object({ ...questionBase, type: z.literal("text"), maxLength: z.number().int().positive().max(20000).default(4000) })
  .strict();

export const DateQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("date"),
    evidenceDate: EvidenceDateSchema.optional(),
    /** Full marks when the date lies within this many months before the scoring date, else 0. */
    recentWithinMonths: z.number().int().positive().optional(),
  })
  .strict();

export const NumberQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("number"),
    min: z.number().optional(),
    max: z.number().optional(),
    unit: LocalisedTextSchema.optional(),
  })
  .strict();

export const EvidenceQuestionSchema = z
  .object({ ...questionBase, type: z.literal("evidence") })
  .strict();

export const QuestionSchema = z.discriminatedUnion("type", [
  YesNoQuestionSchema,
  YesPartlyNoQuestionSchema,
  SingleChoiceQuestionSchema,
  MultipleChoiceQuestionSchema,
  TextQuestionSchema,
  DateQuestionSchema,
  NumberQuestionSchema,
  EvidenceQuestionSchema,
]);
export type Question = z.infer<typeof QuestionSchema>;

export const ThemeSchema = z
  .object({
    id: SlugSchema,
    title: LocalisedTextSchema,
    intro: LocalisedTextSchema.optional(),
    weight: z.number().min(0).default(1),
    questions: z.array(QuestionSchema).min(1),
  })
  .strict();
export type Theme = z.infer<typeof ThemeSchema>;

export const FLAG_SEVERITIES = ["critical", "high", "medium"] as const;
export type FlagSeverity = (typeof FLAG_SEVERITIES)[number];

export const FlagDefinitionSchema = z
  .object({
    id: SlugSchema.describe("Stable flag type id, e.g. 'mfa-exception'; reports group flags by it"),
    severity: z.enum(FLAG_SEVERITIES),
    warning: z
      .boolean()
      .default(false)
      .describe("One of the procedure's three warning flags (advarselsflag): always raised, never weighted away"),
    title: LocalisedTextSchema,
    explanation: LocalisedTextSchema,
  })
  .strict();
export type FlagDefinition = z.infer<typeof FlagDefinitionSchema>;

export const FlagRuleSchema = z
  .object({
    flag: SlugSchema.describe("Id of a flag in `flags`"),
    when: ConditionSchema,
  })
  .strict();
export type FlagRule = z.infer<typeof FlagRuleSchema>;

export const QuestionnaireFileSchema = z
  .object({
    $schema: z.string().optional(),
    id: SlugSchema.describe("Questionnaire id, shared by all its versions"),
    version: z.number().int().positive(),
    title: LocalisedTextSchema,
    description: LocalisedTextSchema,
    estimatedMinutes: z.number().int().positive(),
    intendedTiers: z.array(z.enum(["critical", "high", "medium", "low"])).min(1),
    themes: z.array(ThemeSchema).min(1),
    flags: z.array(FlagDefinitionSchema),
    flagRules: z.array(FlagRuleSchema),
  })
  .strict();

/** A parsed questionnaire version (defaults applied). */
export type Questionnaire = z.infer<typeof QuestionnaireFileSchema>;
/** `id@version`, the key under which a version is stored and referenced. */
export type QuestionnaireKey = `${string}@${number}`;
export const questionnaireKey = (q: Pick<Questionnaire, "id" | "version">): QuestionnaireKey =>
  `${q.id}@${q.version}`;

/** The answer values a question type accepts, or null for types with free values. */
export function fixedAnswerValues(question: Question): readonly string[] | null {
  switch (question.type) {
    case "yes_no":
      return YES_NO_VALUES;
    case "yes_partly_no":
      return YES_PARTLY_NO_VALUES;
    case "single_choice":
    case "multiple_choice":
      return question.options.map((o) => o.value);
    default:
      return null;
  }
}
