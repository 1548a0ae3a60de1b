import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkContractRequirementsFile, contractRequirementsFiles } from "~/contracts/contract-requirements-file.server";
import { ContractRequirementsFileSchema, deriveContractRequirements, type ContractRequirementsFile } from "~/contracts/contract-requirements";
import { listQuestionnaires } from "~/questionnaire/catalogue.server";

const NOW = new Date("2026-06-01T12:00:00Z");
const path = contractRequirementsFiles().at(-1)!;
const rules: ContractRequirementsFile = ContractRequirementsFileSchema.parse(JSON.parse(readFileSync(path, "utf8")));
const answers = (values: Record<string, string | string[]>) => new Map(Object.entries(values).map(([questionId, value]) => [questionId, { questionId, value }]));
const ids = (list: { id: string }[]) => list.map((r) => r.id);

describe("contract requirement rules", () => {
  it("the shipped file is valid and names only questions and flags that exist", () => {
    const { issues, file } = checkContractRequirementsFile(path, listQuestionnaires().map((e) => e.questionnaire));
    expect(issues).toEqual([]);
    expect(file?.requirements.length).toBeGreaterThanOrEqual(7);
  });

  it("refuses a file with an unknown topic, a duplicate id or a missing language", () => {
    const broken = structuredClone(rules) as { requirements: { id: string; topic: string; text: { da: string; en?: string } }[] };
    broken.requirements[0]!.topic = "marketing";
    broken.requirements[1]!.id = broken.requirements[2]!.id;
    delete broken.requirements[3]!.text.en;
    const result = ContractRequirementsFileSchema.safeParse(broken);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["requirements.0.topic", "requirements.3.text.en"]));
  });

  it("a supplier without MFA for administrators and with late breach notification gets the MFA, logging and 24-hour requirements, each with its reason", () => {
    const derived = deriveContractRequirements(
      rules,
      {
        answers: answers({ "mfa-privileged": "no", "breach-notification-deadline": "later" }),
        flags: [
          { flagType: "no-mfa-privileged", triggers: [{ questionId: "mfa-privileged", value: "no" }] },
          { flagType: "no-breach-notification", triggers: [{ questionId: "breach-notification-deadline", value: "later" }] },
        ],
        tier: "low",
      },
      NOW,
    );
    expect(ids(derived)).toEqual(["breach-notification-24h", "mfa-privileged", "privileged-logging"]);
    expect(derived.find((r) => r.id === "mfa-privileged")!.prompts).toEqual([{ kind: "flag", flagType: "no-mfa-privileged", triggers: [{ questionId: "mfa-privileged", value: "no" }] }]);
    expect(derived[0]!.text.da).toContain("24 timer");
  });

  it("a low-tier supplier with clean answers gets only the 72-hour breach notification; a critical one the tier's full set", () => {
    expect(ids(deriveContractRequirements(rules, { answers: answers({}), flags: [], tier: "low" }, NOW))).toEqual(["breach-notification-72h"]);
    const critical = deriveContractRequirements(rules, { answers: answers({}), flags: [], tier: "critical" }, NOW);
    expect(ids(critical)).toEqual(["dpa", "breach-notification-24h", "audit-right", "mfa-privileged", "exit-data-return", "cyber-insurance"]);
    expect(critical[0]!.prompts).toEqual([{ kind: "tier", tier: "critical" }]);
  });

  it("reads answers: logging is required when privileged accounts are not logged, and sub-supplier notice when services are outsourced", () => {
    const derived = deriveContractRequirements(
      rules,
      { answers: answers({ "privileged-account-practices": ["personal-accounts"], "outsources-services": "yes", "data-processing-agreement": "accept-with-changes" }), flags: [], tier: "low" },
      NOW,
    );
    expect(ids(derived)).toEqual(["dpa", "dpa-changes", "breach-notification-72h", "privileged-logging", "subsupplier-notice"]);
    expect(derived.find((r) => r.id === "subsupplier-notice")!.prompts).toEqual([{ kind: "answer", questionId: "outsources-services", value: "yes" }]);
    const logged = deriveContractRequirements(rules, { answers: answers({ "privileged-account-practices": ["logged"] }), flags: [], tier: "low" }, NOW);
    expect(ids(logged)).not.toContain("privileged-logging");
  });
});
