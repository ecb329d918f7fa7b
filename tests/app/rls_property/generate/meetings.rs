//! Partners (some co-funding projects) and contact meetings with their
//! invitations of organizations of the subtree (some attended, which writes
//! the organization's contact) and follow-up actions of cadres of the
//! subtree, at random unions.

use super::Gen;

const ANSWERS: [&str; 3] = ["pending", "accepted", "declined"];

impl Gen<'_> {
    pub(super) async fn partners_and_meetings(&mut self) -> sqlx::Result<()> {
        let unions: Vec<(i64, String)> = self
            .unions
            .iter()
            .filter(|u| u.rank < 5)
            .map(|u| (u.id, u.path.clone()))
            .collect();
        for (n, (union, path)) in unions.iter().enumerate() {
            if n == 0 || self.rng.chance(50) {
                self.partner(*union).await?;
            }
            if n == 0 || self.rng.chance(60) {
                self.meeting(*union, path).await?;
            }
        }
        Ok(())
    }

    /// A partner, co-funding a project sometimes.
    async fn partner(&mut self, union: i64) -> sqlx::Result<()> {
        let name = self.name("随机伙伴");
        let id = self.rng.uuid();
        sqlx::query(
            "insert into partners (id, union_id, name, kind, brings)
             values ($1, $2, $3, 'foundation', '{funds}')",
        )
        .bind(id)
        .bind(union)
        .bind(&name)
        .execute(&mut *self.conn)
        .await?;
        if !self.projects.is_empty() && self.rng.chance(60) {
            let (project, path, _) = self.rng.pick(&self.projects).clone();
            sqlx::query(
                "insert into partner_projects (partner_id, project_id, union_path, partner_name)
                 values ($1, $2, $3::ltree, $4)",
            )
            .bind(id)
            .bind(project)
            .bind(path)
            .bind(&name)
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    /// A meeting inviting organizations of the subtree (answered, attended
    /// at random) with an action of a cadre of the subtree.
    async fn meeting(&mut self, union: i64, path: &str) -> sqlx::Result<()> {
        let title = self.name("随机会议");
        let id = self.rng.uuid();
        sqlx::query(
            "insert into meetings (id, union_id, title, held_on, place, agenda, status)
             values ($1, $2, $3, '2026-06-01', '会议室', '议程', 'held')",
        )
        .bind(id)
        .bind(union)
        .bind(title)
        .execute(&mut *self.conn)
        .await?;
        let orgs: Vec<uuid::Uuid> = self
            .orgs
            .iter()
            .filter(|(_, p)| niudai::policy::is_within(p, path))
            .map(|(o, _)| *o)
            .collect();
        for _ in 0..2 {
            if orgs.is_empty() || !self.rng.chance(70) {
                continue;
            }
            let org = *self.rng.pick(&orgs);
            let answer = *self.rng.pick(&ANSWERS);
            let attended = self.rng.chance(50);
            let invited = sqlx::query(
                "insert into meeting_invitations (meeting_id, union_path, org_id, response, attended)
                 select id, union_path, $2, $3, $4 from meetings where id = $1
                 on conflict (meeting_id, org_id) do nothing",
            )
            .bind(id)
            .bind(org)
            .bind(answer)
            .bind(attended)
            .execute(&mut *self.conn)
            .await?;
            if attended && invited.rows_affected() == 1 {
                sqlx::query(
                    "insert into organization_contacts (org_id, contacted_on, method, cadre, summary,
                                                        meeting_id)
                     values ($1, '2026-06-01', 'meeting', '随机', '参加联系会议', $2)",
                )
                .bind(org)
                .bind(id)
                .execute(&mut *self.conn)
                .await?;
            }
        }
        let paths: Vec<(i64, String)> =
            self.unions.iter().map(|u| (u.id, u.path.clone())).collect();
        let cadres: Vec<uuid::Uuid> = self
            .cadres
            .iter()
            .filter(|(_, u)| {
                paths
                    .iter()
                    .any(|(id, p)| id == u && niudai::policy::is_within(p, path))
            })
            .map(|(c, _)| *c)
            .collect();
        if !cadres.is_empty() && self.rng.chance(70) {
            let cadre = *self.rng.pick(&cadres);
            sqlx::query(
                "insert into meeting_actions (meeting_id, union_path, title, responsible_user_id,
                                              due_on, done_on)
                 select id, union_path, '落实事项', $2, '2026-07-01',
                        case when $3 then date '2026-06-20' end
                   from meetings where id = $1",
            )
            .bind(id)
            .bind(cadre)
            .bind(self.rng.chance(30))
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }
}
