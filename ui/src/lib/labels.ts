// Plain words for the codes the backend sends. Each table is typed by the Rust enum's union, so a
// new kind, status or piece of evidence fails the type check until it has its words.
import type { RequestKind } from "./bindings/RequestKind";
import type { RequestStatus } from "./bindings/RequestStatus";
import type { RequesterRole } from "./bindings/RequesterRole";
import type { Channel } from "./bindings/Channel";
import type { Evidence } from "./bindings/Evidence";
import type { NextStep } from "./bindings/NextStep";
import type { Escalation } from "./bindings/Escalation";
import type { EndStep } from "./bindings/EndStep";
import type { NoteKind } from "./bindings/NoteKind";
import type { Standing } from "./bindings/Standing";
import type { RoutineRecipient } from "./bindings/RoutineRecipient";
import type { RoutineFunction } from "./bindings/RoutineFunction";
import type { Basis } from "./bindings/Basis";
import type { VerificationMethod } from "./bindings/VerificationMethod";
import type { DisputeStep } from "./bindings/DisputeStep";
import type { Accompanying } from "./bindings/Accompanying";
import type { VerificationOutcome } from "./bindings/VerificationOutcome";
import type { Holding } from "./bindings/Holding";
import type { ReplyStanding } from "./bindings/ReplyStanding";
import type { Duty } from "./bindings/Duty";
import type { NoticeKind } from "./bindings/NoticeKind";

const kinds: Record<RequestKind, string> = {
  access: "Inspect / copy", amendment: "Amendment", accounting: "Accounting of disclosures",
  restriction: "Restriction", confidential_communication: "Confidential communications", complaint: "Complaint",
};
const statuses: Record<RequestStatus, string> = {
  received: "Received", awaiting_written_request: "Awaiting a written request", verified: "Verified", in_review: "In review", pending_approval: "Awaiting approval",
  decided: "Decided", letter_sent: "Letter sent", closed: "Closed", withdrawn: "Withdrawn", extended: "Extended",
  under_review: "Denial under review",
};

export const kindLabel = (k: RequestKind | "") => (k ? kinds[k] : "");
export const statusLabel = (s: RequestStatus) => statuses[s];

