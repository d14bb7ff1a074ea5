import { NextResponse } from "next/server";

/** Liveness for load balancers and the demo launcher. Public, says nothing about targets. */
export function GET() {
  return NextResponse.json({ ok: true });
}
