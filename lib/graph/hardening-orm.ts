import { splitQualified } from "../introspect/identifiers";
import type { Catalog, ForeignKey, ReferentialAction } from "../introspect/types";

/**
 * The schema-file side of a hardening migration: the Prisma and drizzle edits that keep the app's
 * schema in step with the database (otherwise the next `prisma migrate dev` or `drizzle-kit
 * generate` would put the CASCADE back). Pure. Model and field names are inferred from the
 * database (Prisma's defaults: model = table, relation field = FK column without "Id"), so the
 * text says what to look for rather than pretending to know the schema file.
 */

const PRISMA_ACTIONS: Record<ReferentialAction, string> = {
  CASCADE: "Cascade",
  RESTRICT: "Restrict",
  "NO ACTION": "NoAction",
  "SET NULL": "SetNull",
  "SET DEFAULT": "SetDefault",
};

export function prismaAction(action: ReferentialAction): string {
  return PRISMA_ACTIONS[action];
}

export function drizzleAction(action: ReferentialAction): string {
  return action.toLowerCase();
}

/** "userId" → "user", "owner_id" → "owner"; otherwise the parent model in lowerCamelCase. */
export function relationFieldName(fk: Pick<ForeignKey, "childColumns" | "parent">): string {
  const only = fk.childColumns.length === 1 ? fk.childColumns[0]! : null;
  const stripped = only?.replace(/(_id|Id|ID)$/, "");
  if (only && stripped && stripped !== only) return stripped;
  const model = splitQualified(fk.parent).table;
  return model.charAt(0).toLowerCase() + model.slice(1);
}

function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** A JS variable for a table in a drizzle schema file: the table name when it is one, else camelCased. */
export function drizzleTableVar(table: string): string {
  const { table: name } = splitQualified(table);
  if (isIdentifier(name)) return name;
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1))).join("");
  return /^[A-Za-z_$]/.test(camel) ? camel : `t${camel}`;
}

function prop(object: string, column: string): string {
  return isIdentifier(column) ? `${object}.${column}` : `${object}[${JSON.stringify(column)}]`;
}

function prismaModel(table: string): string {
  const { table: name } = splitQualified(table);
  return isIdentifier(name) ? name : `${drizzleTableVar(table)} /* @@map(${JSON.stringify(name)}) */`;
}

export function hardeningOrmText(
  catalog: Catalog,
  foreignKeys: ForeignKey[],
  softDeleteTables: string[],
  softDeleteColumn: string,
): { prisma: string; drizzle: string } {
  const prisma: string[] = [
    "// schema.prisma — change onDelete on these relation fields (keep your relation names and other",
    "// arguments), then create the migration with `prisma migrate dev --create-only` and replace its SQL",
    "// with the generated .sql file (Prisma's own SQL drops and re-adds the constraint in one lock).",
  ];
  const drizzle: string[] = [
    "// drizzle schema — change onDelete on these references, then commit the generated .sql as a",
    "// custom migration (`drizzle-kit generate --custom`) instead of drizzle-kit's drop-and-add.",
  ];
  const byChild = new Map<string, ForeignKey[]>();
  for (const fk of foreignKeys) byChild.set(fk.child, [...(byChild.get(fk.child) ?? []), fk]);

  for (const [child, fks] of byChild) {
    prisma.push("", `model ${prismaModel(child)} {`);
    for (const fk of fks) {
      const parentModel = splitQualified(fk.parent).table;
      const sameParent = catalog.foreignKeys.filter((k) => k.child === fk.child && k.parent === fk.parent);
      const relation = sameParent.length > 1 ? `"<your relation name>", ` : "";
      const optional = fk.childColumns.some(
        (c) => catalog.tables.find((t) => t.name === fk.child)?.columns.find((x) => x.name === c)?.nullable,
      );
      prisma.push(
        `  // ${fk.name}: was onDelete: ${prismaAction(fk.onDelete)}`,
        `  ${relationFieldName(fk)} ${parentModel}${optional ? "?" : ""} @relation(${relation}fields: [${fk.childColumns.join(", ")}], references: [${fk.parentColumns.join(", ")}], onDelete: Restrict, onUpdate: ${prismaAction(fk.onUpdate)})`,
      );
    }
    prisma.push("}");

    const self = drizzleTableVar(child);
    drizzle.push("", `// ${child}: pgTable(${JSON.stringify(splitQualified(child).table)}, …)`);
    for (const fk of fks) {
      const parentVar = drizzleTableVar(fk.parent);
      drizzle.push(`// ${fk.name}: was onDelete: "${drizzleAction(fk.onDelete)}"`);
      if (fk.childColumns.length === 1) {
        drizzle.push(
          `${isIdentifier(fk.childColumns[0]!) ? fk.childColumns[0] : JSON.stringify(fk.childColumns[0])}: /* keep the column type */ .references(() => ${prop(parentVar, fk.parentColumns[0]!)}, { onDelete: "restrict", onUpdate: "${drizzleAction(fk.onUpdate)}" }),`,
        );
      } else {
        drizzle.push(
          `foreignKey({`,
          `  name: ${JSON.stringify(fk.name)},`,
          `  columns: [${fk.childColumns.map((c) => prop(self, c)).join(", ")}],`,
          `  foreignColumns: [${fk.parentColumns.map((c) => prop(parentVar, c)).join(", ")}],`,
          `})`,
          `  .onDelete("restrict")`,
          `  .onUpdate("${drizzleAction(fk.onUpdate)}"),`,
        );
      }
    }
  }
  if (foreignKeys.length === 0) {
    prisma.push("", "// (no foreign keys selected)");
    drizzle.push("", "// (no foreign keys selected)");
  }

  for (const table of softDeleteTables) {
    prisma.push("", `model ${prismaModel(table)} {`, `  ${softDeleteColumn} DateTime? @db.Timestamp(3)`, "}");
    drizzle.push(
      "",
      `// ${table}: soft-delete column`,
      `${isIdentifier(softDeleteColumn) ? softDeleteColumn : JSON.stringify(softDeleteColumn)}: timestamp(${JSON.stringify(softDeleteColumn)}, { precision: 3 }),`,
    );
  }
  return { prisma: `${prisma.join("\n")}\n`, drizzle: `${drizzle.join("\n")}\n` };
}
