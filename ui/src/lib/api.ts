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
import type { ParticipantHit } from "./bindings/ParticipantHit";

export type { ApiError, AppStatus, SetupForm, SetupResult, SignInForm, UserView, Dashboard, ParticipantHit };

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

/** Lock now: the backend drops the key; the same user signs back in to continue. */
export const lock = () => call<void>("session_lock");

/** Sign out completely. */
export const signOut = () => call<void>("session_sign_out");

/** Tell the backend the person is still at the desk (resets the idle clock). */
export const touch = () => call<void>("session_touch");

/** Open requests by effective due date, with counts by kind. */
export const dashboard = () => call<Dashboard>("dashboard_get");

/** Participants and dependents by name, employee id or date of birth. */
export const participantSearch = (query: string) =>
  call<ParticipantHit[]>("participant_search", { query });

/** Called when the backend locks the session on its own (idle timeout). */
export function onLocked(handler: () => void): Promise<UnlistenFn> {
  return listen("session-locked", () => handler());
}
