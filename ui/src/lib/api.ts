// Typed wrappers around the app's Tauri commands: one documented function per command.
// Components import from here and never call `invoke` themselves.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { ApiError } from "./bindings/ApiError";
import type { AppStatus } from "./bindings/AppStatus";
import type { SetupForm } from "./bindings/SetupForm";
import type { SetupResult } from "./bindings/SetupResult";
import type { SignInForm } from "./bindings/SignInForm";
import type { UserView } from "./bindings/UserView";
import type { Dashboard } from "./bindings/Dashboard";
import type { DashboardQuery } from "./bindings/DashboardQuery";
import type { ParticipantHit } from "./bindings/ParticipantHit";
import type { ParticipantPage } from "./bindings/ParticipantPage";
import type { EvidenceForm } from "./bindings/EvidenceForm";
import type { VerificationView } from "./bindings/VerificationView";
import type { IntakeForm } from "./bindings/IntakeForm";
import type { IntakeResult } from "./bindings/IntakeResult";
import type { RequestPage } from "./bindings/RequestPage";
import type { DecisionForm } from "./bindings/DecisionForm";
import type { DecisionRow } from "./bindings/DecisionRow";
import type { ApprovalRow } from "./bindings/ApprovalRow";
import type { LetterDone } from "./bindings/LetterDone";
import type { UploadForm } from "./bindings/UploadForm";
import type { SettingsView } from "./bindings/SettingsView";
import type { Delivery } from "./bindings/Delivery";
import type { CoverageStatus } from "./bindings/CoverageStatus";
import type { Range } from "./bindings/Range";
import type { OrganizationForm } from "./bindings/OrganizationForm";
import type { UserRow } from "./bindings/UserRow";
import type { BackupListing } from "./bindings/BackupListing";
import type { RestoreForm } from "./bindings/RestoreForm";
import type { RestoreResult } from "./bindings/RestoreResult";
import type { RestoreProgressView } from "./bindings/RestoreProgressView";
import type { NewUserForm } from "./bindings/NewUserForm";
import type { RoleView } from "./bindings/RoleView";
import type { OutcomeKind } from "./bindings/OutcomeKind";
import type { AccountingStep } from "./bindings/AccountingStep";
import type { RequestKind } from "./bindings/RequestKind";
import type { RequestStatus } from "./bindings/RequestStatus";
import type { EndForm } from "./bindings/EndForm";
import type { EndStep } from "./bindings/EndStep";
import type { NoteForm } from "./bindings/NoteForm";
import type { NoteRow } from "./bindings/NoteRow";
import type { NoteKind } from "./bindings/NoteKind";
import type { CaseSearchForm } from "./bindings/CaseSearchForm";
import type { CaseSearch } from "./bindings/CaseSearch";
import type { Standing } from "./bindings/Standing";
import type { FeeForm } from "./bindings/FeeForm";
import type { ReviewRequestForm } from "./bindings/ReviewRequestForm";
import type { DisputeForm } from "./bindings/DisputeForm";
import type { ParticipantForm } from "./bindings/ParticipantForm";
import type { OwnPasswordForm } from "./bindings/OwnPasswordForm";
import type { EndAccommodationForm } from "./bindings/EndAccommodationForm";
import type { DisputeStep } from "./bindings/DisputeStep";
import type { Accompanying } from "./bindings/Accompanying";
import type { ReviewDecisionForm } from "./bindings/ReviewDecisionForm";
import type { FeeMethod } from "./bindings/FeeMethod";
import type { ReferralRow } from "./bindings/ReferralRow";
import type { VerifyForm } from "./bindings/VerifyForm";
import type { ReasonForm } from "./bindings/ReasonForm";
import type { WrittenForm } from "./bindings/WrittenForm";
import type { VerificationMethod } from "./bindings/VerificationMethod";

