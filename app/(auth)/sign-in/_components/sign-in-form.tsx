"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { authClient } from "@/lib/auth/client";

/** The same message for an unknown email and a wrong password: sign-in never says which accounts exist. */
const WRONG_CREDENTIALS = "Wrong email or password.";

export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error } = await authClient.signIn.email({
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    if (!error) {
      // A full navigation so server components render with the new session cookie.
      window.location.assign(next);
      return;
    }
    setPending(false);
    if (error.status === 429) setError("Too many sign-in attempts. Wait a minute and try again.");
    else if (error.status === 403) setError(error.message ?? "This account is disabled.");
    else if (error.status === 401 || error.status === 400) setError(WRONG_CREDENTIALS);
    else setError("Sign-in failed. Try again in a moment.");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label="Email">
        <Input name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field label="Password">
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      {error ? (
        <p
          role="alert"
          data-testid="sign-in-error"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
        >
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
