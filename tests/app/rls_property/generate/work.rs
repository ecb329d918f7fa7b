//! The unions' work systems: a leader and department at most unions, named
//! staff (some linked to an account of their union), funding years with
//! their documents, and trainings with attendees and materials.

use super::Gen;

impl Gen<'_> {
    /// Each kind at a random share of the unions, and all of them at the
    /// first, so that every table has rows.
    pub(super) async fn work_systems(&mut self) -> sqlx::Result<()> {
        let unions = self.unions.clone();
        for (i, union) in unions.iter().enumerate() {
            let every = i == 0;
            if every || self.rng.chance(60) {
                let department = self.rng.chance(70).then_some("社会联络部");
                // The demo's national and provincial unions have theirs.
                sqlx::query(
                    "insert into work_systems (union_id, department) values ($1, $2)
                     on conflict (union_id) do nothing",
                )
                .bind(union.id)
                .bind(department)
                .execute(&mut *self.conn)
                .await?;
            }
            let cadre = self
                .cadres
                .iter()
                .find(|(_, u)| *u == union.id)
                .map(|(id, _)| *id);
            if every || self.rng.chance(50) {
                let account = cadre.filter(|_| self.rng.chance(50));
                sqlx::query(
                    "insert into work_system_staff (union_id, name, duty, user_id)
                     values ($1, '随机人员', '联络员', $2)",
                )
                .bind(union.id)
                .bind(account)
                .execute(&mut *self.conn)
                .await?;
            }
            if every || self.rng.chance(50) {
                let id = self.rng.uuid();
                sqlx::query("insert into work_years (id, union_id, year) values ($1, $2, 2024)")
                    .bind(id)
                    .bind(union.id)
                    .execute(&mut *self.conn)
                    .await?;
                if every || self.rng.chance(50) {
                    self.file("work_year", "work_years", id, false).await?;
                }
            }
            if every || self.rng.chance(50) {
                let id = self.rng.uuid();
                sqlx::query(
                    "insert into trainings (id, union_id, held_on, kind, topic, hours_tenths,
                                            external_attendees)
                     values ($1, $2, date '2026-05-01', 'training', '随机培训', 30, 3)",
                )
                .bind(id)
                .bind(union.id)
                .execute(&mut *self.conn)
                .await?;
                if let Some(user) = cadre {
                    sqlx::query(
                        "insert into training_attendees (training_id, union_path, user_id)
                         select id, union_path, $2 from trainings where id = $1",
                    )
                    .bind(id)
                    .bind(user)
                    .execute(&mut *self.conn)
                    .await?;
                }
                if every || self.rng.chance(50) {
                    self.file("training", "trainings", id, false).await?;
                }
            }
        }
        Ok(())
    }
}
