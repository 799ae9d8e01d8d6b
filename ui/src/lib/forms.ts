// Form helpers: turning a backend error into field-level messages.
import type { ApiError } from "./bindings/ApiError";

/** Field id → message. A backend error that names a field lands on it; others under "form". */
export type FieldErrors = Record<string, string>;

export function fieldErrors(e: ApiError, fieldIds: Record<string, string> = {}): FieldErrors {
  if (e.field) return { [fieldIds[e.field] ?? e.field]: e.message };
  return { form: e.message };
}
