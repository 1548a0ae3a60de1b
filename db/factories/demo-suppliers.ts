/**
 * The demo organisation's suppliers: fictional companies with realistic Danish names, services and
 * risk profiles chosen so that every tier is represented. Deterministic: the same list every run.
 */
import type { RiskProfile } from "../../app/suppliers/tiering";
export { generateCvr } from "../../app/suppliers/cvr";

export interface DemoSupplier {
  name: string;
  country: string;
  services: string;
  contact: { name: string; role: string; locale: "da" | "en" };
  profile: RiskProfile;
}

const p = (overrides: Partial<RiskProfile>): RiskProfile => ({
  dataSensitivity: "internal",
  dataVolume: "limited",
  businessCritical: false,
  criticalInfrastructure: false,
  deliveryType: "standard",
  dataLocation: "denmark",
  accessLevel: "none",
  operationalResponsibility: false,
  annualContractValueDkk: 150_000,
  incidentCount: 0,
  cooperation: "good",
  ...overrides,
});

const critical = (o: Partial<RiskProfile> = {}) =>
  p({ dataSensitivity: "sensitive-personal", dataVolume: "extensive", businessCritical: true, accessLevel: "admin", operationalResponsibility: true, deliveryType: "specialised", annualContractValueDkk: 4_500_000, ...o });
const high = (o: Partial<RiskProfile> = {}) =>
  p({ dataSensitivity: "confidential", dataVolume: "extensive", accessLevel: "write", operationalResponsibility: true, annualContractValueDkk: 1_200_000, ...o });
const medium = (o: Partial<RiskProfile> = {}) =>
  p({ dataSensitivity: "confidential", dataVolume: "limited", accessLevel: "read", annualContractValueDkk: 400_000, ...o });
const low = (o: Partial<RiskProfile> = {}) => p({ dataSensitivity: "none", dataVolume: "none", annualContractValueDkk: 60_000, ...o });