export type {
  EndForm, EndStep, NoteForm, NoteRow, NoteKind, CaseSearchForm, CaseSearch, Standing,
  ReferralRow, VerifyForm, ReasonForm, WrittenForm, VerificationMethod, FeeForm, FeeMethod, ReviewRequestForm, ReviewDecisionForm, DisputeForm, DisputeStep, Accompanying, ParticipantForm,
  ApiError, AppStatus, SetupForm, SetupResult, SignInForm, UserView, Dashboard, ParticipantHit, ParticipantPage,
  EvidenceForm, VerificationView, IntakeForm, IntakeResult, RequestPage, DecisionForm, DecisionRow, ApprovalRow,
  LetterDone, UploadForm, SettingsView, OrganizationForm, UserRow, NewUserForm, RoleView, Delivery, CoverageStatus,
  Range, OutcomeKind, AccountingStep, RequestKind, RequestStatus,
};

/** Narrow an unknown rejection to the backend's `{code, message, field?}` shape. */
export function asApiError(e: unknown): ApiError {
  if (e && typeof e === "object" && "code" in e && "message" in e) return e as ApiError;
  return { code: "internal", message: String(e), field: null };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw asApiError(e);
  }
}

/** Whether a database exists, who is signed in, and the idle-lock setting. */
export const appStatus = () => call<AppStatus>("app_status");

/** First run: create the encrypted database, the organization profile and the Privacy Official. */
export const setupCreate = (form: SetupForm) => call<SetupResult>("setup_create", { form });

/** The recovery sheet as PDF bytes (only right after set-up, while the code is still held). */
export const recoverySheetPdf = () => call<ArrayBuffer>("setup_recovery_sheet");

/** Sign in with one's own account; unlocks the database in the backend. */
export const signIn = (form: SignInForm) => call<UserView>("session_sign_in", { form });

import type { RecoveryResetForm } from "./bindings/RecoveryResetForm";
export type { RecoveryResetForm };

/** A forgotten Privacy Official's password, reset with the recovery code; signs her in. */
export const recoveryResetPassword = (form: RecoveryResetForm) => call<UserView>("recovery_reset_password", { form });

/** A new recovery code (the old one opens nothing from now on): its sheet's PDF, to print now. */
export const recoveryNewCode = () => call<ArrayBuffer>("recovery_new_code");

/** Lock now: the backend drops the key; the same user signs back in to continue. */
export const lock = () => call<void>("session_lock");

/** Sign out completely. */
export const signOut = () => call<void>("session_sign_out");

/** Tell the backend the person is still at the desk (resets the idle clock). */
export const touch = () => call<void>("session_touch");

/** Open requests by effective due date, with counts by kind. */
/** The dashboard's rows as shown: filtered by kind and status, the first ones unless all are asked for. */
export const dashboard = (query: DashboardQuery) => call<Dashboard>("dashboard_get", { query });

/** Participants and dependents by name, employee id or date of birth. */
export const participantSearch = (query: string) =>
  call<ParticipantHit[]>("participant_search", { query });

/** Called when the backend locks the session on its own (idle timeout). */
export function onLocked(handler: () => void): Promise<UnlistenFn> {
  return listen("session-locked", () => handler());
}

/** One participant's page: dependents, requests and what the registers hold about them. */
export const participantGet = (id: number) => call<ParticipantPage>("participant_get", { id });

/** Add an employee or retiree, or a dependent under a participant on file; answers the id. */
export const participantAdd = (form: ParticipantForm) => call<number>("participant_add", { form });

/** A participant's details as the edit form shows them. */
export const participantForm = (id: number) => call<ParticipantForm>("participant_form", { id });

/** Change a participant's details; answers the fields changed (each kept with what it was). */
export const participantEdit = (id: number, form: ParticipantForm) => call<string[]>("participant_edit", { id, form });

/** desk-core's verification checklist for a role and channel over what was seen. */
export const verificationCheck = (form: EvidenceForm) => call<VerificationView>("verification_check", { form });

/** Log a new request with its requester, verification and scan, in one transaction. */
export const requestIntake = (form: IntakeForm) => call<IntakeResult>("request_intake", { form });

/** Everything the request page shows. */
export const requestGet = (id: number) => call<RequestPage>("request_get", { id });

/** The pre-filled request form for the requester's signature (PDF bytes). */
export const requestFormPdf = (id: number) => call<ArrayBuffer>("request_form_pdf", { id });

