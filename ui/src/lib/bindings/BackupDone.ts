export type BackupDone = { path: string, keysPath: string, bytes: number, auditRows: number, };
