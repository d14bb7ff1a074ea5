/**
 * TEST-ONLY. A small schema shaped like the incident report's Prisma app (User → Talent → Deal →
 * …, text ids, quoted PascalCase names, a few FK indexes as Prisma migrations leave them), with
 * deterministic data: 12 users, 9 of them talents with deals, invoices, payments and comments.
 */
import type { RootSpec } from "./blast-truth";

export const DEMO_LIKE_SQL = `
create table "User" (id text primary key, email text not null unique, "invitedById" text);
create table "Account" (id text primary key, "userId" text not null, provider text not null);
create table "Session" (id text primary key, "userId" text not null, expires timestamp(3) not null);
create table "Brand" (id text primary key, name text not null);
create table "Currency" (id text primary key, code text not null unique);
create table "Talent" (id text primary key, "userId" text not null, "managerId" text, handle text not null);
create table "Deal" (id text primary key, "talentId" text not null, "brandId" text not null,
                     "currencyId" text not null, amount integer not null);
create table "DealItem" (id text primary key, "dealId" text not null, label text not null);
create table "Invoice" (id text primary key, "dealId" text not null, "currencyId" text not null);
create table "Payment" (id text primary key, "invoiceId" text not null, cents integer not null);
create table "Comment" (id text primary key, "dealId" text not null, "authorId" text, body text not null);
create table "Notification" (id text primary key, "userId" text not null, "talentId" text, title text not null);
create table "ActivityLog" (id serial primary key, "userId" text, action text not null);
create table "Commission" (id text primary key, "talentId" text not null, "dealId" text, cents integer not null);

insert into "User" select 'u' || g, 'user' || g || '@example.com', case when g > 1 then 'u1' end
  from generate_series(1, 12) g;
insert into "Account" select 'a' || g, 'u' || ((g - 1) % 12 + 1), 'google' from generate_series(1, 18) g;
insert into "Session" select 's' || g, 'u' || ((g - 1) % 12 + 1), timestamp '2026-01-11' from generate_series(1, 24) g;
insert into "Brand" select 'b' || g, 'Brand ' || g from generate_series(1, 5) g;
insert into "Currency" values ('usd', 'USD'), ('eur', 'EUR');
insert into "Talent" select 't' || g, 'u' || g, case when g % 3 = 0 then 'u2' end, 'handle' || g
  from generate_series(1, 9) g;
insert into "Deal" select 'd' || g, 't' || ((g - 1) % 9 + 1), 'b' || ((g - 1) % 5 + 1),
  case when g % 4 = 0 then 'eur' else 'usd' end, g * 100 from generate_series(1, 45) g;
insert into "DealItem" select 'di' || g, 'd' || ((g - 1) % 45 + 1), 'item' from generate_series(1, 120) g;
insert into "Invoice" select 'i' || g, 'd' || ((g - 1) % 45 + 1), 'usd' from generate_series(1, 60) g;
insert into "Payment" select 'p' || g, 'i' || ((g - 1) % 60 + 1), 1000 from generate_series(1, 80) g;
insert into "Comment" select 'c' || g, 'd' || ((g - 1) % 45 + 1), 'u' || ((g * 7) % 12 + 1), 'ok'
  from generate_series(1, 90) g;
insert into "Notification" select 'n' || g, 'u' || ((g - 1) % 12 + 1),
  case when g % 2 = 0 then 't' || ((g - 1) % 9 + 1) end, 'hi' from generate_series(1, 60) g;
insert into "ActivityLog" ("userId", action) select 'u' || ((g - 1) % 12 + 1), 'login' from generate_series(1, 100) g;
insert into "Commission" select 'k' || g, 't' || ((g - 1) % 9 + 1), 'd' || g, 50 from generate_series(1, 45) g;

alter table "User" add constraint "User_invitedById_fkey" foreign key ("invitedById") references "User"(id) on delete set null on update cascade;
alter table "Account" add constraint "Account_userId_fkey" foreign key ("userId") references "User"(id) on delete cascade on update cascade;
alter table "Session" add constraint "Session_userId_fkey" foreign key ("userId") references "User"(id) on delete cascade on update cascade;
alter table "Talent" add constraint "Talent_userId_fkey" foreign key ("userId") references "User"(id) on delete cascade on update cascade;
alter table "Talent" add constraint "Talent_managerId_fkey" foreign key ("managerId") references "User"(id) on delete set null on update cascade;
alter table "Deal" add constraint "Deal_talentId_fkey" foreign key ("talentId") references "Talent"(id) on delete cascade on update cascade;
alter table "Deal" add constraint "Deal_brandId_fkey" foreign key ("brandId") references "Brand"(id) on delete restrict on update cascade;
alter table "Deal" add constraint "Deal_currencyId_fkey" foreign key ("currencyId") references "Currency"(id) on delete no action on update cascade;
alter table "DealItem" add constraint "DealItem_dealId_fkey" foreign key ("dealId") references "Deal"(id) on delete cascade on update cascade;
alter table "Invoice" add constraint "Invoice_dealId_fkey" foreign key ("dealId") references "Deal"(id) on delete cascade on update cascade;
alter table "Invoice" add constraint "Invoice_currencyId_fkey" foreign key ("currencyId") references "Currency"(id) on delete restrict on update cascade;
alter table "Payment" add constraint "Payment_invoiceId_fkey" foreign key ("invoiceId") references "Invoice"(id) on delete cascade on update cascade;
alter table "Comment" add constraint "Comment_dealId_fkey" foreign key ("dealId") references "Deal"(id) on delete cascade on update cascade;
alter table "Comment" add constraint "Comment_authorId_fkey" foreign key ("authorId") references "User"(id) on delete set null on update cascade;
alter table "Notification" add constraint "Notification_userId_fkey" foreign key ("userId") references "User"(id) on delete cascade on update cascade;
alter table "Notification" add constraint "Notification_talentId_fkey" foreign key ("talentId") references "Talent"(id) on delete set null on update cascade;
alter table "ActivityLog" add constraint "ActivityLog_userId_fkey" foreign key ("userId") references "User"(id) on delete set null on update cascade;
alter table "Commission" add constraint "Commission_talentId_fkey" foreign key ("talentId") references "Talent"(id) on delete cascade on update cascade;
alter table "Commission" add constraint "Commission_dealId_fkey" foreign key ("dealId") references "Deal"(id) on delete set null on update cascade;
create index "Talent_userId_idx" on "Talent"("userId");
create index "Deal_talentId_idx" on "Deal"("talentId");
create index "Invoice_dealId_idx" on "Invoice"("dealId");
analyze;
`;

export const DEMO_LIKE_ROOTS: RootSpec[] = [
  ...["u1", "u2", "u3", "u5", "u9", "u10", "u12", "nobody"].map((id) => ({
    table: "public.User",
    key: { id },
  })),
  { table: "public.User", key: { email: "user7@example.com" } },
  { table: "public.Talent", key: { id: "t4" } },
  { table: "public.Deal", key: { talentId: "t6" } },
  { table: "public.Brand", key: { id: "b2" } },
  { table: "public.Currency", key: { id: "eur" } },
];