/** The request's case file as one PDF: its timeline, clock, decisions, notes and every letter
 * (viewing it is audited). */
export const caseFilePdf = (requestId: number) => call<ArrayBuffer>("case_file_pdf", { requestId });

/** The signed request form came back: attach its scan. */
export const requestFormSigned = (id: number, scan: UploadForm) => call<void>("request_form_signed", { id, scan });

/** Close (once answered), withdraw (while open) or reopen a case, with the reason. */
export const requestEnd = (form: EndForm) => call<RequestStatus>("request_end", { form });

/** Take down a call or a piece of mail on the case (a correction names the note it corrects). */
export const requestNote = (form: NoteForm) => call<NoteRow>("request_note", { form });

/** The individual asked for review of a reviewable denial: referred to a licensed professional. */
export const reviewRequest = (form: ReviewRequestForm) => call<void>("review_request", { form });

/** The reviewer's decision: upheld, or reversed with the access given. */
export const reviewComplete = (form: ReviewDecisionForm) => call<void>("review_complete", { form });

/** A step of a denied amendment's dispute; a rebuttal answers with its letter. */
export const disputeRecord = (form: DisputeForm) => call<LetterDone | null>("dispute_record", { form });

/** The Privacy Official's queue of referred requests, oldest first. */
export const referralList = () => call<ReferralRow[]>("referral_list");

/** Record that the requester is verified, and what was seen (a referral: the Privacy Official). */
export const requestVerify = (form: VerifyForm) => call<void>("request_verify", { form });

/** The Privacy Official cannot verify: the person is asked to write. */
export const referralRefuse = (form: ReasonForm) => call<void>("referral_refuse", { form });

/** The Privacy Official sends the legal process to the County Attorney. */
export const referralCountyAttorney = (form: ReasonForm) => call<RequestStatus>("referral_county_attorney", { form });

/** The letter to the address on file asking for the request in writing, with its form. */
export const writtenRequestLetter = (requestId: number) => call<LetterDone>("written_request_letter", { requestId });

/** The written request came: its clock runs from that day. */
export const writtenRequestReceived = (form: WrittenForm) => call<void>("written_request_received", { form });

/** Search across cases: number, name, kind, standing, days received (newest first). */
export const caseSearch = (form: CaseSearchForm) => call<CaseSearch>("case_search", { form });

/** Record a decision: a grant or extension stands; a denial waits for the Privacy Official. */
export const decisionRecord = (form: DecisionForm) => call<DecisionRow>("decision_record", { form });

/** Denials waiting for the Privacy Official's approval. */
export const approvalsList = () => call<ApprovalRow[]>("approval_list");

/** The Privacy Official approves a drafted denial. */
/** End a confidential-communication accommodation from a day, with its confirming letter. */
export const communicationEnd = (form: EndAccommodationForm) => call<LetterDone>("communication_end", { form });

/** Change one's own password: the current one, then the new one twice. */
export const passwordChangeOwn = (form: OwnPasswordForm) => call<void>("password_change_own", { form });

/** The Privacy Official sends a drafted denial back with her reason. */
export const decisionReturn = (decisionId: number, reason: string) => call<void>("decision_return", { decisionId, reason });

export const decisionApprove = (decisionId: number, note: string) =>
  call<void>("decision_approve", { decisionId, note });

/** Render the response letter for the request's current decision and keep its exact bytes; with
 * an accepted amendment, an agreed restriction or an accommodation, `associateIds` are the business
 * associates ticked to be told (null: those the rule ticks), each notice kept with it. */
export const letterCreate = (requestId: number, associateIds: number[] | null = null) =>
  call<LetterDone>("letter_create", { form: { requestId, associateIds } });

/** A stored letter's PDF bytes. */
export const letterPdf = (letterId: number) => call<ArrayBuffer>("letter_pdf", { letterId });

/** Save a stored letter as a PDF file in the user's documents folder; returns the path. */
export const letterSave = (letterId: number) => call<string>("letter_save", { letterId });

/** Open the system's print dialog for the window's printable part (the PDF preview's pages);
 * a stored letter's print (`letterId`) is recorded in the audit log. */