/** 2025-03-10 → Mar 10, 2025 (no time zone shifts: the date is taken as written). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1];
  return `${month} ${d}, ${y}`;
}

const roles: Record<RequesterRole, string> = {
  individual: "The participant", parent: "Parent of a minor", personal_representative: "Personal representative",
  public_official: "Public official", third_party: "Third party with an authorization",
};
const channels: Record<Channel, string> = { in_person: "In person", telephone: "Telephone", mail: "Mail", fax: "Fax" };
const evidence: Record<Evidence, string> = {
  photo_id: "Government photo ID seen", photo_id_matches: "The photo ID matches the person",
  copy_filed: "A copy is filed with the record set", ssn_match: "SSN matches the one on file",
  known_origin: "The request comes from a known source", dependent_enrolled: "The child is enrolled under this parent's coverage",
  child_is_minor: "The child is under 18 on the date received", representative_document: "Documentation of the representative's authority",
  official_credentials: "Agency badge or credentials", government_letterhead: "Request on government letterhead",
  statement_of_legal_authority: "Statement of legal authority", authorization_on_file: "A valid authorization is on file",
};
const nextSteps: Record<NextStep, string> = {
  collect_evidence: "Collect what is missing before going on.",
  ask_for_written_request: "Log the contact: the person is asked to send the request in writing.",
  refer_to_privacy_official: "Refer this request to the Privacy Official.",
};
const escalations: Record<Escalation, string> = {
  privacy_official: "The Privacy Official must approve", county_attorney: "Legal process: send to the County Attorney",
};
// The legal basis of a disclosure, in the order the logbook form offers them (the usual ones
// first). Whether a basis is accounted is desk-core's rule, shown beside each logged entry.
const bases: Record<Basis, string> = {
  payment: "Payment", operations: "Health care operations", treatment: "Treatment",
  to_individual: "To the individual", authorization: "Under an authorization",
  involvement_in_care: "To someone involved in the individual's care or payment, or for notification (164.510)",
  required_by_law: "Required by law (including to the Secretary of HHS)", judicial: "Judicial or administrative proceeding",
  law_enforcement: "Law enforcement", public_health: "Public health", health_oversight: "Health oversight",
  abuse_neglect: "Report of abuse, neglect or domestic violence", serious_threat: "Serious threat to health or safety",
  decedent: "About a decedent (coroner, medical examiner, funeral director)", organ_donation: "Organ, eye or tissue donation",
  research: "Research (waiver of authorization)", workers_compensation: "Workers' compensation",
  national_security: "National security or intelligence", correctional_custody: "Correctional institution or law enforcement custody",
  limited_data_set: "Limited data set", incidental: "Incidental to a permitted use or disclosure",
  impermissible: "Not permitted by the Privacy Rule (impermissible)",
};
export const basisLabel = (b: Basis) => bases[b];
export const BASES = Object.keys(bases) as Basis[];

export const roleLabel = (r: RequesterRole | "") => (r ? roles[r] : "");
export const channelLabel = (c: Channel | "") => (c ? channels[c] : "");
export const evidenceLabel = (e: Evidence) => evidence[e];
export const nextStepLabel = (s: NextStep) => nextSteps[s];
export const escalationLabel = (s: Escalation) => escalations[s];
const endSteps: Record<EndStep, string> = {
  close: "Closed", withdraw: "Withdrawn", reopen: "Reopened", county_attorney: "Sent to the County Attorney",
};
const endActions: Record<EndStep, string> = {
  close: "Close the case", withdraw: "Record a withdrawal", reopen: "Reopen the case", county_attorney: "Send to the County Attorney",
};
const noteKinds: Record<NoteKind, string> = { phone_call: "Phone call", mail_received: "Mail received", note: "Note" };
const standings: Record<Standing, string> = {
  waiting: "Waiting for the office", answered: "Answered, not closed", awaiting_written_request: "Awaiting a written request",
  ended: "Closed or withdrawn", all: "Any",
};
export const endStepLabel = (s: EndStep) => endSteps[s];
export const endActionLabel = (s: EndStep) => endActions[s];
export const noteKindLabel = (k: NoteKind) => noteKinds[k];
export const standingLabel = (s: Standing) => standings[s];
const methods: Record<VerificationMethod, string> = {
  photo_id: "Government photo ID", ssn_match: "SSN digits matched", dependent_coverage: "Child enrolled under the parent",
  legal_document: "Legal document (power of attorney, guardianship…)", credentials: "Official's badge or credentials",
  letterhead: "Government letterhead", referred: "Referred to the Privacy Official",
};
const outcomes: Record<VerificationOutcome, string> = {
  verified: "Verified", not_verified: "Not verified", referred_to_privacy_official: "Referred to the Privacy Official",
};
const disputeSteps: Record<DisputeStep, string> = {
  disagreement: "Statement of disagreement received", rebuttal: "Rebuttal written and a copy sent",
  include_with_disclosures: "Asked that the request and denial go with future disclosures",
};
const accompanying: Record<Accompanying, string> = {
  amendment_request: "the request for amendment", denial: "the denial", statement_of_disagreement: "the statement of disagreement",
  rebuttal: "the plan's rebuttal",
};
export const disputeStepLabel = (s: DisputeStep) => disputeSteps[s];
export const accompanyingLabel = (a: Accompanying) => accompanying[a];
export const methodLabel = (m: VerificationMethod) => methods[m];
export const outcomeLabel = (o: VerificationOutcome) => outcomes[o];
/** The ways a requester can be verified on the request page (a referral is not one). */
export const VERIFY_METHODS = (Object.keys(methods) as VerificationMethod[]).filter((m) => m !== "referred");
export const NOTE_KINDS = Object.keys(noteKinds) as NoteKind[];
export const STANDINGS = Object.keys(standings) as Standing[];
export const KINDS = Object.keys(kinds) as RequestKind[];
export const ROLES = Object.keys(roles) as RequesterRole[];
export const CHANNELS = Object.keys(channels) as Channel[];

/** Today's date in the computer's time zone, as YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Dollars as typed ("12.50") to cents; null when not a sum of money. */
export function cents(text: string): number | null {
  const t = text.trim().replace(/^\$/, "");
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(parseFloat(t) * 100);
}

const routineRecipients: Record<RoutineRecipient, string> = {
  medical_plan: "The medical plan", prescription_plan: "The prescription plan", employee_assistance: "The employee assistance program",
  dental_plan: "The dental plan", vision_plan: "The vision plan", reciprocal_plan: "A reciprocal plan",
  auditor: "The plan's auditors", attorney: "The plan's attorneys",
};
export const ROUTINE_RECIPIENTS = Object.entries(routineRecipients) as [RoutineRecipient, string][];

const routineFunctions: Record<RoutineFunction, string> = {
  enrolment: "Enrolment", audit: "An audit", claim_resolution: "Resolving a claim", id_cards: "ID cards",
  eligibility: "Eligibility", legal_request: "A legal request",
};
export const ROUTINE_FUNCTIONS = Object.entries(routineFunctions) as [RoutineFunction, string][];

