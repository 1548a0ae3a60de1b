/**
 * The shipped questionnaires against their source: every question of the due-diligence procedure
 * (seed 003) is asked, the three warning flags exist and fire on the answers they describe, and
 * the answers of an exemplary supplier score full marks without raising any flag.
 */
import { describe, expect, it } from "vitest";
import { toAnswerMap, type AnswerInput, type AnswerValue } from "../../../app/questionnaire/answer-types";
import { getQuestionnaire } from "../../../app/questionnaire/catalogue.server";
import { fixedAnswerValues, type Question, type Questionnaire } from "../../../app/questionnaire/questionnaire-schema";
import { compileQuestionnaire } from "../../../app/scoring/compile-questionnaire";
import { conditionHolds } from "../../../app/scoring/conditions";
import { scoreAssessment } from "../../../app/scoring/score-assessment";

const full = getQuestionnaire("due-diligence", 1)!;
const light = getQuestionnaire("due-diligence-light", 1)!;
const questionsOf = (q: Questionnaire): Question[] => q.themes.flatMap((t) => t.questions);
const questionById = (q: Questionnaire, id: string) => questionsOf(q).find((question) => question.id === id);

function pointsOf(question: Question, value: string): number {
  if (question.type === "yes_no" || question.type === "yes_partly_no") {
    return (question.points as Record<string, number> | undefined)?.[value] ?? 0;
  }
  if (question.type === "single_choice" || question.type === "multiple_choice") {
    return question.options.find((o) => o.value === value)?.points ?? 0;
  }
  return 0;
}

/**
 * The procedure's themes and questions (seed 003, "Generisk due diligence-procedure for nye
 * leverandørforhold"), each with the questions that ask it. `da` is a phrase of the seed that the
 * Danish question text must contain, so the wording stays faithful.
 */
