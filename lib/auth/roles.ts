/** Roles and what each may do. Pure: used by the server checks, the API and the UI alike. */

export const ROLES = ["viewer", "responder", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { viewer: 0, responder: 1, approver: 2, admin: 3 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Roles are ordered: an approver can do what a responder can, an admin what an approver can. */
export function hasRole(actual: string | null | undefined, needed: Role): boolean {
  return isRole(actual) && rank[actual] >= rank[needed];
}

/** The lower of two roles — a token never acts with more rights than its owner has now. */
export function minRole(a: Role, b: Role): Role {
  return rank[a] <= rank[b] ? a : b;
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "Follows status, impact and progress. No SQL, no row data.",
  responder: "Runs read-only forensics, proposes restore plans, ticks checklist items.",
  approver: "Everything a responder can, and approves other people's restore plans.",
  admin: "Everything, plus users, roles, API tokens, targets and status links.",
};
