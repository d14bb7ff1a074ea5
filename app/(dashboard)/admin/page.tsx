import { Card } from "@/components/ui/card";
import { getPagePrincipal } from "@/lib/auth/page";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { ROLE_DESCRIPTIONS, ROLES } from "@/lib/auth/roles";
import { listUsers } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";
import { TokensPanel } from "./_components/tokens-panel";
import { UsersPanel } from "./_components/users-panel";

export const metadata = { title: "Admin" };

export default async function AdminPage() {
  const principal = await getPagePrincipal();
  if (principal.role !== "admin") {
    return (
      <Card title="Admin">
        <p role="alert" className="text-slate-700">
          You need the admin role to manage users and API tokens. You are signed in as {principal.role}.
        </p>
      </Card>
    );
  }
  const [users, tokens] = await Promise.all([listUsers(getDb()), listApiTokens(getDb())]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Admin</h1>
        <p className="text-slate-600">
          People, roles and API tokens. Every change here lands in the audit log.
        </p>
      </div>
      <UsersPanel
        currentUserId={principal.userId}
        users={users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() }))}
      />
      <TokensPanel
        users={users.filter((u) => !u.disabled).map((u) => ({ id: u.id, email: u.email, role: u.role }))}
        tokens={tokens.map((t) => ({
          ...t,
          createdAt: t.createdAt.toISOString(),
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
          revokedAt: t.revokedAt?.toISOString() ?? null,
        }))}
      />
      <Card title="Roles">
        <dl className="grid gap-2 sm:grid-cols-2">
          {ROLES.map((r) => (
            <div key={r}>
              <dt className="font-medium">{r}</dt>
              <dd className="text-slate-600">{ROLE_DESCRIPTIONS[r]}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </div>
  );
}