const SEED: { theme: string; title: string; questions: { seed: string; asks: { id: string; da: string }[] }[] }[] = [
  {
    theme: "security-management",
    title: "Sikkerhedsstyring og -politikker",
    questions: [
      { seed: "Har leverandøren dokumenterede informationssikkerhedspolitikker?", asks: [{ id: "security-policy", da: "dokumenterede informationssikkerhedspolitikker" }] },
      { seed: "Er de tilpasset anerkendte frameworks (f.eks. ISO 27001, NIST, NIS 2)?", asks: [{ id: "security-framework", da: "tilpasset anerkendte frameworks" }] },
      { seed: "Er der en ansvarlig på ledelsesniveau for cybersikkerhed?", asks: [{ id: "security-management-owner", da: "ansvarlig på ledelsesniveau for cybersikkerhed" }] },
    ],
  },
  {
    theme: "data-access-handling",
    title: "Dataadgang og -håndtering",
    questions: [
      {
        seed: "Netværkssikkerhed – Firewalls, systemer til indtrængningsdetektion/-forebyggelse, segmentering, VPN’er.",
        asks: [{ id: "network-controls", da: "indtrængningsdetektion/-forebyggelse" }],
      },
      {
        seed: "Er der datakryptering under overførsel og i hvile?",
        asks: [
          { id: "encryption-in-transit", da: "datakryptering under overførsel" },
          { id: "encryption-at-rest", da: "datakryptering i hvile" },
        ],
      },
      { seed: "Har de endepunktsbeskyttelse (f.eks. antivirus, administration af mobile enheder)?", asks: [{ id: "endpoint-protection", da: "endepunktsbeskyttelse" }] },
      { seed: "Har de sikkerhedspolitikker for cloud-løsninger?", asks: [{ id: "cloud-security-policy", da: "sikkerhedspolitikker for cloud-løsninger" }] },
      {
        seed: "Anvendes principperne om mindst mulige rettigheder og need-to-know ved adgang?",
        asks: [{ id: "least-privilege", da: "principperne om mindst mulige rettigheder og need-to-know" }],
      },
    ],
  },
  {
    theme: "identity-access",
    title: "Identitets- og adgangsstyring",
    questions: [
      {
        seed: "Håndhæver de stærke autentificeringsmetoder, såsom multifaktorautentificering (MFA)? Har de adgangskodepolitikker?",
        asks: [
          { id: "mfa-enforced", da: "stærke autentificeringsmetoder, såsom multifaktorautentificering (MFA)" },
          { id: "password-policy", da: "adgangskodepolitikker" },
        ],
      },
      {
        seed: "Hvordan håndteres oprettelse og nedlæggelse af brugere (især for medarbejdere, der fratræder)?",
        asks: [
          { id: "user-provisioning", da: "oprettelse og nedlæggelse af brugere" },
          { id: "leaver-access-removal", da: "medarbejdere, der fratræder" },
        ],
      },
      {
        seed: "Hvordan administreres privilegerede konti?",
        asks: [
          { id: "privileged-account-practices", da: "Hvordan administreres privilegerede konti" },
          { id: "mfa-privileged", da: "privilegerede konti" },
        ],
      },
    ],
  },
  {
    theme: "contract",
    title: "Kontraktuelle beskyttelser",
    questions: [
      { seed: "Indeholder aftalen klare databeskyttelsesklausuler?", asks: [{ id: "contract-data-protection-clauses", da: "klare databeskyttelsesklausuler" }] },
      { seed: "Indeholder aftalen sikkerhedskrav?", asks: [{ id: "contract-security-requirements", da: "sikkerhedskrav" }] },
      { seed: "Indeholder aftalen ret til audit?", asks: [{ id: "contract-audit-right", da: "ret til audit" }] },
      {
        seed: "Tidsfrister for brudmeddelelser (f.eks. inden for 24 eller 72 timer)?",
        asks: [{ id: "breach-notification-deadline", da: "Tidsfrist for brudmeddelelser" }],
      },
      {
        seed: "Databehandlingsklausuler: Hvem ejer dataene? Hvad sker der, hvis data kompromitteres? Er der klare regler for datalagring, overførsel og sletning?",
        asks: [
          { id: "data-processing-agreement", da: "Databehandlingsklausuler" },
          { id: "data-ownership", da: "Hvem ejer dataene" },
          { id: "data-compromise-obligations", da: "hvad der sker, hvis vores data kompromitteres" },
          { id: "data-storage-transfer-deletion", da: "klare regler for datalagring, overførsel og sletning" },
        ],
      },
      { seed: "Er der sanktioner eller afhjælpninger i tilfælde af et brud?", asks: [{ id: "contract-sanctions", da: "sanktioner eller afhjælpning i tilfælde af et brud" }] },
      {
        seed: "Opsigelsesrettigheder: ... opsige samarbejdet i tilfælde af brud på cybersikkerheden eller overtrædelser af sikkerhedspolitikker?",
        asks: [{ id: "contract-termination-rights", da: "opsige samarbejdet i tilfælde af brud på cybersikkerheden eller overtrædelser af sikkerhedspolitikker" }],
      },
      {
        seed: "Ansvarsbegrænsninger: Begræns din eksponering, hvis leverandøren bliver kompromitteret ... Er der fastsat maksimale erstatningsbeløb?",
        asks: [
          { id: "liability-terms", da: "Ansvarsbegrænsninger" },
          { id: "liability-cap", da: "fastsat maksimale erstatningsbeløb" },
        ],
      },
    ],
  },
  {
    theme: "incident-handling",
    title: "Hændelseshåndtering og historik for databrud",
    questions: [
      {
        seed: "Har de en testet beredskabsplan for sikkerhedshændelser (Incident Response Plan)?",
        asks: [
          { id: "incident-response-plan", da: "testet beredskabsplan for sikkerhedshændelser (Incident Response Plan)" },
          { id: "incident-response-plan-tested-on", da: "beredskabsplanen senest testet" },
        ],
      },
      {
        seed: "Hvad er deres historik med databrud?",
        asks: [
          { id: "breaches-last-3-years", da: "historik med databrud" },
          { id: "breach-history-details", da: "Beskriv kort bruddene" },
        ],
      },
      { seed: "Vil de informere dig med det samme, hvis dine data bliver berørt?", asks: [{ id: "notify-immediately", da: "informere os med det samme" }] },
      {
        seed: "Opsætning af alarmer og notifikationer ved mistænkelig adfærd fra kundekonti.",
        asks: [{ id: "suspicious-activity-alerts", da: "alarmer og notifikationer ved mistænkelig adfærd fra kundekonti" }],
      },
      {
        seed: "Brug af automatiserede systemer til at opdage uregelmæssigheder i realtid.",
        asks: [{ id: "realtime-anomaly-detection", da: "automatiserede systemer til at opdage uregelmæssigheder i realtid" }],
      },
      {
        seed: "Er der periodisk evaluering af adgangsrettigheder og sikkerhedspolitikker?",
        asks: [
          { id: "access-rights-review", da: "periodisk evaluering af adgangsrettigheder" },
          { id: "security-policy-review", da: "periodisk evaluering af sikkerhedspolitikkerne" },
        ],
      },
      {
        seed: "Mulighed for at gennemføre audits ved behov eller ved hændelser.",
        asks: [{ id: "audit-on-demand", da: "mulighed for at gennemføre audits ved behov eller ved hændelser" }],
      },
    ],
  },
  {
    theme: "security-controls",
    title: "Sikkerhedskontroller og -praksis",
    questions: [
      {
        seed: "Udfører de regelmæssige sårbarhedsscanninger og patching?",
        asks: [
          { id: "vulnerability-scanning", da: "regelmæssige sårbarhedsscanninger" },
          { id: "critical-patching", da: "Patching" },
        ],
      },
      {
        seed: "Har de gennemført nylige sikkerhedsaudits eller opnået certificeringer? (f.eks. ISO 27001 osv.)",
        asks: [
          { id: "certifications", da: "nylige sikkerhedsaudits eller opnået certificeringer" },
          { id: "iso27001-certificate-expiry", da: "ISO 27001-certifikat" },
          { id: "last-security-audit-date", da: "seneste sikkerhedsaudit" },
        ],
      },
      { seed: "Er systemer og infrastruktur adskilt for hver kunde?", asks: [{ id: "customer-separation", da: "systemer og infrastruktur adskilt for hver kunde" }] },
      { seed: "Har de en backup- og gendannelsesplan?", asks: [{ id: "backup-restore-plan", da: "backup- og gendannelsesplan" }] },
    ],
  },
  {
    theme: "testing-assessment",
    title: "Test og vurdering",
    questions: [
      {
        seed: "Har de gennemført penetrationstest eller tredjeparts risikovurderinger – og hvornår?",
        asks: [
          { id: "penetration-test", da: "gennemført penetrationstest" },
          { id: "penetration-test-date", da: "Hvornår blev den seneste penetrationstest" },
          { id: "third-party-risk-assessment", da: "tredjeparts risikovurdering" },
          { id: "third-party-risk-assessment-date", da: "Hvornår blev den seneste tredjeparts risikovurdering" },
        ],
      },
      {
        seed: "Vil de acceptere en sikkerhedsspørgeskemaundersøgelse eller teknisk audit?",
        asks: [
          { id: "accept-security-questionnaire", da: "acceptere en sikkerhedsspørgeskemaundersøgelse" },
          { id: "accept-technical-audit", da: "acceptere en teknisk audit" },
        ],
      },
      {
        seed: "Findes der eksterne offentlige eller private sikkerhedsvurderinger?",
        asks: [{ id: "external-assessments", da: "eksterne offentlige eller private sikkerhedsvurderinger" }],
      },
    ],
  },
  {
    theme: "subcontractors",
    title: "Risiko fra underleverandører (sub-contractors/fjerdeparter)",
    questions: [
      {
        seed: "Udliciterer de nogen tjenester? Hvis ja, til hvem og hvilke?",
        asks: [
          { id: "outsources-services", da: "Udliciterer I nogen tjenester" },
          { id: "subsuppliers-list", da: "Til hvem, og hvilke tjenester" },
        ],
      },
      {
        seed: "Udfører de cybersikkerhedsmæssig due diligence på deres egne leverandører?",
        asks: [{ id: "subsupplier-due-diligence", da: "cybersikkerhedsmæssig due diligence på jeres egne leverandører" }],
      },
      {
        seed: "Bliver du informeret, hvis de skifter kritiske tjenesteudbydere?",
        asks: [{ id: "subsupplier-change-notice", da: "informeret, hvis I skifter kritiske tjenesteudbydere" }],
      },
    ],
  },
  {
    theme: "awareness-training",
    title: "Sikkerhedsbevidsthed og -uddannelse",
    questions: [
      {
        seed: "Modtager deres medarbejdere regelmæssig træning i sikkerhedsbevidsthed?",
        asks: [{ id: "awareness-training", da: "regelmæssig træning i sikkerhedsbevidsthed" }],
      },
      {
        seed: "Gennemføres der phishing-simulationer eller øvelser i social engineering?",
        asks: [{ id: "phishing-simulations", da: "phishing-simulationer eller øvelser i social engineering" }],
      },
      {
        seed: "Findes der en politik for indberetning af sikkerhedshændelser?",
        asks: [{ id: "incident-reporting-policy", da: "politik for indberetning af sikkerhedshændelser" }],
      },
    ],
  },
  {
    theme: "cyber-insurance",
    title: "Forsikring mod cyberangreb",
    questions: [
      { seed: "Har de en forsikring mod cyberangreb?", asks: [{ id: "cyber-insurance", da: "forsikring mod cyberangreb" }] },
      {
        seed: "Er der et krav om dokumentation for aktiv forsikringsdækning?",
        asks: [
          { id: "insurance-proof", da: "Dokumentation for aktiv forsikringsdækning" },
          { id: "insurance-end-date", da: "forsikringsperiode" },
        ],
      },
      {
        seed: "Dækker forsikringen krav fra tredjeparter eller kun egne tab (førsteparts)?",
        asks: [{ id: "insurance-coverage", da: "krav fra tredjeparter eller kun egne tab (førsteparts)" }],
      },
    ],
  },
];