export const printWindow = (letterId: number | null = null) => call<void>("print_window", { letterId });

/** Record that a letter was mailed, handed over, e-mailed or faxed. Returns a warning when an
 * extension's notice went out after the first period (it then extends nothing). */
export const letterMarkSent = (letterId: number, delivery: Delivery, sentOn: string) =>
  call<string | null>("letter_mark_sent", { letterId, delivery, sentOn });

/** The wizard's draft as typed (JSON text), kept in the encrypted database. */
export const draftLoad = (key: string) => call<string | null>("draft_load", { key });
export const draftSave = (key: string, json: string) => call<void>("draft_save", { key, json });
export const draftDiscard = (key: string) => call<void>("draft_discard", { key });

/** Settings (Privacy Official). */
export const settingsGet = () => call<SettingsView>("settings_get");
export const settingsSaveOrganization = (form: ProfileForm) => call<void>("settings_save_organization", { form });
export const settingsSaveIdle = (minutes: number) => call<void>("settings_save_idle", { minutes });
export const settingsSaveSignature = (image: UploadForm | null) => call<void>("settings_save_signature", { image });
export const usersList = () => call<UserRow[]>("user_list");
export const userAdd = (form: NewUserForm) => call<UserRow>("user_add", { form });
export const userSetRole = (username: string, role: RoleView) => call<void>("user_set_role", { username, role });

/** Deactivate an account: it can no longer sign in (the Privacy Official). */
export const userDeactivate = (username: string) => call<void>("user_deactivate", { username });

/** Reactivate an account with a new password; also re-enables one locked after 90 days unused. */
export const userReactivate = (username: string, password: string) =>
  call<UserRow>("user_reactivate", { form: { username, password } });

// ---- restrictions, confidential communications, complaints, reports ----
import type { RestrictionDecisionForm } from "./bindings/RestrictionDecisionForm";
import type { RestrictionRow } from "./bindings/RestrictionRow";
import type { DisclosureCheckForm } from "./bindings/DisclosureCheckForm";
import type { ConflictView } from "./bindings/ConflictView";
import type { CommunicationDecisionForm } from "./bindings/CommunicationDecisionForm";
import type { ComplaintForm } from "./bindings/ComplaintForm";
import type { ComplaintRow } from "./bindings/ComplaintRow";
import type { ReportView } from "./bindings/ReportView";
export type {
  RestrictionDecisionForm, RestrictionRow, DisclosureCheckForm, ConflictView, CommunicationDecisionForm, ComplaintForm,
  ComplaintRow, ReportView,
};

/** Decide a restriction request: agree (with the questionnaire's answers) or deny (awaits approval). */
export const restrictionDecide = (form: RestrictionDecisionForm) => call<DecisionRow>("restriction_decide", { form });

/** The participant's restriction register. */
export const restrictionList = (participantId: number) => call<RestrictionRow[]>("restriction_list", { participantId });

/** End an agreed restriction from a date (today or later), by `individual` or `plan`: the letter
 * to the individual and a notice to each business associate ticked are kept with it. */
export const restrictionEnd = (form: EndRestrictionForm) => call<LetterDone>("restriction_end", { form });

/** The warnings a proposed disclosure raises against agreed restrictions, each quoting it. */
export const disclosureConflicts = (form: DisclosureCheckForm) => call<ConflictView[]>("disclosure_conflicts", { form });

/** Record a disclosure in the logbook (a conflicting one only once its warnings were seen). */
export const disclosureRecordChecked = (form: DisclosureCheckForm) => call<number>("disclosure_record_checked", { form });

import type { PendingReviewRow } from "./bindings/PendingReviewRow";
import type { FeeNoticeForm } from "./bindings/FeeNoticeForm";
import type { MinimumNecessary } from "./bindings/MinimumNecessary";
import type { RoutineRecipient } from "./bindings/RoutineRecipient";
import type { RoutineFunction } from "./bindings/RoutineFunction";
export type { PendingReviewRow, MinimumNecessary, RoutineRecipient, RoutineFunction, FeeNoticeForm };

