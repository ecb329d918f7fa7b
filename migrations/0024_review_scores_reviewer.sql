-- A reviewer reads and writes only their own scores. The policy asked, row by
-- row, whether the score's assignment was the actor's (assignment_of_actor, a
-- function call of some 10 µs, fourteen times for one score sheet and again
-- for its total). A score now carries its reviewer, held equal to its
-- assignment's by the foreign key, and the policy is a plain comparison.

alter table review_assignments
    add constraint review_assignments_id_reviewer_key unique (id, reviewer_id);

alter table review_scores add column reviewer_id uuid;
-- The guard against changing submitted scores guards what reviewers type.
alter table review_scores disable trigger review_scores_while_scoring;
update review_scores s
   set reviewer_id = ra.reviewer_id
  from review_assignments ra
 where ra.id = s.assignment_id;
alter table review_scores enable trigger review_scores_while_scoring;
alter table review_scores alter column reviewer_id set not null;

alter table review_scores drop constraint review_scores_assignment_id_fkey;
alter table review_scores
    add constraint review_scores_assignment_id_fkey
    foreign key (assignment_id, reviewer_id) references review_assignments (id, reviewer_id)
    on update cascade on delete cascade;

-- Scores are written with their assignment only; the trigger copies the rest.
create or replace function review_scores_set_union_path() returns trigger
    language plpgsql
    as $$
begin
    select union_path, reviewer_id into new.union_path, new.reviewer_id
      from review_assignments where id = new.assignment_id;
    if not found then
        raise exception 'review assignment % not found', new.assignment_id
            using errcode = 'foreign_key_violation', constraint = 'review_scores_assignment_id_fkey';
    end if;
    return new;
end
$$;

drop policy review_scores_own on review_scores;
create policy review_scores_own on review_scores
    using (actor_scope() is null and reviewer_id = actor_user_id())
    with check (actor_scope() is null and reviewer_id = actor_user_id());

drop function assignment_of_actor(uuid);
