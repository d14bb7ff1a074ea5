/**
 * TEST-ONLY. Purpose-built schemas for the blast-radius tests, one schema each, with the roots to
 * delete. FKs are created in a deliberate order where the order of a row's RI triggers (their names
 * follow creation order) changes what PostgreSQL does.
 */
import type { RootSpec } from "./blast-truth";

export interface Fixture {
  name: string;
  sql: string;
  roots: RootSpec[];
}

const ids = (table: string, column: string, values: (string | number)[]): RootSpec[] =>
  values.map((v) => ({ table, key: { [column]: String(v) } }));

export const LINEAR: Fixture = {
  name: "linear cascade chain",
  sql: `
    create schema chain;
    create table chain.a (id int primary key);
    create table chain.b (id int primary key, a_id int not null references chain.a on delete cascade);
    create table chain.c (id int primary key, b_id int not null references chain.b on delete cascade);
    create table chain.d (id int primary key, c_id int references chain.c on delete cascade);
    insert into chain.a select g from generate_series(1, 3) g;
    insert into chain.b select g, (g - 1) / 2 + 1 from generate_series(1, 6) g;
    insert into chain.c select g, (g - 1) / 2 + 1 from generate_series(1, 12) g;
    insert into chain.d select g, g from generate_series(1, 12) g;
    insert into chain.d values (13, null);`,
  roots: [...ids("chain.a", "id", [1, 3, 99]), ...ids("chain.b", "id", [2]), ...ids("chain.d", "id", [5])],
};

export const DIAMOND: Fixture = {
  name: "diamond",
  sql: `
    create schema diamond;
    create table diamond.top (id int primary key);
    create table diamond."left" (id int primary key, top_id int references diamond.top on delete cascade);
    create table diamond."right" (id int primary key, top_id int references diamond.top on delete cascade);
    create table diamond.bottom (id int primary key,
      left_id int references diamond."left" on delete cascade,
      right_id int references diamond."right" on delete cascade);
    insert into diamond.top values (1), (2);
    insert into diamond."left" values (1, 1), (2, 1), (3, 2);
    insert into diamond."right" values (1, 1), (2, 2);
    insert into diamond.bottom values (1, 1, 1), (2, 2, 1), (3, 3, 1), (4, 1, 2), (5, 3, 2), (6, null, 1);`,
  roots: [
    ...ids("diamond.top", "id", [1, 2]),
    ...ids("diamond.left", "id", [3]),
    ...ids("diamond.right", "id", [1]),
  ],
};

export const CYCLE: Fixture = {
  name: "cycle of CASCADE FKs",
  sql: `
    create schema cycle;
    create table cycle.p (id int primary key, r_id int);
    create table cycle.q (id int primary key, p_id int);
    create table cycle.r (id int primary key, q_id int);
    insert into cycle.p select g, g from generate_series(1, 4) g;
    insert into cycle.q select g, g from generate_series(1, 4) g;
    insert into cycle.r select g, (g % 4) + 1 from generate_series(1, 4) g;
    alter table cycle.q add foreign key (p_id) references cycle.p on delete cascade;
    alter table cycle.r add foreign key (q_id) references cycle.q on delete cascade;
    alter table cycle.p add foreign key (r_id) references cycle.r on delete cascade;
    -- a two-table cycle where one row points back at itself
    create table cycle.x (id int primary key, y_id int);
    create table cycle.y (id int primary key, x_id int references cycle.x on delete cascade);
    insert into cycle.x values (1, 1), (2, 2), (3, null);
    insert into cycle.y values (1, 2), (2, 3), (3, null);
    alter table cycle.x add foreign key (y_id) references cycle.y on delete cascade;`,
  roots: [...ids("cycle.p", "id", [1, 3]), ...ids("cycle.x", "id", [3, 1]), ...ids("cycle.y", "id", [3])],
};

export const TREE: Fixture = {
  name: "self-reference tree",
  sql: `
    create schema tree;
    create table tree.node (id int primary key, parent_id int references tree.node on delete cascade, label text);
    insert into tree.node values (1, null, 'root');
    insert into tree.node select g, (g - 2) / 3 + 1, 'n' || g from generate_series(2, 40) g;
    create table tree.tag (node_id int references tree.node on delete set null, tag text);
    insert into tree.tag select g, 't' from generate_series(1, 40, 3) g;`,
  roots: [...ids("tree.node", "id", [1, 2, 5, 40]), { table: "tree.node", key: { label: "n14" } }],
};

