import type { AuditRowView } from "./AuditRowView";
import type { UserView } from "./UserView";
export type AuditTrailView = { rows: Array<AuditRowView>, total: number, brokenAt: number | null, users: Array<UserView>, };
