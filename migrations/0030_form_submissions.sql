-- Each rendering of a form carries a fresh key (`form_key`); the transaction
-- that writes what the form asked claims the key first, so that the same form
-- sent twice (a browser retrying after a connection reset, a double click)
-- writes once, and the second sending is told so.

create table form_submissions (
    user_id uuid not null references users (id) on delete cascade,
    form_key uuid not null,
    submitted_at timestamptz not null default now(),
    constraint form_submissions_pkey primary key (user_id, form_key)
);

create index form_submissions_submitted_idx on form_submissions (submitted_at);

alter table form_submissions enable row level security;
alter table form_submissions force row level security;

create policy form_submissions_own on form_submissions
    using (user_id = (select actor_user_id()))
    with check (user_id = (select actor_user_id()));

grant select, insert on form_submissions to niudai_app;

-- Keys older than a day protect nothing any more (a form is not resent a day
-- later by a browser); the periodic job forgets them.
create function form_submissions_forget(p_after interval) returns bigint
    language sql security definer
    set search_path = public, pg_temp
    as $$
        with gone as (
            delete from form_submissions
             where submitted_at < now() - greatest(p_after, interval '1 hour')
            returning 1
        )
        select count(*) from gone
    $$;

grant execute on function form_submissions_forget(interval) to niudai_app;