/** Disclosures waiting for the Privacy Official's minimum-necessary review, oldest first. */
export const disclosureReviewsPending = () => call<PendingReviewRow[]>("disclosure_reviews_pending");

/** The Privacy Official records her review of a disclosure, with what she checked. */
export const disclosureReview = (disclosureId: number, note: string) =>
  call<void>("disclosure_review", { disclosureId, note });

/** Decide a confidential-communication request: accommodate, or explain why not. */
export const communicationDecide = (form: CommunicationDecisionForm) =>
  call<DecisionRow>("communication_decide", { form });

/** The complaint log; log, acknowledge by letter, close with the outcome. */
export const complaintList = () => call<ComplaintRow[]>("complaint_list");
export const complaintLog = (form: ComplaintForm) => call<number>("complaint_log", { form });
export const complaintAcknowledge = (complaintId: number) => call<LetterDone>("complaint_acknowledge", { complaintId });
export const complaintClose = (complaintId: number, disposition: string) =>
  call<void>("complaint_close", { complaintId, disposition });

/** The Privacy Official's report over the last `months` months, and its one-page PDF. */
export const reportGet = (months: number) => call<ReportView>("report_get", { months });
export const reportPdf = (months: number) => call<ArrayBuffer>("report_pdf", { months });

// ---- disclosures, authorizations, suspensions, accountings ----
import type { LogbookView } from "./bindings/LogbookView";
import type { DisclosureRow } from "./bindings/DisclosureRow";
import type { AuthorizationForm } from "./bindings/AuthorizationForm";
import type { AuthorizationCheck } from "./bindings/AuthorizationCheck";
import type { AuthorizationRow } from "./bindings/AuthorizationRow";
import type { DefectView } from "./bindings/DefectView";
import type { SuspensionForm } from "./bindings/SuspensionForm";
import type { SuspensionRow } from "./bindings/SuspensionRow";
import type { AccountingPeriodForm } from "./bindings/AccountingPeriodForm";
import type { AccountingView } from "./bindings/AccountingView";
import type { AccountingLine } from "./bindings/AccountingLine";
import type { ExcludedLine } from "./bindings/ExcludedLine";
export type {
  LogbookView, DisclosureRow, AuthorizationForm, AuthorizationCheck, AuthorizationRow, DefectView, SuspensionForm,
  SuspensionRow, AccountingView, AccountingLine, ExcludedLine,
};

/** The participant's logbook: disclosures in force, authorizations (judged as of today), suspensions. */
export const logbookGet = (participantId: number) => call<LogbookView>("logbook_get", { participantId });

/** desk-core's element checklist for an authorization form as typed. */
export const authorizationCheck = (form: AuthorizationForm) => call<AuthorizationCheck>("authorization_check", { form });

/** Keep an authorization with its scan (a defective one only once its defects were seen). */
export const authorizationRecord = (form: AuthorizationForm) => call<number>("authorization_record", { form });

/** Log a written revocation received on a date (today or earlier): nothing is disclosed under it from then on. */
export const authorizationRevoke = (authorizationId: number, receivedOn: string) =>
  call<void>("authorization_revoke", { authorizationId, receivedOn });

/** The county-style authorization form as PDF: blank (`terms` null) or pre-filled. */
export const authorizationFormPdf = (participantId: number, terms: AuthorizationForm | null) =>
  call<ArrayBuffer>("authorization_form_pdf", { participantId, terms });

/** Record a suspension statement; confirm an oral one in writing (within its 30 days). */
export const suspensionRecord = (form: SuspensionForm) => call<number>("suspension_record", { form });
export const suspensionConfirm = (suspensionId: number, confirmedOn: string) =>
  call<number>("suspension_confirm", { suspensionId, confirmedOn });

/** An accounting request's accounting over the logbook; the fee notice; withdrawal; the letter. */
export const accountingGet = (requestId: number) => call<AccountingView>("accounting_get", { requestId });
/** The period the individual asked about (blank ends: the full six years); fixed once the letter is prepared. */
export const accountingSetPeriod = (requestId: number, form: AccountingPeriodForm) => call<void>("accounting_set_period", { requestId, form });
export const accountingFeeNotice = (requestId: number, form: FeeNoticeForm) =>
  call<LetterDone>("accounting_fee_notice", { requestId, form });
