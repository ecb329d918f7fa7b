-- Functions in SQL that PostgreSQL cannot inline (these are security definer)
-- are planned again in every query that calls them; in PL/pgSQL their plans
-- are kept for the connection. The lookups below run on most pages (a name
-- across a tenant line, an organization's record), and the track record's
-- five-table plan cost some 0.7 ms on every organization page. Same bodies,
-- same results.

create or replace function organization_public_name(p_org_id uuid) returns text
    language plpgsql stable security definer
    set search_path = public, pg_temp
    as $$
begin
    return (select name from organizations where id = p_org_id);
end
$$;

create or replace function union_public_name(p_union_id bigint) returns text
    language plpgsql stable security definer
    set search_path = public, pg_temp
    as $$
begin
    return (select name from unions where id = p_union_id);
end
$$;

create or replace function reviewer_display_name(p_id uuid) returns text
    language plpgsql stable security definer
    set search_path = public, pg_temp
    as $$
begin
    return (select display_name from users where id = p_id and role = 'reviewer');
end
$$;

create or replace function organization_track_record(p_org_id uuid)
    returns table (project_id uuid, code text, title text, purchaser text, closed_on date,
                   amount_fen bigint, total_hundredths int, grade text)
    language plpgsql stable security definer
    set search_path = public, pg_temp
    as $$
begin
    return query
        select p.id, p.code, p.title, n.name, (pc.closed_at at time zone 'Asia/Shanghai')::date,
               c.amount_fen, e.total_hundredths, e.grade
          from contracts c
          join projects p on p.id = c.project_id and p.status = 'closed'
          join unions n on n.id = p.union_id
          join project_closings pc on pc.project_id = p.id
          left join evaluations e on e.contract_id = c.id and e.kind = 'final' and e.status = 'final'
         where c.org_id = p_org_id
         order by pc.closed_at desc;
end
$$;
