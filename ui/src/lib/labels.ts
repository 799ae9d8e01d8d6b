// Plain words for the codes the backend sends.
const kinds: Record<string, string> = {
  access: "Inspect / copy", amendment: "Amendment", accounting: "Accounting of disclosures",
  restriction: "Restriction", confidential_communication: "Confidential communications", complaint: "Complaint",
};
const statuses: Record<string, string> = {
  received: "Received", verified: "Verified", in_review: "In review", pending_approval: "Awaiting approval",
  decided: "Decided", letter_sent: "Letter sent", closed: "Closed", withdrawn: "Withdrawn", extended: "Extended",
};

export const kindLabel = (k: string) => kinds[k] ?? k;
export const statusLabel = (s: string) => statuses[s] ?? s;

/** 2025-03-10 → Mar 10, 2025 (no time zone shifts: the date is taken as written). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1];
  return `${month} ${d}, ${y}`;
}
