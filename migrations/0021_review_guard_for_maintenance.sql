-- The reviewer's guard on review assignments (migration 0018) applies to
-- reviewers: an actor without a scope but with a user. An actor with neither
-- is maintenance by the owner (seeds, repairs), which may reopen reviews.
create or replace function review_assignments_guard_reviewer() returns trigger
    language plpgsql
    as $$
begin
    if actor_scope() is null and actor_user_id() is not null and not (
        (old.status = 'assigned' and new.status in ('scoring', 'conflict'))
        or (old.status = 'scoring' and new.status in ('scoring', 'submitted'))
    ) then
        raise exception 'a reviewer cannot make this move'
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;