export const SETS: Fixture = {
  name: "SET NULL and SET DEFAULT",
  sql: `
    create schema sets;
    create table sets.p (id int primary key);
    create table sets.c_null (id int primary key, p_id int references sets.p on delete set null, note text);
    create table sets.c_def (id int primary key, p_id int default 1 references sets.p on delete set default);
    create table sets.q (id int primary key);
    create table sets.c_missing (id int primary key, q_id int default 999 references sets.q on delete set default);
    insert into sets.p select g from generate_series(1, 4) g;
    insert into sets.c_null select g, (g % 4) + 1, 'x' from generate_series(1, 12) g;
    insert into sets.c_def select g, (g % 3) + 2 from generate_series(1, 9) g;
    insert into sets.c_def values (10, 1);
    insert into sets.q values (1), (2);
    insert into sets.c_missing values (1, 1), (2, 1);
    -- one row cascaded and set null through different paths; which comes first depends on the
    -- order of r's triggers (creation order of r_a and r_b)
    create table sets.r (id int primary key);
    create table sets.a (id int primary key, r_id int references sets.r on delete cascade);
    create table sets.b (id int primary key, r_id int references sets.r on delete cascade);
    create table sets.m (id int primary key, a_id int references sets.a on delete set null,
                         b_id int references sets.b on delete cascade);
    create table sets.r2 (id int primary key);
    create table sets.b2 (id int primary key, r_id int references sets.r2 on delete cascade);
    create table sets.a2 (id int primary key, r_id int references sets.r2 on delete cascade);
    create table sets.m2 (id int primary key, a_id int references sets.a2 on delete set null,
                          b_id int references sets.b2 on delete cascade);
    insert into sets.r values (1); insert into sets.r2 values (1);
    insert into sets.a values (1, 1), (2, 1); insert into sets.b values (1, 1);
    insert into sets.a2 values (1, 1), (2, 1); insert into sets.b2 values (1, 1);
    insert into sets.m values (1, 1, 1), (2, 2, null), (3, null, 1);
    insert into sets.m2 values (1, 1, 1), (2, 2, null), (3, null, 1);
    -- overlapping FK columns: a SET NULL of x first makes the (x, y) cascade miss the row
    create table sets.s (id int primary key);
    create table sets.sa (id int primary key, s_id int references sets.s on delete cascade);
    create table sets.sb (id int, k int, s_id int references sets.s on delete cascade, primary key (id, k));
    create table sets.o (id int primary key, x int, y int,
      foreign key (x) references sets.sa on delete set null,
      foreign key (x, y) references sets.sb on delete cascade);
    create table sets.s2 (id int primary key);
    create table sets.sb2 (id int, k int, s_id int references sets.s2 on delete cascade, primary key (id, k));
    create table sets.sa2 (id int primary key, s_id int references sets.s2 on delete cascade);
    create table sets.o2 (id int primary key, x int, y int,
      foreign key (x) references sets.sa2 on delete set null,
      foreign key (x, y) references sets.sb2 on delete cascade);
    insert into sets.s values (1); insert into sets.s2 values (1);
    insert into sets.sa values (1, 1); insert into sets.sb values (1, 7, 1);
    insert into sets.sa2 values (1, 1); insert into sets.sb2 values (1, 7, 1);
    insert into sets.o values (1, 1, 7); insert into sets.o2 values (1, 1, 7);`,
  roots: [
    ...ids("sets.p", "id", [2, 3, 1]),
    ...ids("sets.q", "id", [1, 2]),
    ...ids("sets.r", "id", [1]),
    ...ids("sets.r2", "id", [1]),
    ...ids("sets.s", "id", [1]),
    ...ids("sets.s2", "id", [1]),
  ],
};

