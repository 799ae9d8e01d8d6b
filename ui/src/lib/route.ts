// Where the signed-in person is: ids only, never PHI, so it can outlive a lock.
export type Route =
  | { view: "dashboard" }
  | { view: "participants" }
  | { view: "participant"; id: number }
  | { view: "new-request"; participantId: number | null }
  | { view: "request"; id: number }
  | { view: "approvals" }
  | { view: "settings" }
  // registers-b
  | { view: "complaints" }
  | { view: "reports" }
  // trust
  | { view: "audit"; participantId: number | null };
