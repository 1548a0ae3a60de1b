import { describe, expect, it } from "vitest";
import { formatDate, formatNumber } from "~/i18n/format";
import { negotiateLocale } from "~/i18n/locales";
import { messages, namespaces } from "~/i18n/messages";
import { getTranslator, interpolate } from "~/i18n/translate";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message dictionaries", () => {
  for (const [name, namespace] of Object.entries(namespaces)) {
    describe(`namespace ${name}`, () => {
      const da = namespace.da as Record<string, string>;
      const en = namespace.en as Record<string, string>;

      it("has the same keys in Danish and English", () => {
        expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
      });

      it("has no empty message and the same placeholders in both languages", () => {
        for (const key of Object.keys(da)) {
          expect(da[key]?.trim(), `da ${key}`).not.toBe("");
          expect(en[key]?.trim(), `en ${key}`).not.toBe("");
          expect(placeholders(en[key] ?? ""), `placeholders of ${key}`).toEqual(placeholders(da[key] ?? ""));
        }
      });

      if (name !== "common") {
        it(`keys start with "${name}."`, () => {
          for (const key of Object.keys(da)) expect(key.startsWith(`${name}.`), key).toBe(true);
        });
      }
    });
  }

  it("defines no key in two namespaces", () => {
    const seen = new Map<string, string>();
    for (const [name, namespace] of Object.entries(namespaces)) {
      for (const key of Object.keys(namespace.da)) {
        expect(seen.get(key), `${key} is in ${seen.get(key)} and ${name}`).toBeUndefined();
        seen.set(key, name);
      }
    }
    expect(Object.keys(messages.da).length).toBe(seen.size);
  });
});

describe("translation", () => {
  it("interpolates named placeholders and leaves unknown ones", () => {
    expect(interpolate("Hej {name}, {missing}", { name: "Ane" })).toBe("Hej Ane, {missing}");
  });

  it("translates into each language", () => {
    expect(getTranslator("da")("error.notFound.title")).toBe("Siden findes ikke");
    expect(getTranslator("en")("error.notFound.title")).toBe("Page not found");
  });

  it("formats dates and numbers per locale", () => {
    expect(formatDate("2026-03-05", "da")).toBe("5. marts 2026");
    expect(formatDate("2026-03-05", "en")).toBe("5 March 2026");
    expect(formatNumber(1234.5, "da")).toBe("1.234,5");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
  });
});

describe("negotiateLocale", () => {
  it.each([
    [null, "da"],
    ["", "da"],
    ["en-US,en;q=0.9", "en"],
    ["da-DK,da;q=0.9,en;q=0.8", "da"],
    ["de-DE,en;q=0.5", "en"],
    ["en;q=0.4,da;q=0.8", "da"],
    ["nb-NO", "da"],
    ["fr-FR", "da"],
    ["en;q=0", "da"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
