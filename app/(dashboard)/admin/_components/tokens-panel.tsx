"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { UtcTime } from "@/components/ui/time";
import { TableHeader } from "@/components/ui/table";
import { ROLES } from "@/lib/auth/roles";
import { createTokenAction, revokeTokenAction } from "../actions";

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  role: string;
  ownerEmail: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function TokensPanel({
  tokens,
  users,
}: {
  tokens: TokenRow[];
  users: { id: string; email: string; role: string }[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function onCreate(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = Object.fromEntries(new FormData(form));
    startTransition(async () => {
      const result = await createTokenAction(data);
      if (result.ok) {
        form.reset();
        setCreated(result.data.token);
        setError(null);
        router.refresh();
      } else {
        setError(result.message);
      }
    });
  }

  function revoke(tokenId: string) {
    startTransition(async () => {
      const result = await revokeTokenAction({ tokenId });
      setError(result.ok ? null : result.message);
      router.refresh();
    });
  }

  return (
    <Card title="API tokens">
      <p className="mb-3 text-slate-600">
        For <code className="font-mono">/api/v1</code> as{" "}
        <code className="font-mono">Authorization: Bearer …</code>. A token never has more rights than the
        account it acts as.
      </p>
      <form
        onSubmit={onCreate}
        className="mb-4 grid gap-3 sm:grid-cols-[2fr_2fr_1fr_auto] sm:items-end"
        aria-label="Create API token"
      >
        <Field label="Name">
          <Input name="name" required placeholder="ci-check" />
        </Field>
        <Field label="Acts as">
          <Select name="userId" required>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.email} ({u.role})
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Role">
          <Select name="role" defaultValue="viewer">
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={pending}>
          Create token
        </Button>
      </form>
      {created ? (
        <div role="status" className="mb-3 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200">
          <p className="font-medium text-amber-900">Copy this token now — it is not shown again.</p>
          <code className="mt-1 block break-all font-mono text-xs" data-testid="new-token">
            {created}
          </code>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mb-3 text-red-800">
          {error}
        </p>
      ) : null}
      {tokens.length === 0 ? (
        <p className="text-slate-600">No tokens yet.</p>
      ) : (
        <div className="-mx-4 -mb-4 overflow-x-auto">
          <table className="w-full text-left">
            <TableHeader
              columns={["Name", "Acts as", "Role", "Last used", { label: "Actions", hidden: true }]}
            />
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-4 py-2">
                    <div className="font-medium">{t.name}</div>
                    <div className="font-mono text-xs text-slate-500">{t.prefix}…</div>
                  </td>
                  <td className="px-4 py-2">{t.ownerEmail}</td>
                  <td className="px-4 py-2">{t.role}</td>
                  <td className="px-4 py-2 text-xs text-slate-600">
                    {t.lastUsedAt ? <UtcTime value={t.lastUsedAt} /> : "never"}
                  </td>
                  <td className="px-4 py-2 text-right">
                    {t.revokedAt ? (
                      <Badge tone="grey">Revoked</Badge>
                    ) : (
                      <Button variant="danger" disabled={pending} onClick={() => revoke(t.id)}>
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