export const accountingWithdraw = (requestId: number) => call<void>("accounting_withdraw", { requestId });
export const accountingLetter = (requestId: number) => call<LetterDone>("accounting_letter", { requestId });
/** The one 30-day extension of an accounting, with its written notice. */
export const accountingExtend = (requestId: number, reason: string) =>
  call<LetterDone>("accounting_extend", { requestId, form: { reason } });

// ---- business associates' disclosures for an accounting ----
import type { AssociateAccountingView } from "./bindings/AssociateAccountingView";
import type { AssociateAccountingRow } from "./bindings/AssociateAccountingRow";
import type { AssociateAsked } from "./bindings/AssociateAsked";
import type { AssociateChoice } from "./bindings/AssociateChoice";
import type { AssociateReplyForm } from "./bindings/AssociateReplyForm";
import type { AssociateLogForm } from "./bindings/AssociateLogForm";
import type { AssociateLogImport } from "./bindings/AssociateLogImport";
import type { LogColumnView } from "./bindings/LogColumnView";
import type { LogProblem } from "./bindings/LogProblem";
export type {
  AssociateAccountingView, AssociateAccountingRow, AssociateAsked, AssociateChoice, AssociateReplyForm,
  AssociateLogForm, AssociateLogImport, LogColumnView, LogProblem,
};

/** The associates of an accounting request: whom to ask, what was asked, each reply's standing. */
export const associateAccountingGet = (requestId: number) =>
  call<AssociateAccountingView>("associate_accounting_get", { requestId });
/** Ask an associate, by letter, for its disclosures in the accounting's period (its clock starts today). */
export const associateAccountingAsk = (requestId: number, associateId: number) =>
  call<LetterDone>("associate_accounting_ask", { requestId, associateId });
/** Record an associate's reply (the day it came, and a note). */
export const associateReplyRecord = (associateRequestId: number, form: AssociateReplyForm) =>
  call<void>("associate_reply_record", { associateRequestId, form });
/** The columns of an associate's disclosure log (CSV), in their order. */
export const associateLogColumns = () => call<LogColumnView[]>("associate_log_columns");
/** Import an associate's log into the logbook: every row checked first; a bad row imports nothing. */
export const associateLogImport = (form: AssociateLogForm) => call<AssociateLogImport>("associate_log_import", { form });

// ---- the audit trail, backups ----
import type { AuditFilterForm } from "./bindings/AuditFilterForm";
import type { AuditRowView } from "./bindings/AuditRowView";
import type { AuditTrailView } from "./bindings/AuditTrailView";
import type { BackupStatusView } from "./bindings/BackupStatusView";
import type { BackupDone } from "./bindings/BackupDone";
import type { BackupProgressView } from "./bindings/BackupProgressView";
import type { IntegrityView } from "./bindings/IntegrityView";

export type { AuditFilterForm, AuditRowView, AuditTrailView, BackupStatusView, BackupDone, BackupProgressView, IntegrityView };
export type { BackupListing, RestoreForm, RestoreResult, RestoreProgressView, DashboardQuery };

/** The audit trail (Privacy Official): rows by participant and/or user, newest first, and whether the chain holds. */
export const auditTrail = (filterForm: AuditFilterForm) => call<AuditTrailView>("audit_trail", { filterForm });
/** The same rows as a PDF document; the export is recorded. */
export const auditTrailPdf = (filterForm: AuditFilterForm) => call<ArrayBuffer>("audit_trail_pdf", { filterForm });
/** Whether the backup reminder is due. */
export const backupStatus = () => call<BackupStatusView>("backup_status");
/** Back up now (Privacy Official): a verified encrypted copy in one file (its key slots inside) in Documents/Records Desk/Backups.
 *  It runs beside the session: the screens stay usable, and `onBackupProgress` hears how far it has got. */