// Business associates: what they hold, what the plan asks of them, where their reply stands.
const holdings: Record<Holding, string> = {
  claims: "Claims", enrolment: "Enrolment", pharmacy: "Pharmacy", care_management: "Care management",
  mail: "Mailings to members", other: "Other records",
};
export const holdingLabel = (h: Holding) => holdings[h];
const duties: Record<Duty, string> = {
  access: "records for access", amendment: "records for an amendment", accounting: "disclosures for an accounting",
  incident_report: "an incident report",
};
export const dutyLabel = (d: Duty) => duties[d];
const replyStandings: Record<ReplyStanding, string> = {
  waiting: "Waiting", due_soon: "Due soon", late: "Late", on_time: "Received on time", received_late: "Received late",
};
export const replyStandingLabel = (s: ReplyStanding) => replyStandings[s];
const notices: Record<NoticeKind, string> = {
  amendment: "Accepted amendment", restriction: "Agreed restriction", restriction_end: "End of the restriction",
  confidential_communication: "Confidential communications", communication_end: "End of confidential communications",
};
export const noticeKindLabel = (k: NoticeKind) => notices[k];
// ---- incidents and breaches ----
import type { ReporterKind } from "./bindings/ReporterKind";
import type { Information } from "./bindings/Information";
import type { BreachType } from "./bindings/BreachType";
import type { Location } from "./bindings/Location";
import type { Safeguard } from "./bindings/Safeguard";
import type { Determination } from "./bindings/Determination";
import type { SubstituteMethod } from "./bindings/SubstituteMethod";
import type { ActionKind } from "./bindings/ActionKind";
import type { IndividualNotice } from "./bindings/IndividualNotice";

const reporterKinds: Record<ReporterKind, string> = {
  staff: "A staff member", participant: "A participant", associate: "A business associate", other: "Someone else",
};
const informationKinds: Record<Information, string> = {
  names: "Names", addresses: "Addresses", dates_of_birth: "Dates of birth", ssn: "Social Security numbers",
  member_ids: "Member ID numbers", diagnoses: "Diagnoses or treatment", claims: "Claims or payment information", other: "Other information",
};
const breachTypes: Record<BreachType, string> = {
  unauthorized_access: "Unauthorized access or disclosure", loss: "Loss", theft: "Theft", improper_disposal: "Improper disposal",
  hacking_it: "Hacking or IT incident", other: "Other",
};
const locations: Record<Location, string> = {
  paper: "Paper", email: "E-mail", desktop: "Desktop computer", laptop: "Laptop", network_server: "Network server",
  portable_device: "Other portable device", health_record: "Electronic health record", other: "Other",
};
const safeguards: Record<Safeguard, string> = {
  privacy_rule: "Privacy Rule safeguards (training, policies and procedures)",
  security_administrative: "Security Rule administrative safeguards (risk analysis, risk management)",
  security_physical: "Security Rule physical safeguards (facility access, workstation security)",
  security_technical: "Security Rule technical safeguards (access controls, transmission security)",
};
const determinations: Record<Determination, string> = {
  breach: "A breach: notify the individuals",
  low_probability: "Not a breach: the assessment shows a low probability of compromise",
  unintentional_workforce: "Not a breach: unintentional use by the workforce in good faith (164.402(1)(i))",
  inadvertent_authorized: "Not a breach: inadvertent disclosure between authorized people (164.402(1)(ii))",
  cannot_retain: "Not a breach: the recipient could not have kept it (164.402(1)(iii))",
};
const substituteMethods: Record<SubstituteMethod, string> = {
  alternative_written: "Alternative written notice (to one individual)", telephone: "Telephone (to one individual)",
  other_means: "Other means (to one individual)", web_posting: "Web home page for 90 days (to all)",
  media: "Major print or broadcast media (to all)",
};
const actionKinds: Record<ActionKind, string> = { mitigation: "Mitigation step", sanction: "Sanction" };

export const reporterKindLabel = (k: ReporterKind) => reporterKinds[k];
export const informationLabel = (k: Information) => informationKinds[k];
export const breachTypeLabel = (k: BreachType) => breachTypes[k];
export const locationLabel = (k: Location) => locations[k];
export const safeguardLabel = (k: Safeguard) => safeguards[k];
export const determinationLabel = (k: Determination) => determinations[k];
export const substituteMethodLabel = (k: SubstituteMethod) => substituteMethods[k];
export const actionKindLabel = (k: ActionKind) => actionKinds[k];
export const REPORTER_KINDS = Object.keys(reporterKinds) as ReporterKind[];
export const INFORMATION_KINDS = Object.keys(informationKinds) as Information[];
export const BREACH_TYPES = Object.keys(breachTypes) as BreachType[];
export const LOCATIONS = Object.keys(locations) as Location[];
export const SAFEGUARDS = Object.keys(safeguards) as Safeguard[];
export const DETERMINATIONS = Object.keys(determinations) as Determination[];
export const SUBSTITUTE_METHODS = Object.keys(substituteMethods) as SubstituteMethod[];
export const ACTION_KINDS = Object.keys(actionKinds) as ActionKind[];

/** Where one individual's notice stands, in words. */
export function noticeLabel(n: IndividualNotice): string {
  switch (n.state) {
    case "waiting": return "No letter yet";
    case "prepared": return "Letter prepared, not mailed";
    case "mailed": return `Mailed ${formatDate(n.on)}`;
    case "out_of_date": return "Address out of date: substitute notice needed";
    case "substituted": return `Substitute notice ${formatDate(n.on)}`;
  }
}
