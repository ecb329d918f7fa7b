//! The registry and what a union keeps of its own: organizations with their
//! ratings, union building and contacts, organization accounts, worker
//! needs, and indicator systems in every state.

use uuid::Uuid;

use super::Gen;

impl Gen<'_> {
    /// Up to two organizations at each union; histories for some, an
    /// account for most.
    pub(super) async fn registry(&mut self) -> sqlx::Result<()> {
        for union in self.unions.clone() {
            for _ in 0..self.rng.below(3) {
                let id = self.rng.uuid();
                let name = self.name("社会组织");
                sqlx::query(
                    "insert into organizations (id, union_id, name, org_type, guidance_category,
                                                relationship)
                     values ($1, $2, $3, 'unregistered', $4, 'contacted')",
                )
                .bind(id)
                .bind(union.id)
                .bind(name)
                .bind(*self.rng.pick(&["cultivate", "guide"]))
                .execute(&mut *self.conn)
                .await?;
                self.orgs.push((id, union.path.clone()));
                self.histories(id).await?;
                if self.rng.chance(70) {
                    self.account("org", union.id, Some(id)).await?;
                }
            }
        }
        Ok(())
    }

    async fn histories(&mut self, org: Uuid) -> sqlx::Result<()> {
        if self.rng.chance(50) {
            sqlx::query(
                "insert into organization_ratings (org_id, level, rated_on, authority)
                 values ($1, $2, current_date - $3::int, '民政局')",
            )
            .bind(org)
            .bind(i16::try_from(self.rng.between(1, 5)).expect("a rating"))
            .bind(i32::try_from(self.rng.between(0, 2000)).expect("days"))
            .execute(&mut *self.conn)
            .await?;
        }
        if self.rng.chance(40) {
            sqlx::query(
                "insert into organization_union_building (org_id, status, changed_on)
                 values ($1, $2, current_date)",
            )
            .bind(org)
            .bind(*self.rng.pick(&["preparing", "established", "joint"]))
            .execute(&mut *self.conn)
            .await?;
        }
        if self.rng.chance(60) {
            sqlx::query(
                "insert into organization_contacts (org_id, contacted_on, method, cadre, summary)
                 values ($1, current_date, $2, '联络员', '走访')",
            )
            .bind(org)
            .bind(
                *self
                    .rng
                    .pick(&["visit", "meeting", "phone", "online", "event"]),
            )
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    /// Needs at half the unions; indicator systems as drafts, published and
    /// superseded, set where the application sets them: at the national
    /// union and the provinces (which never move).
    pub(super) async fn needs_and_standards(&mut self) -> sqlx::Result<()> {
        for union in self.unions.clone() {
            if self.rng.chance(50) {
                let title = self.name("职工需求");
                sqlx::query(
                    "insert into needs (union_id, title, domain, source, collected_on,
                                        suitable_for_purchase)
                     values ($1, $2, 'employment', 'survey', current_date, true)",
                )
                .bind(union.id)
                .bind(title)
                .execute(&mut *self.conn)
                .await?;
            }
        }
        let setters: Vec<i64> = self
            .unions
            .iter()
            .filter(|u| u.rank <= 2)
            .map(|u| u.id)
            .collect();
        for _ in 0..4 {
            let union = *self.rng.pick(&setters);
            let id = self.rng.uuid();
            let name = self.name("指标体系");
            sqlx::query(
                "insert into indicator_systems (id, union_id, kind, name, lineage)
                 values ($1, $2, 'midterm', $3, $1)",
            )
            .bind(id)
            .bind(union)
            .bind(name)
            .execute(&mut *self.conn)
            .await?;
            sqlx::query(
                "insert into indicators (system_id, code, name, weight) values ($1, '1', '总体', 100)",
            )
            .bind(id)
            .execute(&mut *self.conn)
            .await?;
            let steps: &[&str] = match self.rng.below(3) {
                0 => &[],
                1 => &["published"],
                _ => &["published", "superseded"],
            };
            for status in steps {
                sqlx::query("update indicator_systems set status = $2 where id = $1")
                    .bind(id)
                    .bind(status)
                    .execute(&mut *self.conn)
                    .await?;
            }
        }
        Ok(())
    }
}
