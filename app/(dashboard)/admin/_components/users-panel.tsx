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
import { createUserAction, updateUserAction } from "../actions";

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  createdAt: string;
}

export function UsersPanel({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  function onCreate(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = Object.fromEntries(new FormData(form));
    startTransition(async () => {
      const result = await createUserAction(data);
      if (result.ok) {
        form.reset();
        setFieldErrors({});
        setMessage({ ok: true, text: `Created ${result.data.email}.` });
        router.refresh();
      } else {
        setFieldErrors(result.fieldErrors ?? {});
        setMessage({ ok: false, text: result.message });
      }
    });
  }

  function update(userId: string, change: { role?: string; disabled?: boolean }) {
    startTransition(async () => {
      const result = await updateUserAction({ userId, ...change });
      setMessage(result.ok ? { ok: true, text: "Saved." } : { ok: false, text: result.message });
      router.refresh();
    });
  }

  return (
    <Card title={`Users (${users.length})`}>
      <form
        onSubmit={onCreate}
        className="mb-4 grid gap-3 sm:grid-cols-[2fr_1.5fr_1fr_1.5fr_auto] sm:items-end"
        aria-label="Create user"
      >
        <Field label="Email" error={fieldErrors.email?.[0]}>
          <Input name="email" type="email" required placeholder="oncall@example.com" />
        </Field>
        <Field label="Name" error={fieldErrors.name?.[0]}>
          <Input name="name" placeholder="Optional" />
        </Field>
        <Field label="Role" error={fieldErrors.role?.[0]}>
          <Select name="role" defaultValue="viewer">
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </Select>
        </Field>
        <Field label="Initial password" error={fieldErrors.password?.[0]}>
          <Input name="password" type="password" required minLength={10} autoComplete="new-password" />
        </Field>
        <Button type="submit" disabled={pending}>
          Create user
        </Button>
      </form>
      {message ? (
        <p role="status" className={`mb-3 text-sm ${message.ok ? "text-emerald-800" : "text-red-800"}`}>
          {message.text}
        </p>
      ) : null}
      <div className="-mx-4 -mb-4 overflow-x-auto">
        <table className="w-full text-left">
          <TableHeader columns={["Email", "Role", "State", "Created", { label: "Actions", hidden: true }]} />
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-slate-100 last:border-0">
                <td className="px-4 py-2">
                  <div className="font-medium">{u.email}</div>
                  {u.name && u.name !== u.email ? (
                    <div className="text-xs text-slate-500">{u.name}</div>
                  ) : null}
                </td>
                <td className="px-4 py-2">
                  <Select
                    aria-label={`Role of ${u.email}`}
                    value={u.role}
                    disabled={pending}
                    onChange={(e) => update(u.id, { role: e.target.value })}
                    className="w-36"
                  >
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </Select>
                </td>
                <td className="px-4 py-2">
                  {u.disabled ? <Badge tone="grey">Disabled</Badge> : <Badge tone="green">Active</Badge>}
                </td>
                <td className="px-4 py-2 text-xs text-slate-600">
                  <UtcTime value={u.createdAt} />
                </td>
                <td className="px-4 py-2 text-right">
                  {u.id === currentUserId ? (
                    <span className="text-xs text-slate-500">you</span>
                  ) : (
                    <Button
                      variant={u.disabled ? "secondary" : "danger"}
                      disabled={pending}
                      onClick={() => update(u.id, { disabled: !u.disabled })}
                    >
                      {u.disabled ? "Enable" : "Disable and sign out"}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
