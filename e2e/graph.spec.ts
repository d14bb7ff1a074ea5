import path from "node:path";
import pg from "pg";
import { expect, test } from "./fixtures";
import { account, readDemoInfo } from "./demo";
import { GraphPage } from "./pages/graph-page";

const TARGET = "breakco-prod";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const screenshotDirs = [
  "test-results/screenshots",
  ...(process.env.UPDATE_SCREENSHOTS ? ["docs/screenshots"] : []),
];

async function countAudits(action: string): Promise<number> {
  const control = new pg.Client({ connectionString: readDemoInfo().controlPlane.url });
  await control.connect();
  try {
    const { rows } = await control.query<{ n: string }>(
      "select count(*) as n from audit_events where action = $1",
      [action],
    );
    return Number(rows[0]!.n);
  } finally {
    await control.end();
  }
}

const countBlastAudits = () => countAudits("graph.blast_radius");

test.describe("cascade graph", () => {
  test("renders the demo schema; selecting User lights up Talent and everything below it", async ({
    pageAs,
    request,
  }) => {
    const page = await pageAs("responder");
    await page.setViewportSize({ width: 1280, height: 800 });
    const graph = new GraphPage(page);
    await graph.goto(TARGET);
    await expect(page.getByTestId("graph-legend")).toContainText("CASCADE");
    expect(await page.getByTestId("graph-node").count()).toBeGreaterThanOrEqual(40);

    await graph.selectBySearch("User");
    await expect(graph.node("User")).toHaveAttribute("data-role", "root");
    await expect(graph.node("Talent")).toHaveAttribute("data-role", "closure");
    await expect(graph.node("Talent")).toHaveAttribute("data-depth", "1");
    // Coloured by live health (the statuses view of the health API): wiped, and how many it had.
    await expect(graph.node("Talent")).toContainText("WIPED");
    await expect(graph.node("Talent")).toContainText(/had [\d,]+/);
    await expect(graph.node("User")).toContainText("INTACT");
    await expect(graph.node("Deal")).toHaveAttribute("data-role", "closure");
    await expect(graph.node("Brand")).toHaveAttribute("data-role", "dimmed");
    await expect(page.getByTestId("closure-summary")).toContainText(/cascades into \d+ tables/);
    await expect(page.getByTestId("deepest-route")).toContainText("User");
    await expect(page.getByTestId("deepest-route")).toContainText("Talent");

    // The paths listed on the page are exactly the engine's closure for User.
    const api = await request.get(`/api/v1/targets/${TARGET}/graph`, {
      headers: bearer(account("viewer").apiToken),
    });
    expect(api.status()).toBe(200);
    const json = (await api.json()) as { cascadeClosure: Record<string, string[]>; tables: unknown[] };
    expect(Object.keys(json).sort()).toEqual(["cascadeClosure", "foreignKeys", "tables"]);
    const closure = json.cascadeClosure["public.User"]!;
    expect(closure).toContain("public.Talent");
    expect(closure).toContain("public.Deal");
    const listed = await graph.cascadePaths();
    expect(Object.keys(listed).sort()).toEqual(closure.filter((t) => t !== "public.User").sort());
    expect(listed["public.Talent"]).toBe(1);
    for (const table of closure.filter((t) => t !== "public.User")) {
      await expect(graph.node(table.replace(/^public\./, ""))).toHaveAttribute("data-role", "closure");
    }

    for (const dir of screenshotDirs) await page.screenshot({ path: path.join(dir, "graph.png") });
  });

  test("the blast radius shown for a demo user equals the engine's JSON from the API, and is audited", async ({
    pageAs,
    request,
  }) => {
    const page = await pageAs("responder");
    await page.setViewportSize({ width: 1280, height: 800 });
    const graph = new GraphPage(page);
    await graph.goto(TARGET, "public.User");
    const auditsBefore = await countBlastAudits();

    await page.getByRole("button", { name: "Pick a row…" }).click();
    const picker = page.getByTestId("blast-row-picker");
    await expect(picker.getByRole("button").first()).toBeVisible();
    // Key columns only: the picker never shows an email.
    await expect(picker).not.toContainText("@");
    await picker.getByRole("button").first().click();
    await page.getByTestId("blast-run").click();
    await expect(page.getByTestId("blast-result")).toBeVisible();
    const shown = await graph.blastJson();

    const root = shown.root as { table: string; key: Record<string, string> };
    expect(root.table).toBe("public.User");
    const response = await request.post(`/api/v1/targets/${TARGET}/blast-radius`, {
      headers: bearer(account("responder").apiToken),
      data: { table: root.table, key: root.key },
    });
    expect(response.status()).toBe(200);
    const engine = (await response.json()) as Record<string, unknown>;
    const { elapsedMs: _a, ...shownRest } = shown;
    const { elapsedMs: _b, ...engineRest } = engine;
    expect(shownRest).toEqual(engineRest);
    expect(engine.outcome).toBe("deleted");
    expect((engine.rowsDeletedByTable as Record<string, number>)["public.User"]).toBe(1);
    for (const [table, rows] of Object.entries(engine.rowsDeletedByTable as Record<string, number>)) {
      await expect(page.locator(`[data-testid="blast-row"][data-table="${table}"]`)).toHaveAttribute(
        "data-deleted",
        String(rows),
      );
    }
    // One run from the page, one through the API: both in the audit chain.
    expect(await countBlastAudits()).toBe(auditsBefore + 2);
  });

  test("a viewer sees the graph but cannot run the explorer: the server refuses and nothing runs", async ({
    pageAs,
    request,
  }) => {
    const page = await pageAs("viewer");
    const graph = new GraphPage(page);
    await graph.goto(TARGET);
    // Clicking a node selects it, like the search does.
    await graph.node("Talent").click();
    await expect(graph.node("Talent")).toHaveAttribute("data-role", "root");
    await expect(graph.node("Deal")).toHaveAttribute("data-role", "closure");
    await expect(graph.node("User")).toHaveAttribute("data-role", "dimmed");
    await expect(page.getByTestId("blast-viewer-note")).toBeVisible();
    await expect(page.getByTestId("blast-run")).toHaveCount(0);

    const before = await countBlastAudits();
    const viewer = bearer(account("viewer").apiToken);
    const run = await request.post(`/api/v1/targets/${TARGET}/blast-radius`, {
      headers: viewer,
      data: { table: "public.User", key: { id: "anything" } },
    });
    expect(run.status()).toBe(403);
    expect((await run.json()).error.code).toBe("FORBIDDEN");
    const rows = await request.get(`/api/v1/targets/${TARGET}/blast-radius/rows?table=public.User`, {
      headers: viewer,
    });
    expect(rows.status()).toBe(403);
    expect(await countBlastAudits()).toBe(before);
  });

  test("bad input is a 400 with a clear message; an unknown target is a 404", async ({ request }) => {
    const responder = bearer(account("responder").apiToken);
    const unknownTable = await request.post(`/api/v1/targets/${TARGET}/blast-radius`, {
      headers: responder,
      data: { table: "public.Nope", key: { id: "x" } },
    });
    expect(unknownTable.status()).toBe(400);
    expect((await unknownTable.json()).error.message).toMatch(/unknown table/);
    const badColumn = await request.post(`/api/v1/targets/${TARGET}/blast-radius`, {
      headers: responder,
      data: { table: "public.User", key: { 'id" OR 1=1 --': "x" } },
    });
    expect(badColumn.status()).toBe(400);
    const noKey = await request.post(`/api/v1/targets/${TARGET}/blast-radius`, {
      headers: responder,
      data: { table: "public.User", key: {} },
    });
    expect(noKey.status()).toBe(400);
    const unknownTarget = await request.get(`/api/v1/targets/nope/graph`, { headers: responder });
    expect(unknownTarget.status()).toBe(404);
    const badFormat = await request.get(`/api/v1/targets/${TARGET}/graph?format=xml`, { headers: responder });
    expect(badFormat.status()).toBe(400);
    expect((await badFormat.json()).error.message).toMatch(/format must be/);
    const badView = await request.get(`/api/v1/targets/${TARGET}/health?view=xml`, { headers: responder });
    expect(badView.status()).toBe(400);
    expect((await badView.json()).error.message).toMatch(/view must be/);
  });

  test("the graph's statuses are the health view's, without the rest of it", async ({ request }) => {
    const headers = bearer(account("viewer").apiToken);
    // Both from the same sample: the sampler may store a new one between the two requests.
    let full, slim;
    for (let attempt = 0; attempt < 3; attempt++) {
      full = await (await request.get(`/api/v1/targets/${TARGET}/health`, { headers })).json();
      slim = await (await request.get(`/api/v1/targets/${TARGET}/health?view=statuses`, { headers })).json();
      if (slim.sampledAt === full.sampledAt) break;
    }
    type Row = { name: string; status: string; rows: number | null };
    const pick = (rows: Row[]) => rows.map(({ name, status, rows }) => ({ name, status, rows }));
    expect(slim.sampledAt).toBe(full.sampledAt);
    expect(pick(slim.tables)).toEqual(pick(full.tables));
    expect(slim.tables.find((t: Row) => t.name === "public.Talent").status).toBe("WIPED");
    expect(Object.keys(slim.tables[0]).sort()).toEqual([
      "baselineRows",
      "name",
      "rows",
      "rowsExact",
      "status",
    ]);
    expect(slim).not.toHaveProperty("detections");
  });

  test("invoking the hardening server action directly as a viewer is refused and leaves no trace", async ({
    pageAs,
    baseURL,
  }) => {
    // Learn the action's id the way an attacker could: from a responder's real request.
    const responderPage = await pageAs("responder");
    const graph = new GraphPage(responderPage);
    await graph.goto(TARGET, "public.User");
    const actionRequest = responderPage.waitForRequest(
      (r) => r.method() === "POST" && !!r.headers()["next-action"],
    );
    await responderPage.getByRole("button", { name: /Generate migration for/ }).click();
    const actionId = (await actionRequest).headers()["next-action"]!;
    await expect(responderPage.getByTestId("hardening-text")).toBeVisible();

    const before = await countAudits("graph.hardening_generated");
    const viewerPage = await pageAs("viewer");
    const response = await viewerPage.request.post(`/targets/${TARGET}/graph`, {
      headers: {
        "next-action": actionId,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: baseURL!,
      },
      data: JSON.stringify([
        { targetId: TARGET, foreignKeys: [{ child: "public.Talent", name: "Talent_userId_fkey" }] },
      ]),
    });
    const text = await response.text();
    expect(text).toContain("FORBIDDEN");
    expect(text).not.toContain("ALTER TABLE");
    expect(await countAudits("graph.hardening_generated")).toBe(before);
  });

  test("the row picker shows key columns only, and every read of it is audited", async ({ request }) => {
    const before = await countAudits("graph.key_rows_read");
    const response = await request.get(`/api/v1/targets/${TARGET}/blast-radius/rows?table=public.Brand`, {
      headers: bearer(account("responder").apiToken),
    });
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { rows: Record<string, string | null>[] };
    expect(body.rows.length).toBeGreaterThan(0);
    for (const row of body.rows) expect(Object.keys(row)).toEqual(["id"]);
    expect(await countAudits("graph.key_rows_read")).toBe(before + 1);
  });

  test("the page's compact graph names the same tables and foreign keys as the full API answer", async ({
    request,
  }) => {
    const viewer = bearer(account("viewer").apiToken);
    const full = (await (
      await request.get(`/api/v1/targets/${TARGET}/graph`, { headers: viewer })
    ).json()) as {
      tables: { name: string }[];
      foreignKeys: { name: string; child: string; parent: string; onDelete: string }[];
    };
    const response = await request.get(`/api/v1/targets/${TARGET}/graph?format=compact`, { headers: viewer });
    expect(response.status()).toBe(200);
    const compact = (await response.json()) as {
      t: [string][];
      f: [string, number, string[], number, string[], string][];
    };
    expect(compact.t.map(([name]) => name)).toEqual(full.tables.map((t) => t.name));
    expect(
      compact.f.map(([name, child, , parent, , onDelete]) => [
        name,
        compact.t[child]![0],
        compact.t[parent]![0],
        onDelete,
      ]),
    ).toEqual(full.foreignKeys.map((k) => [k.name, k.child, k.parent, k.onDelete]));
    const anonymous = await request.get(`/api/v1/targets/${TARGET}/graph?format=compact`);
    expect(anonymous.status()).toBe(401);
  });
});
