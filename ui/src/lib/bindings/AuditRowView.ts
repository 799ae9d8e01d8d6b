export type AuditRowView = { seq: number, at: string, user: string | null, action: string, entity: string, entityId: number | null, };