const WARNING_FLAGS = ["refuses-security-clauses", "mfa-exception", "deep-access-without-oversight"];
const DERIVED_FLAGS = [
  "no-incident-response-plan",
  "no-breach-notification",
  "no-mfa-privileged",
  "no-recent-pentest",
  "no-backup-plan",
  "subsuppliers-without-due-diligence",
  "no-cyber-insurance",
];

describe("the full questionnaire covers the procedure (seed 003)", () => {
  it("has the procedure's ten themes, in its order and with its titles", () => {
    expect(full.themes.map((t) => t.id)).toEqual(SEED.map((s) => s.theme));
    expect(full.themes.map((t) => t.title.da)).toEqual(SEED.map((s) => s.title));
    for (const theme of full.themes) expect(theme.title.en.trim()).not.toBe("");
  });

  for (const seedTheme of SEED) {
    describe(seedTheme.title, () => {
      it.each(seedTheme.questions.map((q) => [q.seed, q.asks] as const))("asks: %s", (_seed, asks) => {
        const theme = full.themes.find((t) => t.id === seedTheme.theme)!;
        for (const { id, da } of asks) {
          const question = theme.questions.find((q) => q.id === id);
          expect(question, `question '${id}' in theme '${seedTheme.theme}'`).toBeDefined();
          expect(question!.text.da.toLowerCase()).toContain(da.toLowerCase());
          expect(question!.text.en.trim().length).toBeGreaterThan(10);
          expect(question!.help.da.trim().length).toBeGreaterThan(40);
          expect(question!.help.en.trim().length).toBeGreaterThan(40);
        }
      });
    });
  }

  it("asks nothing twice in the seed mapping", () => {
    const ids = SEED.flatMap((t) => t.questions.flatMap((q) => q.asks.map((a) => a.id)));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("flags", () => {
  it.each([
    ["due-diligence", full],
    ["due-diligence-light", light],
  ] as const)("%s has the three warning flags, critical and marked as warnings", (_id, questionnaire) => {
    const warnings = questionnaire.flags.filter((f) => f.warning);
    expect(warnings.map((f) => f.id)).toEqual(WARNING_FLAGS);
    for (const flag of warnings) expect(flag.severity).toBe("critical");
  });

  it("the full questionnaire defines exactly the warning flags and the derived flags", () => {
    expect(full.flags.map((f) => f.id)).toEqual([...WARNING_FLAGS, ...DERIVED_FLAGS]);
    for (const id of DERIVED_FLAGS) expect(full.flags.find((f) => f.id === id)!.warning).toBe(false);
    for (const id of ["no-breach-notification", "no-mfa-privileged"]) {
      expect(["high", "critical"]).toContain(full.flags.find((f) => f.id === id)!.severity);
    }
  });

  it("every flag has a title and an explanation in both languages that says what to ask for", () => {
    for (const flag of full.flags) {
      expect(flag.title.da.length).toBeGreaterThan(5);
      expect(flag.title.en.length).toBeGreaterThan(5);
      expect(flag.explanation.da).toMatch(/Bed om|Spørg|Kræv|Overvej/);
      expect(flag.explanation.en).toMatch(/Ask |Require |Consider /);
    }
  });

  it("the light questionnaire's flags and rules are the full questionnaire's, for the questions it asks", () => {
    for (const flag of light.flags) expect(flag).toEqual(full.flags.find((f) => f.id === flag.id));
    for (const rule of light.flagRules) expect(full.flagRules).toContainEqual(rule);
    expect(light.flags.map((f) => f.id)).toEqual([...WARNING_FLAGS, ...DERIVED_FLAGS]);
  });
});

describe("scoring declarations", () => {
  it("every weighted question can be scored, and the key controls weigh most", () => {
    for (const compiled of compileQuestionnaire(full).questions) {
      if (compiled.question.weight > 0) expect(compiled.scoring.kind, compiled.question.id).not.toBe("none");
    }
    const heaviest = Math.max(...questionsOf(full).map((q) => q.weight));
    for (const id of [
      "mfa-enforced",
      "mfa-privileged",
      "customer-access-mfa",
      "breach-notification-deadline",
      "notify-immediately",
      "incident-response-plan",
      "backup-restore-plan",
    ]) {
      expect(questionById(full, id)!.weight, id).toBe(heaviest);
    }
  });

  it.each([
    ["due-diligence", full],
    ["due-diligence-light", light],
  ] as const)("%s: the highest-scoring answer to any question raises no flag on its own", (_id, questionnaire) => {
    const now = new Date("2025-06-15T12:00:00Z");
    for (const question of questionsOf(questionnaire)) {
      const values = fixedAnswerValues(question);
      if (values === null) continue;
      const points = (v: string) => pointsOf(question, v);
      const top = Math.max(...values.map(points));
      for (const value of values.filter((v) => points(v) === top)) {
        const answer: AnswerValue = question.type === "multiple_choice" ? [value] : value;
        const answers = toAnswerMap([{ questionId: question.id, value: answer }]);
        for (const rule of questionnaire.flagRules) {
          expect(conditionHolds(rule.when, answers, now), `${question.id}=${value} raises ${rule.flag}`).toBe(false);
        }
      }
    }
  });

  it("every question carries framework references, and they are well-formed", () => {
    const cfcsSections = new Set(["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "3.1", "4.1", "4.2", "5.1", "5.2", "5.3", "5.4", "5.5", "6.1", "Bilag 1", "Bilag 2", "Bilag 3", "Bilag 4", "Bilag 5"]);
    const annexA: Record<string, number> = { "5": 37, "6": 8, "7": 14, "8": 34 };
    for (const question of questionsOf(full)) {
      const refs = question.references;
      expect(refs?.cfcs?.length, `${question.id} cites the CFCS guide`).toBeGreaterThan(0);
      for (const section of refs!.cfcs!) expect(cfcsSections, question.id).toContain(section);
      for (const point of refs!.nis2 ?? []) expect(point, question.id).toMatch(/^(20\(1\)|21\(2\)\([a-j]\)|23\(4\)\(a\))$/);
      for (const article of refs!.gdpr ?? []) expect(article, question.id).toMatch(/^(24|25|28|32|33|44|46|82)(\(\d+\))?(\([a-j]\))?$/);
      for (const control of refs!.iso27001 ?? []) {
        const match = /^A\.([5-8])\.(\d+)$/.exec(control);
        expect(match, `${question.id}: ${control}`).not.toBeNull();
        expect(Number(match![2]), `${question.id}: ${control}`).toBeLessThanOrEqual(annexA[match![1]!]!);
      }
    }
  });
});

describe("evidence a reviewer needs", () => {
  it("asks for the security policy, incident response plan and certificates", () => {
    expect(questionById(full, "security-policy")).toMatchObject({ evidence: { byAnswer: { yes: "required" } } });
    expect(questionById(full, "incident-response-plan")).toMatchObject({ evidence: { byAnswer: { tested: "required" } } });
    expect(questionById(full, "certifications")).toMatchObject({ evidence: { default: "required", byAnswer: { none: "none" } } });
    expect(questionById(full, "insurance-proof")).toMatchObject({ type: "evidence", evidence: "required", showIf: { question: "cyber-insurance", in: ["yes"] } });
  });

  it("captures the dates on which evidence lapses", () => {
    expect(questionById(full, "iso27001-certificate-expiry")).toMatchObject({
      type: "date",
      evidence: "required",
      evidenceDate: { kind: "valid-until" },
      showIf: { question: "certifications", includes: "iso-27001" },
    });
    expect(questionById(full, "penetration-test-date")).toMatchObject({
      type: "date",
      evidence: "required",
      evidenceDate: { kind: "performed-on", validityMonths: 12 },
      showIf: { question: "penetration-test", in: ["external", "internal"] },
    });
    expect(questionById(full, "insurance-end-date")).toMatchObject({ type: "date", evidenceDate: { kind: "valid-until" } });
  });
});

// ---------------------------------------------------------------------------------------------
// Scoring real answers

const NOW = new Date("2025-06-15T12:00:00Z");
const a = (questionId: string, value: AnswerValue, extra: Partial<AnswerInput> = {}): AnswerInput => ({ questionId, value, ...extra });
const withEvidence = { evidenceCount: 1 };

/** An exemplary supplier: the best answer everywhere, evidence attached wherever it is asked for. */
const EXEMPLARY: AnswerInput[] = [
  a("security-policy", "yes", withEvidence),
  a("security-framework", ["iso-27001", "nis2"]),
  a("security-management-owner", "yes", { comment: "Direktør Mette Holm" }),
  a("security-contact", "Jonas Berg, it-chef, jb@leverandor.example, +45 12 34 56 78"),
  a("network-controls", ["firewall", "ids-ips", "segmentation", "vpn"]),
  a("encryption-in-transit", "yes"),
  a("encryption-at-rest", "yes"),
  a("endpoint-protection", ["antivirus", "mdm", "application-control"]),
  a("cloud-security-policy", "yes"),
  a("least-privilege", "yes"),
  a("data-location", "eu-eea"),
  a("mfa-enforced", "yes"),
  a("password-policy", "yes"),
  a("user-provisioning", "yes"),
  a("leaver-access-removal", "by-last-day"),
  a("privileged-account-practices", ["personal-accounts", "separate-accounts", "few-and-reviewed", "logged", "password-vault"]),
  a("mfa-privileged", "yes"),
  a("customer-system-access", "yes"),
  a("customer-access-mfa", "always"),
  a("security-exceptions-requested", "no"),
  a("backend-access", "yes", { comment: "Databaseadgang til fejlsøgning" }),
  a("backend-access-oversight", "yes"),
  a("contract-data-protection-clauses", "accept"),
  a("contract-security-requirements", "accept"),
  a("contract-audit-right", "accept"),
  a("breach-notification-deadline", "within-24h"),
  a("data-processing-agreement", "accept"),
  a("data-ownership", "customer"),
  a("data-compromise-obligations", "accept"),
  a("data-storage-transfer-deletion", "accept"),
  a("contract-sanctions", "accept"),
  a("contract-termination-rights", "accept"),
  a("liability-terms", "accept"),
  a("liability-cap", "cap-at-least-annual-value", { comment: "2 × årlig kontraktsum" }),
  a("incident-response-plan", "tested", withEvidence),
  a("incident-response-plan-tested-on", "2025-03-01"),
  a("breaches-last-3-years", 0),
  a("notify-immediately", "yes"),
  a("suspicious-activity-alerts", "yes"),
  a("realtime-anomaly-detection", "yes"),
  a("access-rights-review", "yes"),
  a("security-policy-review", "yes"),
  a("audit-on-demand", "yes"),
  a("vulnerability-scanning", "monthly-or-more"),
  a("critical-patching", "within-14-days"),
  a("certifications", ["iso-27001"], withEvidence),
  a("iso27001-certificate-expiry", "2026-09-30", withEvidence),
  a("iso27001-scope-covers-service", "yes"),
  a("last-security-audit-date", "2025-01-20"),
  a("customer-separation", "logical"),
  a("backup-restore-plan", "tested"),
  a("backup-isolated", "yes"),
  a("penetration-test", "external"),
  a("penetration-test-date", "2025-02-10", withEvidence),
  a("third-party-risk-assessment", "yes"),
  a("third-party-risk-assessment-date", "2024-11-01"),
  a("accept-security-questionnaire", "yes"),
  a("accept-technical-audit", "yes"),
  a("external-assessments", "yes", { comment: "ISAE 3000-erklæring fra vores revisor" }),
  a("outsources-services", "yes"),
  a("subsuppliers-list", "Microsoft Ireland – hosting i Azure – EU"),
  a("subsupplier-due-diligence", "yes"),
  a("subsupplier-requirements-flow-down", "yes"),
  a("subsupplier-change-notice", "in-advance"),
  a("awareness-training", "regular"),
  a("phishing-simulations", "yes"),
  a("incident-reporting-policy", "yes"),
  a("cyber-insurance", "yes"),
  a("insurance-coverage", "first-and-third-party"),
  a("insurance-proof", null, withEvidence),
  a("insurance-end-date", "2026-01-31"),
];

/** The exemplary answers with some replaced (or removed, with `undefined`). */
function changed(changes: Record<string, AnswerValue | undefined>, base: readonly AnswerInput[] = EXEMPLARY): AnswerInput[] {
  const kept = base.filter((answer) => !(answer.questionId in changes));
  const added = Object.entries(changes).flatMap(([questionId, value]) => (value === undefined ? [] : [a(questionId, value, withEvidence)]));
  return [...kept, ...added];
}

const flagsRaised = (questionnaire: Questionnaire, answers: readonly AnswerInput[]) =>
  scoreAssessment(questionnaire, answers, { now: NOW }).flags.map((f) => f.flagId).sort();

describe("an exemplary supplier", () => {
  it("answers every question of the full questionnaire, except the breach details that no breaches hide", () => {
    const unanswered = questionsOf(full).filter((q) => !EXEMPLARY.some((x) => x.questionId === q.id));
    expect(unanswered.map((q) => q.id)).toEqual(["breach-history-details"]);
  });

  it.each([
    ["due-diligence", full],
    ["due-diligence-light", light],
  ] as const)("scores 100 on %s, complete and without flags", (_id, questionnaire) => {
    const ids = new Set(questionsOf(questionnaire).map((q) => q.id));
    const result = scoreAssessment(questionnaire, EXEMPLARY.filter((x) => ids.has(x.questionId)), { now: NOW });
    expect(result.flags).toEqual([]);
    expect(result.overallScore).toBe(100);
    expect(result.themes.map((t) => t.score)).toEqual(questionnaire.themes.map(() => 100));
    expect(result.completeness).toBe(100);
    expect(result.requiredUnanswered).toEqual([]);
    expect(result.missingEvidence).toEqual([]);
  });
});

describe("the warning flags fire on the answers the procedure describes", () => {
  const cases: [description: string, changes: Record<string, AnswerValue | undefined>, flags: string[]][] = [
    ["refuses the data processing agreement", { "data-processing-agreement": "refuse" }, ["refuses-security-clauses"]],
    ["refuses liability terms", { "liability-terms": "refuse" }, ["refuses-security-clauses"]],
    ["excludes liability for breaches", { "liability-cap": "liability-excluded" }, ["refuses-security-clauses"]],
    ["refuses any breach notification deadline", { "breach-notification-deadline": "no-commitment" }, ["no-breach-notification", "refuses-security-clauses"]],
    ["refuses the audit right", { "contract-audit-right": "refuse" }, ["refuses-security-clauses"]],
    ["wants to negotiate a clause (no refusal)", { "contract-security-requirements": "accept-with-changes" }, []],
    ["needs an exception from MFA on our systems", { "customer-access-mfa": "exception-needed" }, ["mfa-exception"]],
    ["uses MFA on only some accounts", { "customer-access-mfa": "some-accounts-only" }, ["mfa-exception"]],
    ["asks for exceptions from basic security", { "security-exceptions-requested": "yes" }, ["mfa-exception"]],
    ["does not log in to our systems (hidden MFA answer ignored)", { "customer-system-access": "no", "customer-access-mfa": "exception-needed" }, []],
    ["wants backend access without oversight", { "backend-access-oversight": "no" }, ["deep-access-without-oversight"]],
    ["wants backend access with partial oversight", { "backend-access-oversight": "partly" }, ["deep-access-without-oversight"]],
    ["needs no backend access (hidden oversight answer ignored)", { "backend-access": "no", "backend-access-oversight": "no" }, []],
  ];

  it.each(cases)("%s", (_description, changes, expected) => {
    expect(flagsRaised(full, changed(changes))).toEqual([...expected].sort());
  });

  it("marks them as warnings in the scored result", () => {
    const result = scoreAssessment(full, changed({ "data-processing-agreement": "refuse", "backend-access-oversight": "no" }), { now: NOW });
    expect(result.flags.map((f) => [f.flagId, f.severity, f.warning])).toEqual([
      ["refuses-security-clauses", "critical", true],
      ["deep-access-without-oversight", "critical", true],
    ]);
    expect(result.flags[0]!.triggers).toEqual([{ questionId: "data-processing-agreement", value: "refuse" }]);
  });
});

describe("the derived flags fire on the answers they name", () => {
  const cases: [description: string, changes: Record<string, AnswerValue | undefined>, flags: string[]][] = [
    ["no incident response plan", { "incident-response-plan": "none", "incident-response-plan-tested-on": undefined }, ["no-incident-response-plan"]],
    ["an untested plan is not 'no plan'", { "incident-response-plan": "untested", "incident-response-plan-tested-on": undefined }, []],
    ["notification later than 72 hours", { "breach-notification-deadline": "later" }, ["no-breach-notification"]],
    ["notification within 72 hours is enough", { "breach-notification-deadline": "within-72h" }, []],
    ["will not inform us at once", { "notify-immediately": "no" }, ["no-breach-notification"]],
    ["no MFA for privileged accounts", { "mfa-privileged": "no" }, ["no-mfa-privileged"]],
    ["never penetration tested", { "penetration-test": "no", "penetration-test-date": undefined }, ["no-recent-pentest"]],
    ["last penetration test 13 months ago", { "penetration-test-date": "2024-05-10" }, ["no-recent-pentest"]],
    ["last penetration test 11 months ago", { "penetration-test-date": "2024-07-20" }, []],
    ["no backup plan", { "backup-restore-plan": "none", "backup-isolated": undefined }, ["no-backup-plan"]],
    ["sub-suppliers without due diligence", { "subsupplier-due-diligence": "no" }, ["subsuppliers-without-due-diligence"]],
    ["some due diligence on sub-suppliers", { "subsupplier-due-diligence": "partly" }, []],
    ["no cyber insurance", { "cyber-insurance": "no" }, ["no-cyber-insurance"]],
  ];

  it.each(cases)("%s", (_description, changes, expected) => {
    expect(flagsRaised(full, changed(changes))).toEqual([...expected].sort());
  });

  it("a questionnaire of refusals raises every flag, in severity order", () => {
    const worst = changed({
      "data-processing-agreement": "refuse",
      "customer-access-mfa": "exception-needed",
      "backend-access-oversight": "no",
      "incident-response-plan": "none",
      "breach-notification-deadline": "later",
      "mfa-privileged": "no",
      "penetration-test": "no",
      "backup-restore-plan": "none",
      "subsupplier-due-diligence": "no",
      "cyber-insurance": "no",
    });
    expect(scoreAssessment(full, worst, { now: NOW }).flags.map((f) => f.flagId)).toEqual([
      "refuses-security-clauses",
      "mfa-exception",
      "deep-access-without-oversight",
      "no-breach-notification",
      "no-incident-response-plan",
      "no-mfa-privileged",
      "no-backup-plan",
      "subsuppliers-without-due-diligence",
      "no-recent-pentest",
      "no-cyber-insurance",
    ]);
  });
});

describe("conditional questions", () => {
  it("show follow-up questions only when the earlier answer makes them relevant", () => {
    const required = (answers: AnswerInput[]) => scoreAssessment(full, answers, { now: NOW }).requiredUnanswered;
    const without = (...ids: string[]) => EXEMPLARY.filter((x) => !ids.includes(x.questionId));

    expect(required(without("penetration-test-date"))).toEqual(["penetration-test-date"]);
    expect(required(changed({ "penetration-test": "no", "penetration-test-date": undefined }))).toEqual([]);

    expect(required(without("subsuppliers-list"))).toEqual(["subsuppliers-list"]);
    expect(
      required(changed({ "outsources-services": "no", "subsuppliers-list": undefined, "subsupplier-due-diligence": undefined, "subsupplier-requirements-flow-down": undefined })),
    ).toEqual([]);

    expect(required(without("iso27001-certificate-expiry"))).toEqual(["iso27001-certificate-expiry"]);
    expect(required(changed({ certifications: ["isae-3402"], "iso27001-certificate-expiry": undefined, "iso27001-scope-covers-service": undefined }))).toEqual([]);
    expect(required(changed({ certifications: ["none"], "iso27001-certificate-expiry": undefined, "iso27001-scope-covers-service": undefined, "last-security-audit-date": undefined }))).toEqual([]);

    expect(required(without("breach-history-details"))).toEqual([]);
    expect(required(changed({ "breaches-last-3-years": 2 }).filter((x) => x.questionId !== "breach-history-details"))).toEqual(["breach-history-details"]);
  });
});

describe("the light questionnaire", () => {
  it("covers all ten themes briefly", () => {
    expect(light.themes.map((t) => t.id)).toEqual(full.themes.map((t) => t.id));
    for (const theme of light.themes) expect(theme.questions.length).toBeGreaterThan(0);
    const count = questionsOf(light).length;
    expect(count).toBeGreaterThanOrEqual(15);
    expect(count).toBeLessThanOrEqual(20);
    expect(light.intendedTiers).toEqual(["low"]);
  });

  it("reuses the full questionnaire's questions unchanged, so answers carry across", () => {
    for (const question of questionsOf(light)) expect(question).toEqual(questionById(full, question.id));
  });

  it("raises the warning flags on the same answers as the full questionnaire", () => {
    const lightIds = new Set(questionsOf(light).map((q) => q.id));
    const base = EXEMPLARY.filter((x) => lightIds.has(x.questionId));
    expect(flagsRaised(light, changed({ "data-processing-agreement": "refuse" }, base))).toEqual(["refuses-security-clauses"]);
    expect(flagsRaised(light, changed({ "customer-access-mfa": "exception-needed" }, base))).toEqual(["mfa-exception"]);
    expect(flagsRaised(light, changed({ "backend-access-oversight": "no" }, base))).toEqual(["deep-access-without-oversight"]);
  });
});