export const backupCreate = () => call<BackupDone>("backup_create");
/** Called as a backup runs: the percentage of pages copied, then that the copy is being checked. */
export function onBackupProgress(handler: (p: BackupProgressView) => void): Promise<UnlistenFn> {
  return listen<BackupProgressView>("backup-progress", (e) => handler(e.payload));
}
/** The backups in Documents/Records Desk/Backups, newest first (Privacy Official). */
export const backupList = () => call<BackupListing[]>("backup_list");
/** Restore a backup (Privacy Official): checked beside the database first, then put in its place; the
 *  session ends and, after a restore by password, the restored database is signed into. */
export const backupRestore = (form: RestoreForm) => call<RestoreResult>("backup_restore", { form });
/** Called as a restore runs: the percentage of the backup copied, then that the copy is being checked. */
export function onRestoreProgress(handler: (p: RestoreProgressView) => void): Promise<UnlistenFn> {
  return listen<RestoreProgressView>("restore-progress", (e) => handler(e.payload));
}
/** The check of every page, as the Privacy Official sees it (null for staff). */
export const integrityStatus = () => call<IntegrityView | null>("integrity_status");
/** Called when the check of every page that sign-in started has ended. */
export function onIntegrityChecked(handler: () => void): Promise<UnlistenFn> {
  return listen("integrity-checked", () => handler());
}
/** The days after which the dashboard reminds to back up (Privacy Official). */
export const settingsSaveBackupReminder = (days: number) => call<void>("settings_save_backup_reminder", { days });

// ---- business associates ----
import type { RegisterView } from "./bindings/RegisterView";
import type { AssociateForm } from "./bindings/AssociateForm";
import type { AssociateRow } from "./bindings/AssociateRow";
import type { Holding } from "./bindings/Holding";
import type { Duties } from "./bindings/Duties";
import type { Duty } from "./bindings/Duty";
import type { ReplyStanding } from "./bindings/ReplyStanding";
import type { NoticeKind } from "./bindings/NoticeKind";
import type { NoticeCandidate } from "./bindings/NoticeCandidate";
import type { AssociateOption } from "./bindings/AssociateOption";
import type { AssociateRequestRow } from "./bindings/AssociateRequestRow";
import type { AssociateNoticeRow } from "./bindings/AssociateNoticeRow";
import type { AssociateDueRow } from "./bindings/AssociateDueRow";
import type { ForwardForm } from "./bindings/ForwardForm";
import type { ReplyForm } from "./bindings/ReplyForm";
import type { EndRestrictionForm } from "./bindings/EndRestrictionForm";
import type { ProfileForm } from "./bindings/ProfileForm";
export type {
  RegisterView, AssociateForm, AssociateRow, Holding, Duties, Duty, ReplyStanding, NoticeKind, NoticeCandidate,
  AssociateOption, AssociateRequestRow, AssociateNoticeRow, AssociateDueRow, ForwardForm, ReplyForm, EndRestrictionForm,
  ProfileForm,
};

/** The business-associate register (anyone reads it; only the Privacy Official changes it). */
export const associateRegister = () => call<RegisterView>("associate_register");

/** Add an associate to the register; a refusal names the form's field. */
export const associateAdd = (form: AssociateForm) => call<AssociateRow>("associate_add", { form });

/** Correct an entry: every field as the form gives it (an end date ends the agreement). */
export const associateCorrect = (id: number, form: AssociateForm) => call<AssociateRow>("associate_correct", { id, form });

/** End an agreement from a day: the entry is kept, and told or asked nothing new. */
export const associateEnd = (id: number, endedOn: string) => call<AssociateRow>("associate_end", { id, endedOn });

/** Forward an access or amendment request to the associate holding the records: the letter and its clock. */
export const associateForward = (form: ForwardForm) => call<LetterDone>("associate_forward", { form });