export const RESTRICTS: Fixture = {
  name: "RESTRICT and NO ACTION inside a cascade",
  sql: `
    create schema restr;
    create table restr.root (id int primary key);
    -- c is reached two ways from root: RESTRICT via b, CASCADE via d. Trigger order decides.
    create table restr.b (id int primary key, root_id int references restr.root on delete cascade);
    create table restr.d (id int primary key, root_id int references restr.root on delete cascade);
    create table restr.c (id int primary key, b_id int references restr.b on delete restrict,
                          d_id int references restr.d on delete cascade);
    create table restr.root2 (id int primary key);
    create table restr.d2 (id int primary key, root_id int references restr.root2 on delete cascade);
    create table restr.b2 (id int primary key, root_id int references restr.root2 on delete cascade);
    create table restr.c2 (id int primary key, b_id int references restr.b2 on delete restrict,
                           d_id int references restr.d2 on delete cascade);
    -- the same shapes with NO ACTION
    create table restr.c3 (id int primary key, b_id int references restr.b on delete no action,
                           d_id int references restr.d on delete cascade);
    create table restr.c4 (id int primary key, b_id int references restr.b2 on delete no action,
                           d_id int references restr.d2 on delete cascade);
    insert into restr.root values (1), (2), (3), (4);
    insert into restr.root2 values (1), (2), (3);
    insert into restr.b values (1, 1), (2, 2), (3, 3), (4, 4);
    insert into restr.d values (1, 1), (2, 2), (3, 3), (4, 4);
    insert into restr.b2 values (1, 1), (2, 2), (3, 3);
    insert into restr.d2 values (1, 1), (2, 2), (3, 3);
    insert into restr.c values (1, 1, 1);   -- root 1: RESTRICT fires before the cascade reaches c
    insert into restr.c2 values (1, 1, 1);  -- root2 1: the cascade removes c2 first
    insert into restr.c3 values (1, 2, 2);  -- root 2: NO ACTION, same order as c
    insert into restr.c4 values (1, 2, 2);  -- root2 2: NO ACTION, same order as c2
    insert into restr.c values (2, 3, 4);   -- root 3: referenced from b 3 but cascaded from d 4
    -- deep: the cascade reaches e one generation later than the RESTRICT check fires
    create table restr.top (id int primary key);
    create table restr.mid (id int primary key, top_id int references restr.top on delete cascade);
    create table restr.low (id int primary key, mid_id int references restr.mid on delete cascade);
    create table restr.held (id int primary key, top_id int references restr.top on delete cascade);
    create table restr.e (id int primary key, held_id int references restr.held on delete restrict,
                          low_id int references restr.low on delete cascade);
    create table restr.e_na (id int primary key, held_id int references restr.held on delete no action,
                             low_id int references restr.low on delete cascade);
    create table restr.e_def (id int primary key,
      held_id int references restr.held on delete no action deferrable initially deferred,
      low_id int references restr.low on delete cascade);
    create table restr.e_rdef (id int primary key,
      held_id int references restr.held on delete restrict deferrable initially deferred,
      low_id int references restr.low on delete cascade);
    create table restr.e_left (id int primary key,
      held_id int references restr.held on delete no action deferrable initially deferred);
    insert into restr.top values (1), (2), (3), (4), (5), (6);
    insert into restr.mid select g, g from generate_series(1, 6) g;
    insert into restr.low select g, g from generate_series(1, 6) g;
    insert into restr.held select g, g from generate_series(1, 6) g;
    insert into restr.e values (1, 1, 1);      -- top 1: blocked (RESTRICT)
    insert into restr.e_na values (1, 2, 2);   -- top 2: blocked (NO ACTION, immediate)
    insert into restr.e_def values (1, 3, 3);  -- top 3: deleted (NO ACTION deferred until commit)
    insert into restr.e_rdef values (1, 4, 4); -- top 4: blocked (RESTRICT is never deferred)
    insert into restr.e_left values (1, 5);    -- top 5: blocked at commit (nothing removes it)
    create table restr.direct (id int primary key, top_id int references restr.top on delete restrict);
    insert into restr.direct values (1, 6);    -- top 6: blocked by a direct RESTRICT`,
  roots: [
    ...ids("restr.root", "id", [1, 2, 3, 4]),
    ...ids("restr.root2", "id", [1, 2, 3]),
    ...ids("restr.top", "id", [1, 2, 3, 4, 5, 6]),
  ],
};

