/**
 * A purpose-built schema for engine tests: every kind of foreign key introspection must get right.
 * Used by lib/introspect and lib/cli tests. Runs on PostgreSQL 13+: the one PostgreSQL 15 feature it
 * shows (ON DELETE SET NULL (cols)) is declared in its whole-key form on older servers, and the
 * tests expect `onDeleteSetColumns` accordingly.
 *
 * The expected truth is written by hand in the tests that use it; keep the two in step.
 */
export const FIXTURE_SCHEMA_SQL = `
create schema "Sales Ops";
create schema billing;

-- composite primary key, a non-primary unique key, a composite unique key
create table public.account (
  id int primary key,
  code text not null unique,
  region text not null,
  unique (region, id)
);
create table public.member (
  account_id int not null references public.account (id) on delete cascade,
  seq int not null,
  name text,
  primary key (account_id, seq)
);
-- composite FK whose column order differs from the referenced key's declaration order
create table public.membership_note (
  id serial primary key,
  m_seq int,
  m_acct int,
  constraint membership_note_member_fkey foreign key (m_seq, m_acct)
    references public.member (seq, account_id) on delete cascade
);
create index membership_note_idx on public.membership_note (m_acct, m_seq, id);
-- a partitioned child whose cascading FK is declared on the parent (cloned onto each partition)
create table public.login (
  member_account_id int not null,
  member_seq int not null,
  kind text not null,
  constraint login_member_fkey foreign key (member_account_id, member_seq)
    references public.member (account_id, seq) on delete cascade
) partition by list (kind);
create table public.login_web partition of public.login for values in ('web');
create table public.login_app partition of public.login for values in ('app');
-- FK onto a unique key that is not the primary key
create table public.account_alias (
  id serial primary key,
  account_code text constraint account_alias_code_fkey references public.account (code)
    on delete set null on update cascade
);
-- self-reference
create table public.category (
  id int primary key,
  parent_id int constraint category_parent_fkey references public.category (id) on delete cascade
);
-- a cycle broken by a nullable, deferrable edge
create table public.team (id int primary key, lead_id int);
create table public.person (
  id int primary key,
  team_id int not null constraint person_team_fkey references public.team (id) on delete cascade
);
alter table public.team add constraint team_lead_fkey foreign key (lead_id)
  references public.person (id) on delete set null deferrable initially deferred;
-- a cascade cycle
create table public.node_a (id int primary key, b_id int);
create table public.node_b (id int primary key, a_id int not null
  constraint node_b_a_fkey references public.node_a (id) on delete cascade);
alter table public.node_a add constraint node_a_b_fkey foreign key (b_id)
  references public.node_b (id) on delete cascade deferrable;

-- partitioned parent; a FK declared directly on one partition only
create table public.event (
  id int not null,
  account_id int not null,
  at date not null,
  primary key (id, at)
) partition by range (at);
create table public.event_2025 partition of public.event for values from ('2025-01-01') to ('2026-01-01');
create table public.event_2026 partition of public.event for values from ('2026-01-01') to ('2027-01-01');
alter table public.event_2026 add constraint event_2026_account_fkey foreign key (account_id)
  references public.account (id) on delete cascade;
-- a FK onto the partitioned parent (PostgreSQL clones it once per partition)
create table public.event_tag (
  event_id int not null,
  event_at date not null,
  tag text not null,
  constraint event_tag_event_fkey foreign key (event_id, event_at)
    references public.event (id, at) on delete cascade
);
-- a partitioned child with a RESTRICT FK declared on the parent
create table public.audit (
  id int not null,
  account_id int constraint audit_account_fkey references public.account (id) on delete restrict,
  kind text not null
) partition by list (kind);
create table public.audit_login partition of public.audit for values in ('login');
create table public.audit_other partition of public.audit default;

-- another schema: SET DEFAULT, SET NULL on a subset of columns, cross-schema FKs
create table billing.invoice (
  id int primary key,
  account_id int not null default 0 constraint invoice_account_fkey references public.account (id)
    on delete set default,
  unique (id, account_id)
);
create table billing.line (id int primary key, invoice_id int, account_id int not null);
do $$ begin
  execute format(
    'alter table billing.line add constraint line_invoice_fkey foreign key (invoice_id, account_id)
       references billing.invoice (id, account_id) on delete set null %s on update restrict',
    case when current_setting('server_version_num')::int >= 150000 then '(invoice_id)' else '' end);
end $$;

-- mixed-case and quoted names
create table "Sales Ops"."User" (id int primary key, "E-mail" text not null);
create table "Sales Ops"."Deal ""Q1""" (
  id int primary key,
  "ownerId" int not null constraint "Deal_ownerId_fkey" references "Sales Ops"."User" (id) on delete cascade,
  "Account Id" int
);
create index "Deal_owner_idx" on "Sales Ops"."Deal ""Q1""" ("ownerId");
alter table "Sales Ops"."Deal ""Q1""" add constraint "Deal ""Q1"" account" foreign key ("Account Id")
  references public.account (id) not valid;

-- triggers: one enabled statement trigger, one disabled row trigger
create function public.note_change() returns trigger language plpgsql as $$ begin return null; end $$;
create trigger "Capture Delete" after delete or truncate on public.account
  for each statement execute function public.note_change();
create trigger member_touch before insert or update on public.member
  for each row execute function public.note_change();
alter table public.member disable trigger member_touch;
`;