/** Record the associate's reply (once). */
export const associateReply = (form: ReplyForm) => call<AssociateRequestRow>("associate_reply", { form });
// ---- incidents and breaches ----
import type { IncidentForm } from "./bindings/IncidentForm";
import type { IncidentRow } from "./bindings/IncidentRow";
import type { IncidentPage } from "./bindings/IncidentPage";
import type { ReportingAssociate } from "./bindings/ReportingAssociate";
import type { AssessmentForm } from "./bindings/AssessmentForm";
import type { DeterminationForm } from "./bindings/DeterminationForm";
import type { BreachLettersForm } from "./bindings/BreachLettersForm";
import type { SubstituteForm } from "./bindings/SubstituteForm";
import type { ActionForm } from "./bindings/ActionForm";
import type { AnnualLog } from "./bindings/AnnualLog";
import type { IndividualView } from "./bindings/IndividualView";
import type { BreachDue } from "./bindings/BreachDue";
import type { Information } from "./bindings/Information";
import type { Safeguard } from "./bindings/Safeguard";
import type { ReporterKind } from "./bindings/ReporterKind";
import type { BreachType } from "./bindings/BreachType";
import type { Location } from "./bindings/Location";
import type { Determination } from "./bindings/Determination";
import type { SubstituteMethod } from "./bindings/SubstituteMethod";
import type { ActionKind } from "./bindings/ActionKind";
import type { CorrectionForm } from "./bindings/CorrectionForm";
import type { AddParticipantsForm } from "./bindings/AddParticipantsForm";
import type { CorrectionView } from "./bindings/CorrectionView";
export type {
  CorrectionForm, AddParticipantsForm, CorrectionView,
  IncidentForm, IncidentRow, IncidentPage, ReportingAssociate, AssessmentForm, DeterminationForm, BreachLettersForm,
  SubstituteForm, ActionForm, AnnualLog, IndividualView, BreachDue, Information, Safeguard, ReporterKind, BreachType,
  Location, Determination, SubstituteMethod, ActionKind,
};

/** The business associates a report can come from (the register, ended agreements last). */
export const incidentAssociates = () => call<ReportingAssociate[]>("incident_associates");
/** Log an incident (anyone signed in); answers its id. */
export const incidentLog = (form: IncidentForm) => call<number>("incident_log", { form });
/** The incident log, newest discovered first. */
export const incidentList = () => call<IncidentRow[]>("incident_list");
/** The incident's page (viewing it is audited). */
export const incidentGet = (incidentId: number) => call<IncidentPage>("incident_get", { incidentId });
/** Correct the incident's details, with the reason (Privacy Official); the logbook follows. */
export const incidentCorrect = (incidentId: number, form: CorrectionForm) => call<void>("incident_correct", { incidentId, form });
/** Add participants found to be involved later, with how (Privacy Official). */
export const incidentAddParticipants = (incidentId: number, form: AddParticipantsForm) =>
  call<void>("incident_add_participants", { incidentId, form });
/** The four-factor risk assessment (Privacy Official); a new one corrects the last. */
export const incidentAssess = (incidentId: number, form: AssessmentForm) => call<void>("incident_assess", { incidentId, form });
/** The determination with its reasons (Privacy Official); a new one corrects the last. */
export const incidentDecide = (incidentId: number, form: DeterminationForm) => call<void>("incident_decide", { incidentId, form });
/** A breach's notification letters to each individual who has none yet (Privacy Official). */
export const incidentLetters = (incidentId: number, form: BreachLettersForm) => call<LetterDone[]>("incident_letters", { incidentId, form });
/** An individual's address is out of date: substitute notice is needed. */
export const incidentOutOfDate = (incidentId: number, participantId: number) =>
  call<void>("incident_out_of_date", { incidentId, participantId });
/** Substitute notice given (to one individual, or posted / in the media for all). */
export const incidentSubstitute = (incidentId: number, form: SubstituteForm) => call<void>("incident_substitute", { incidentId, form });
/** A mitigation step or a sanction. */
export const incidentAction = (incidentId: number, form: ActionForm) => call<void>("incident_action", { incidentId, form });
/** The annual log of a year's breaches under 500, as the HHS breach portal asks (Privacy Official). */
export const incidentAnnualLog = (year: number) => call<AnnualLog>("incident_annual_log", { year });
/** Save the annual log as CSV in Documents/Records Desk; answers the path. */
export const incidentAnnualLogSave = (year: number) => call<string>("incident_annual_log_save", { year });
