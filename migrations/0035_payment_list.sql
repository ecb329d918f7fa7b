-- The payment list (/payments): every decision on an installment in the
-- cadre's scope, the latest first, by year or date range.
--
-- 1. A payment's date is the day the money went out, or for a withheld
--    installment the day (China time) it was withheld; the list sorts, pages
--    and filters on it, so it is kept on the row.
-- 2. As for reports, the province leads the indexes a provincial (or lower)
--    cadre's list walks, the nation's walk the date alone; they include the
--    columns the policies and the status filter read, so that a page's ids
--    come from the index alone (see `payments::list`).
-- 3. The search by organization name finds the organizations first, then
--    their payments.
alter table payments
    add column dated_on date not null generated always as
        (coalesce(paid_on, (decided_at at time zone 'Asia/Shanghai')::date)) stored,
    add column province text generated always as
        (subltree(union_path, 0, least(nlevel(union_path), 2))::text) stored;

create index payments_dated_idx on payments (dated_on, id)
    include (union_path, org_id, supervisor_id, decision);
create index payments_province_dated_idx on payments (province, dated_on, id)
    include (union_path, org_id, supervisor_id, decision);
create index payments_org_idx on payments (org_id, dated_on);
