import { describe, expect, it } from "vitest";
import { hasRole, isRole, minRole } from "./roles";

describe("roles", () => {
  it("orders roles viewer < responder < approver < admin", () => {
    expect(hasRole("admin", "approver")).toBe(true);
    expect(hasRole("approver", "responder")).toBe(true);
    expect(hasRole("responder", "approver")).toBe(false);
    expect(hasRole("viewer", "responder")).toBe(false);
    expect(hasRole("viewer", "viewer")).toBe(true);
  });

  it("rejects unknown roles", () => {
    expect(isRole("superuser")).toBe(false);
    expect(hasRole("superuser", "viewer")).toBe(false);
    expect(hasRole(null, "viewer")).toBe(false);
  });

  it("caps a token at its owner's role", () => {
    expect(minRole("admin", "viewer")).toBe("viewer");
    expect(minRole("responder", "approver")).toBe("responder");
  });
});