export const KEYS: Fixture = {
  name: "composite FK and FK onto a non-primary unique key",
  sql: `
    create schema keys;
    create table keys.org (id int primary key, name text);
    create table keys.account (id int primary key, org_id int not null references keys.org on delete cascade,
                               code text not null, unique (org_id, code));
    create table keys.member (id int primary key, org_id int not null, account_code text,
      foreign key (org_id, account_code) references keys.account (org_id, code) on delete cascade);
    create table keys.note (id int primary key, org_id int not null, account_code text);
    -- SET NULL (cols) exists from PostgreSQL 15. Before, SET NULL clears the whole key, so org_id
    -- must be nullable for the same deletes to succeed (and update the same rows).
    -- (EXECUTE: PL/pgSQL parses its static statements, and an old parser rejects the new syntax.)
    do $$ begin
      if current_setting('server_version_num')::int >= 150000 then
        execute 'alter table keys.note add foreign key (org_id, account_code)
                   references keys.account (org_id, code) on delete set null (account_code)';
      else
        execute 'alter table keys.note alter org_id drop not null, add foreign key (org_id, account_code)
                   references keys.account (org_id, code) on delete set null';
      end if;
    end $$;
    create table keys.badge (id int primary key, email text unique);
    create table keys.badge_use (id int primary key, email text references keys.badge (email) on delete cascade);
    insert into keys.org values (1, 'a'), (2, 'b');
    insert into keys.account values (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'x');
    insert into keys.member values (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'x'), (4, 1, null);
    insert into keys.note values (1, 1, 'x'), (2, 2, 'x'), (3, 1, 'y');
    insert into keys.badge values (1, 'a@x'), (2, 'b@x'), (3, null);
    insert into keys.badge_use values (1, 'a@x'), (2, 'a@x'), (3, 'b@x');`,
  roots: [
    ...ids("keys.org", "id", [1, 2]),
    ...ids("keys.account", "code", ["x"]),
    { table: "keys.account", key: { org_id: "1", code: "y" } },
    ...ids("keys.badge", "id", [1, 3]),
  ],
};

export const PARTITIONS: Fixture = {
  name: "partitioned tables",
  sql: `
    create schema parts;
    create table parts.users (id int primary key);
    create table parts.target (id int primary key);
    create table parts.event (id int, kind text not null, user_id int references parts.users on delete cascade,
                              target_id int, primary key (id, kind)) partition by list (kind);
    create table parts.e_login partition of parts.event for values in ('login');
    create table parts.e_click partition of parts.event for values in ('click');
    create table parts.e_other partition of parts.event default;
    -- a FK on one partition only
    alter table parts.e_click add foreign key (target_id) references parts.target on delete cascade;
    create table parts.account (id int, region text, user_id int references parts.users on delete cascade,
                                primary key (id, region)) partition by list (region);
    create table parts.account_eu partition of parts.account for values in ('eu');
    create table parts.account_us partition of parts.account for values in ('us');
    create table parts.invoice (id int primary key, account_id int, region text,
      foreign key (account_id, region) references parts.account on delete cascade);
    create table parts.hold (id int primary key, account_id int, region text,
      foreign key (account_id, region) references parts.account on delete restrict);
    insert into parts.users values (1), (2), (3);
    insert into parts.target values (1), (2);
    insert into parts.event values (1, 'login', 1, null), (2, 'click', 1, 1), (3, 'click', 2, 1),
      (4, 'scroll', 1, 2), (5, 'login', 2, null), (6, 'click', 3, 2);
    insert into parts.account values (1, 'eu', 1), (2, 'us', 1), (3, 'eu', 2), (4, 'us', 3);
    insert into parts.invoice values (1, 1, 'eu'), (2, 2, 'us'), (3, 2, 'us'), (4, 3, 'eu');
    insert into parts.hold values (1, 4, 'us');`,
  roots: [
    ...ids("parts.users", "id", [1, 2, 3]),
    ...ids("parts.target", "id", [1, 2]),
    { table: "parts.account", key: { id: "2", region: "us" } },
    { table: "parts.account_eu", key: { id: "1" } },
    ...ids("parts.event", "kind", ["click"]),
  ],
};

export const NO_PK: Fixture = {
  name: "table without a primary key",
  sql: `
    create schema nopk;
    create table nopk.parent (id int primary key);
    create table nopk.log (parent_id int references nopk.parent on delete cascade, msg text);
    create table nopk.ref (parent_id int references nopk.parent on delete set null, msg text);
    insert into nopk.parent values (1), (2);
    insert into nopk.log values (1, 'same'), (1, 'same'), (1, 'same'), (2, 'other'), (null, 'none');
    insert into nopk.ref values (1, 'same'), (1, 'same'), (2, 'x');`,
  roots: [...ids("nopk.parent", "id", [1, 2]), ...ids("nopk.log", "msg", ["same"])],
};