export const DEMO_SUPPLIERS: DemoSupplier[] = [
  { name: "Nordlys Drift A/S", country: "DK", services: "Drift af ESDH-system og databaser", contact: { name: "Mette Kjær", role: "Sikkerhedschef", locale: "da" }, profile: critical() },
  { name: "Fjordnet Hosting ApS", country: "DK", services: "Hosting af borgerrettede selvbetjeningsløsninger", contact: { name: "Rasmus Holm", role: "CTO", locale: "da" }, profile: critical({ criticalInfrastructure: true }) },
  { name: "Bølgeborg Lønservice A/S", country: "DK", services: "Lønbehandling for kommunens ansatte", contact: { name: "Anne-Sofie Lund", role: "Compliance-ansvarlig", locale: "da" }, profile: critical({ accessLevel: "write" }) },
  { name: "Skovbo Omsorgssystemer ApS", country: "DK", services: "Omsorgsjournal til hjemmeplejen", contact: { name: "Jakob Møller", role: "Direktør", locale: "da" }, profile: critical({ cooperation: "limited" }) },
  { name: "Baltic Cloud Services UAB", country: "LT", services: "Backup and disaster recovery", contact: { name: "Rūta Kazlauskienė", role: "Security Officer", locale: "en" }, profile: critical({ dataLocation: "eu" }) },
  { name: "Kystlinjen Netværk A/S", country: "DK", services: "Netværk og firewalls på rådhuset", contact: { name: "Lars Thomsen", role: "Netværksarkitekt", locale: "da" }, profile: critical({ dataSensitivity: "confidential", incidentCount: 2 }) },
  { name: "Atlantic Analytics Ltd", country: "GB", services: "Data analytics for social services", contact: { name: "Oliver Hughes", role: "Head of Information Security", locale: "en" }, profile: high({ dataLocation: "outside-eu" }) },
  { name: "Hedebo Dokumenthåndtering ApS", country: "DK", services: "Scanning og arkivering af sager", contact: { name: "Camilla Vestergaard", role: "Driftschef", locale: "da" }, profile: high() },
  { name: "Rønnebær Rådgivning I/S", country: "DK", services: "IT-rådgivning om NIS2", contact: { name: "Henrik Bach", role: "Partner", locale: "da" }, profile: high({ accessLevel: "read", operationalResponsibility: false }) },
  { name: "Vesterhav Software A/S", country: "DK", services: "Booking af lokaler og hallerne", contact: { name: "Sara Iversen", role: "Produktchef", locale: "da" }, profile: high({ dataSensitivity: "internal" }) },
  { name: "Mälardalen IT AB", country: "SE", services: "Support of the library system", contact: { name: "Erik Lindqvist", role: "Service Manager", locale: "en" }, profile: high({ dataLocation: "eu" }) },
  { name: "Solsikke Skoleportal ApS", country: "DK", services: "Skoleintra og forældrekommunikation", contact: { name: "Louise Dam", role: "Databeskyttelsesrådgiver", locale: "da" }, profile: high({ dataSensitivity: "sensitive-personal" }) },
  { name: "Engblomme Print A/S", country: "DK", services: "Print og forsendelse af breve (Digital Post-fallback)", contact: { name: "Peter Skov", role: "Kvalitetschef", locale: "da" }, profile: high({ accessLevel: "none", incidentCount: 3 }) },
  { name: "Tranehøj Vikarservice ApS", country: "DK", services: "IT-vikarer til servicedesk", contact: { name: "Maria Nygaard", role: "Kontaktperson", locale: "da" }, profile: high({ cooperation: "poor" }) },
  { name: "Grenå Geodata A/S", country: "DK", services: "Kortdata og GIS", contact: { name: "Mikkel Friis", role: "Teamleder", locale: "da" }, profile: medium() },
  { name: "Lyngby Læringsplatform ApS", country: "DK", services: "E-læring til medarbejdere", contact: { name: "Ida Krogh", role: "Kundeansvarlig", locale: "da" }, profile: medium() },
  { name: "Polder Data BV", country: "NL", services: "Survey and citizen feedback tool", contact: { name: "Sanne de Vries", role: "Privacy Officer", locale: "en" }, profile: medium({ dataLocation: "eu" }) },
  { name: "Mosevang Kantinesystemer ApS", country: "DK", services: "Kantinebetaling", contact: { name: "Niels Andersen", role: "Direktør", locale: "da" }, profile: medium({ dataSensitivity: "internal" }) },
  { name: "Klitgaard Tolkeservice A/S", country: "DK", services: "Videotolkning", contact: { name: "Fatima Khalil", role: "Driftsansvarlig", locale: "da" }, profile: medium() },
  { name: "Havnefront Parkering ApS", country: "DK", services: "Parkeringsapp og betalingsløsning", contact: { name: "Thomas Lauridsen", role: "CIO", locale: "da" }, profile: medium({ deliveryType: "specialised" }) },
  { name: "Alpine Signatures GmbH", country: "DE", services: "Electronic signatures for contracts", contact: { name: "Julia Berger", role: "Customer Success", locale: "en" }, profile: medium({ dataLocation: "eu" }) },
  { name: "Birkely Byggesag ApS", country: "DK", services: "Byggesagsbehandling", contact: { name: "Kasper Olesen", role: "Projektleder", locale: "da" }, profile: medium({ incidentCount: 1 }) },
  { name: "Ørestad Mødebooking ApS", country: "DK", services: "Mødebooking og skærme", contact: { name: "Julie Mortensen", role: "Support", locale: "da" }, profile: medium({ dataSensitivity: "internal", accessLevel: "read" }) },
  { name: "Nørrebro Nyhedsbrev ApS", country: "DK", services: "Udsendelse af nyhedsbreve", contact: { name: "Emil Frederiksen", role: "Teknisk ansvarlig", locale: "da" }, profile: medium() },
  { name: "Limfjord Kommunikation A/S", country: "DK", services: "Hjemmeside og CMS", contact: { name: "Signe Pedersen", role: "Webansvarlig", locale: "da" }, profile: medium({ accessLevel: "write" }) },
  { name: "Pacific Chat Inc.", country: "US", services: "Chatbot on the municipal website", contact: { name: "Emily Chen", role: "Trust & Safety Lead", locale: "en" }, profile: medium({ dataLocation: "outside-eu", dataSensitivity: "internal" }) },
  { name: "Egeskov Kontorartikler ApS", country: "DK", services: "Kontorartikler (webshop)", contact: { name: "Bo Christiansen", role: "Salgschef", locale: "da" }, profile: low() },
  { name: "Valmue Blomster I/S", country: "DK", services: "Blomster til arrangementer", contact: { name: "Hanne Bruun", role: "Indehaver", locale: "da" }, profile: low() },
  { name: "Strandeng Rengøring A/S", country: "DK", services: "Rengøring af rådhuset", contact: { name: "Ali Hassan", role: "Områdeleder", locale: "da" }, profile: low() },
  { name: "Kildevæld Vandkøling ApS", country: "DK", services: "Vandkølere", contact: { name: "Morten Winther", role: "Servicetekniker", locale: "da" }, profile: low() },
  { name: "Hvidsten Kaffe ApS", country: "DK", services: "Kaffeautomater", contact: { name: "Pernille Juhl", role: "Kundeservice", locale: "da" }, profile: low({ dataSensitivity: "internal" }) },
  { name: "Søndervig Skilte A/S", country: "DK", services: "Skilte og wayfinding", contact: { name: "Anders Kristensen", role: "Direktør", locale: "da" }, profile: low() },
  { name: "Nordic Translations Oy", country: "FI", services: "Translation of public information", contact: { name: "Aino Virtanen", role: "Project Manager", locale: "en" }, profile: low({ dataSensitivity: "internal", dataLocation: "eu" }) },
  { name: "Hyldebær Catering ApS", country: "DK", services: "Catering til byrådsmøder", contact: { name: "Lone Jessen", role: "Køkkenchef", locale: "da" }, profile: low() },
  { name: "Granly Arbejdstøj A/S", country: "DK", services: "Arbejdstøj til vej og park", contact: { name: "Steen Madsen", role: "Salgskonsulent", locale: "da" }, profile: low() },
  { name: "Kløverbakken Kurser ApS", country: "DK", services: "Førstehjælpskurser", contact: { name: "Rikke Søndergaard", role: "Kursusleder", locale: "da" }, profile: low({ dataSensitivity: "internal" }) },
  { name: "Lærkevej Låsesmed ApS", country: "DK", services: "Låse og adgangskort", contact: { name: "Jens Poulsen", role: "Mester", locale: "da" }, profile: medium({ dataSensitivity: "internal", accessLevel: "none", businessCritical: true }) },
  { name: "Marsk Energi Rådgivning A/S", country: "DK", services: "Energistyring af bygninger (SRO)", contact: { name: "Karina Østergaard", role: "Energikonsulent", locale: "da" }, profile: high({ criticalInfrastructure: false, businessCritical: true, dataSensitivity: "internal" }) },
  { name: "Fyrtårn Sikkerhed A/S", country: "DK", services: "Videoovervågning", contact: { name: "Brian Larsen", role: "Sikkerhedskonsulent", locale: "da" }, profile: high({ dataSensitivity: "sensitive-personal", dataVolume: "limited" }) },
  { name: "Dalgas Digital ApS", country: "DK", services: "Udvikling af borgerapp", contact: { name: "Nanna Berg", role: "Lead developer", locale: "da" }, profile: medium({ deliveryType: "specialised", accessLevel: "write" }) },
];

/** A deterministic pseudo-random generator (mulberry32), so demo data is the same every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
