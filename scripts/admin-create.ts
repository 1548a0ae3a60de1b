/**
 * `npm run admin:create -- --organisation "Kommune X" --name "Anne Admin" --email anne@x.dk`
 * creates an organisation and its first admin. The password comes from ADMIN_PASSWORD or is asked
 * for on the terminal. The admin sets up two-step verification at the first sign-in.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { closeDb } from "../db/client";
import { createOrganisationWithAdmin } from "../app/organisations/setup.server";
import { getTranslator } from "../app/i18n/translate";
import { isMessageKey } from "../app/i18n/translate";

const { values } = parseArgs({
  options: {
    organisation: { type: "string" },
    name: { type: "string" },
    email: { type: "string" },
    locale: { type: "string", default: "da" },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const organisation = values.organisation?.trim();
const name = values.name?.trim();
const email = values.email?.trim().toLowerCase();
if (!organisation || !name || !email) {
  fail('Usage: npm run admin:create -- --organisation "Name" --name "Admin Name" --email admin@example.dk [--locale da|en]');
}
if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) fail(`Not an email address: ${email}`);
const locale = values.locale === "en" ? "en" : "da";

let password = process.env.ADMIN_PASSWORD;
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question("Password (at least 12 characters): ");
  rl.close();
}

const outcome = await createOrganisationWithAdmin({ organisationName: organisation, name, email, password, locale });
closeDb();
if (outcome.kind === "field") {
  const t = getTranslator("en");
  fail(`${outcome.field}: ${isMessageKey(outcome.message) ? t(outcome.message) : outcome.message}`);
}
if (outcome.kind === "already-set-up") fail("Could not create the organisation.");
console.log(`Created organisation "${organisation}" (${outcome.orgId}) with admin ${email}.`);
console.log("Sign in at /login; you will be asked to set up two-step verification first.");