export const QUOTED: Fixture = {
  name: "mixed-case, space and quote identifiers",
  sql: `
    create schema "Sales Ops";
    create table "Sales Ops"."User" ("Id" text primary key, "E-mail" text);
    create table "Sales Ops"."Deal ""Q1""" ("Deal Id" int primary key,
      "Owner Id" text references "Sales Ops"."User" ("Id") on delete cascade);
    create table "Sales Ops"."line.item" ("Deal Ref" int references "Sales Ops"."Deal ""Q1""" on delete cascade,
      "Memo" text);
    create table "Sales Ops"."Watcher" ("User Id" text references "Sales Ops"."User" on delete set null);
    insert into "Sales Ops"."User" values ('u''1', 'a@x'), ('U 2', 'b@x');
    insert into "Sales Ops"."Deal ""Q1""" values (1, 'u''1'), (2, 'u''1'), (3, 'U 2');
    insert into "Sales Ops"."line.item" values (1, 'a'), (1, 'b'), (2, 'c'), (3, 'd');
    insert into "Sales Ops"."Watcher" values ('u''1'), ('U 2');`,
  roots: [
    { table: "Sales Ops.User", key: { Id: "u'1" } },
    { table: "Sales Ops.User", key: { "E-mail": "b@x" } },
    { table: 'Sales Ops.Deal "Q1"', key: { "Deal Id": "3" } },
  ],
};

export const NOT_NULL: Fixture = {
  name: "SET NULL into a NOT NULL column",
  sql: `
    create schema nn;
    create table nn.p (id int primary key);
    create table nn.c (id int primary key, p_id int not null references nn.p on delete set null);
    -- the same child is also cascaded from its parent: when that trigger sorts first, the row is
    -- gone before SET NULL runs and nothing fails; when SET NULL sorts first, the delete fails
    create table nn.p2 (id int primary key);
    create table nn.c2 (id int primary key, p_ref int references nn.p2 on delete cascade,
                        p_id int not null references nn.p2 on delete set null);
    create table nn.p3 (id int primary key);
    create table nn.c3 (id int primary key, p_id int not null references nn.p3 on delete set null,
                        p_ref int references nn.p3 on delete cascade);
    create table nn.pp (id int primary key);
    create table nn.cp (id int, kind text, p_id int not null references nn.pp on delete set null,
                        primary key (id, kind)) partition by list (kind);
    create table nn.cp_a partition of nn.cp for values in ('a');
    insert into nn.p values (1), (2);
    insert into nn.c values (1, 1);
    insert into nn.p2 values (1); insert into nn.c2 values (1, 1, 1);
    insert into nn.p3 values (1); insert into nn.c3 values (1, 1, 1);
    insert into nn.pp values (1);
    insert into nn.cp values (1, 'a', 1);`,
  roots: [
    ...ids("nn.p", "id", [1, 2]),
    ...ids("nn.p2", "id", [1]),
    ...ids("nn.p3", "id", [1]),
    ...ids("nn.pp", "id", [1]),
  ],
};

export const ON_UPDATE: Fixture = {
  name: "SET NULL on a referenced key fires the ON UPDATE rule of FKs onto it",
  sql: `
    create schema onupd;
    create table onupd.users (id int primary key);
    create table onupd.membership (id int primary key, user_id int references onupd.users on delete set null,
                                   org int not null, unique (user_id, org));
    create table onupd.grant_na (id int primary key, user_id int, org int,
      foreign key (user_id, org) references onupd.membership (user_id, org) on update no action);
    create table onupd.grant_def (id int primary key, user_id int, org int,
      foreign key (user_id, org) references onupd.membership (user_id, org)
        on update no action deferrable initially deferred);
    create table onupd.note (id int primary key, user_id int references onupd.users on delete cascade, org int,
      foreign key (user_id, org) references onupd.membership (user_id, org) on update restrict);
    insert into onupd.users values (1), (2), (3), (4);
    insert into onupd.membership values (1, 1, 10), (2, 2, 10), (3, 3, 10), (4, 4, 10);
    insert into onupd.grant_na values (1, 1, 10);   -- users 1: blocked by the ON UPDATE NO ACTION check
    insert into onupd.grant_def values (1, 2, 10);  -- users 2: blocked at commit
    insert into onupd.note values (1, 3, 10);       -- users 3: cascaded away before the check fires
    -- users 4: membership set null, nothing refers to it`,
  roots: ids("onupd.users", "id", [1, 2, 3, 4]),
};

export const ALL_FIXTURES: Fixture[] = [
  ON_UPDATE,
  LINEAR,
  DIAMOND,
  CYCLE,
  TREE,
  SETS,
  RESTRICTS,
  KEYS,
  PARTITIONS,
  NO_PK,
  QUOTED,
  NOT_NULL,
];
