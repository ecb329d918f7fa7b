//! Purchasing: projects in every state with their timelines, applications
//! from organizations inside the purchaser's scope and, as a transfer of the
//! organization or a move of its union leaves them, outside it; review
//! assignments in every state with their scores, and reviewers' links.

use uuid::Uuid;

use super::Gen;

const STATUSES: [&str; 11] = [
    "draft",
    "pending_approval",
    "approved",
    "open",
    "reviewing",
    "awarded",
    "contracted",
    "in_progress",
    "final_evaluation",
    "closed",
    "cancelled",
];

/// A generated application: (id, project status, its own status).
pub type Application = (Uuid, &'static str, &'static str);

impl Gen<'_> {
    /// Projects at most unions, scored with the national default systems.
    pub(super) async fn projects(&mut self) -> sqlx::Result<()> {
        for union in self.unions.clone() {
            if !self.rng.chance(60) {
                continue;
            }
            for _ in 0..self.rng.between(1, 2) {
                let id = self.rng.uuid();
                let code = self.name("RLS-");
                let status = *self.rng.pick(&STATUSES);
                let own: Vec<Uuid> = self
                    .cadres
                    .iter()
                    .filter(|(_, at)| *at == union.id)
                    .map(|(user, _)| *user)
                    .collect();
                let creator = if own.is_empty() {
                    self.rng.pick(&self.cadres).0
                } else {
                    *self.rng.pick(&own)
                };
                sqlx::query(
                    "insert into projects (id, union_id, code, title, domain, description,
                         target_group, budget_fen, union_funds_fen, eligible_types,
                         apply_opens_on, apply_closes_on, service_starts_on, service_ends_on,
                         review_system_id, midterm_system_id, performance_system_id, status,
                         cancel_reason, created_by)
                     select $1, $2, $3, '项目 ' || $3, 'employment', '说明', '职工', 1000000,
                            1000000, '{unregistered}', current_date - 400, current_date - 370,
                            current_date - 360, current_date + 5,
                            (select id from indicator_systems s
                              where s.union_id = u.root and s.kind = 'approval_review' and s.name like '%全国默认%'),
                            (select id from indicator_systems s
                              where s.union_id = u.root and s.kind = 'midterm' and s.name like '%全国默认%'),
                            (select id from indicator_systems s
                              where s.union_id = u.root and s.kind = 'performance' and s.name like '%全国默认%'),
                            $4, case when $4 = 'cancelled' then '取消' end, $5
                       from (select id as root from unions where parent_id is null) u",
                )
                .bind(id)
                .bind(union.id)
                .bind(code)
                .bind(status)
                .bind(creator)
                .execute(&mut *self.conn)
                .await?;
                sqlx::query(
                    "insert into project_events (project_id, from_status, to_status, actor_name)
                     values ($1, 'draft', $2, '经办人')",
                )
                .bind(id)
                .bind(status)
                .execute(&mut *self.conn)
                .await?;
                self.projects.push((id, union.path.clone(), status));
            }
        }
        Ok(())
    }

    /// One to three applicants to each call that was opened, mostly from
    /// the purchaser's scope; the awarded one first where a project got as
    /// far. Reviews of the submitted ones, in the states their project allows.
    pub(super) async fn applications_and_reviews(&mut self) -> sqlx::Result<()> {
        for (project, path, status) in self.projects.clone() {
            let count = match status {
                "draft" | "pending_approval" | "approved" => 0,
                "cancelled" => self.rng.below(3),
                _ => usize::try_from(self.rng.between(1, 3)).expect("a count"),
            };
            let eligible: Vec<Uuid> = self
                .orgs
                .iter()
                .filter(|(_, at)| niudai::policy::is_within(at, &path))
                .map(|(org, _)| *org)
                .collect();
            let mut applicants: Vec<Uuid> = Vec::new();
            for _ in 0..count {
                let org = if eligible.is_empty() || self.rng.chance(20) {
                    self.rng.pick(&self.orgs).0
                } else {
                    *self.rng.pick(&eligible)
                };
                if !applicants.contains(&org) {
                    applicants.push(org);
                }
            }
            for (n, org) in applicants.into_iter().enumerate() {
                let own_status = match status {
                    "open" => *self.rng.pick(&["draft", "submitted", "withdrawn"]),
                    "reviewing" | "cancelled" => *self.rng.pick(&["submitted", "withdrawn"]),
                    _ if n == 0 => "awarded",
                    _ => "rejected",
                };
                let id = self.rng.uuid();
                sqlx::query(
                    "insert into applications (id, project_id, org_id, status) values ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(project)
                .bind(org)
                .bind(own_status)
                .execute(&mut *self.conn)
                .await?;
                self.applications.push((id, status, own_status));
                if own_status != "draft" && own_status != "withdrawn" && status != "open" {
                    self.reviews(id, status).await?;
                }
            }
        }
        for _ in 0..3 {
            let reviewer = *self.rng.pick(&self.reviewers);
            let org = self.rng.pick(&self.orgs).0;
            let (_, path) = self.some_union();
            sqlx::query(
                "insert into reviewer_links (reviewer_id, org_id, union_path, relation)
                 values ($1, $2, $3::ltree, '曾任理事') on conflict do nothing",
            )
            .bind(reviewer)
            .bind(org)
            .bind(path)
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    async fn reviews(&mut self, application: Uuid, project_status: &str) -> sqlx::Result<()> {
        let mut assigned: Vec<Uuid> = Vec::new();
        for _ in 0..self.rng.below(3) {
            let reviewer = *self.rng.pick(&self.reviewers);
            if assigned.contains(&reviewer) {
                continue;
            }
            assigned.push(reviewer);
            let status = match project_status {
                "reviewing" | "cancelled" => {
                    *self
                        .rng
                        .pick(&["assigned", "scoring", "submitted", "conflict"])
                }
                _ if self.rng.chance(80) => "submitted",
                _ => "conflict",
            };
            let scored = status == "scoring" || status == "submitted";
            let id = self.rng.uuid();
            sqlx::query(
                "insert into review_assignments (id, application_id, org_id, project_id,
                                                 union_path, reviewer_id, status)
                 select $1, a.id, a.org_id, a.project_id, a.union_path, $2, $3
                   from applications a where a.id = $4",
            )
            .bind(id)
            .bind(reviewer)
            .bind(if scored { "scoring" } else { status })
            .bind(application)
            .execute(&mut *self.conn)
            .await?;
            if scored {
                sqlx::query(
                    "insert into review_scores (assignment_id, indicator_id, score_tenths)
                     select ra.id, i.id, 50
                       from review_assignments ra join projects p on p.id = ra.project_id
                       join indicators i on i.system_id = p.review_system_id
                      where ra.id = $1 and not exists (select 1 from indicators c where c.parent_id = i.id)
                      order by i.code limit $2",
                )
                .bind(id)
                .bind(self.rng.between(1, 3))
                .execute(&mut *self.conn)
                .await?;
                sqlx::query("update review_assignments set status = $2 where id = $1")
                    .bind(id)
                    .bind(status)
                    .execute(&mut *self.conn)
                    .await?;
            }
        }
        Ok(())
    }
}
