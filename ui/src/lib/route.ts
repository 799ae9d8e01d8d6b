// Where the signed-in person is: ids only, never PHI, so it can outlive a lock.
export type Route =
  | { view: "dashboard" }
  | { view: "participants" }
  | { view: "cases"; standing: "waiting" | "answered" | "awaiting_written_request" | "ended" | "all" }
  | { view: "participant"; id: number }
  | { view: "new-request"; participantId: number | null }
  | { view: "request"; id: number }
  | { view: "approvals" }
  | { view: "settings" }
  | { view: "account" }
  | { view: "complaints" }
  | { view: "associates" }
  | { view: "incidents" }
  | { view: "incident"; id: number }
  | { view: "reports" }
  | { view: "audit"; participantId: number | null };
