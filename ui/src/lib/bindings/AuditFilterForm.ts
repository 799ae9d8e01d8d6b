export type AuditFilterForm = { participantId: number | null, userId: number | null, };
