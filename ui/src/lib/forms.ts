// Form helpers: turning a backend error into field-level messages.
import type { ApiError } from "./bindings/ApiError";

/** Field id → message. A backend error that names a field lands on it; others under "form". */
export type FieldErrors = Record<string, string>;

export function fieldErrors(e: ApiError, fieldIds: Record<string, string> = {}): FieldErrors {
  if (e.field) return { [fieldIds[e.field] ?? e.field]: e.message };
  return { form: e.message };
}

/** A date as the date fields take it (YYYY-MM-DD). Whether the day exists and fits the rules
 * (not in the future, inside a period) is for the backend to say, beside the field. */
export function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
}

/** `list` with `value` added (once, at the end) when `on`, else without it: a checkbox group's
 * choices as its boxes are ticked. */
export function toggle<T>(list: T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

/** Svelte action: put the focus in `node` as its screen comes up, unless the person is already
 *  in a field. Used in place of the `autofocus` attribute: WebKit applies that attribute itself
 *  at a later rendering update, after the person may have moved on, and puts the caret at the
 *  start of the field, so keys meant for the next field (a password) land at the front of the
 *  first (the user name), where they show. */
export function focusOnMount(node: HTMLElement, on: boolean = true) {
  if (!on) return;
  queueMicrotask(() => {
    if (!document.activeElement || document.activeElement === document.body) node.focus();
  });
}
