export type BackupStatusView = { lastBackupAt: string | null, reminderDays: number, due: boolean, };
