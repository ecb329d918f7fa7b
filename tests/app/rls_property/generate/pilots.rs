//! Pilots with their milestones, notes and the notes' files, and typical
//! experiences in every state (published ones featured or not) with their
//! links and photos, at random unions of the provinces.

use super::Gen;

const EXPERIENCE_STATES: [&str; 3] = ["draft", "submitted", "published"];

impl Gen<'_> {
    pub(super) async fn pilots_and_experiences(&mut self) -> sqlx::Result<()> {
        let in_provinces: Vec<(i64, String)> = self
            .unions
            .iter()
            .filter(|u| u.rank >= 2 && u.path.contains('.'))
            .map(|u| (u.id, u.path.clone()))
            .collect();
        for (n, (union, _)) in in_provinces.iter().enumerate() {
            if n == 0 || self.rng.chance(40) {
                self.pilot(*union).await?;
            }
            if n == 0 || self.rng.chance(50) {
                let status = *self.rng.pick(&EXPERIENCE_STATES);
                let featured = status == "published" && (n == 0 || self.rng.chance(50));
                self.experience(*union, status, featured).await?;
            }
        }
        Ok(())
    }

    /// A pilot (beyond its province's limit if need be: an exception) with a
    /// milestone and a note, the note sometimes with a file.
    async fn pilot(&mut self, union: i64) -> sqlx::Result<()> {
        let title = self.name("随机试点");
        let id = self.rng.uuid();
        sqlx::query(
            "insert into pilots (id, union_id, title, goals, starts_on, planned_end_on,
                                 exception_reason)
             values ($1, $2, $3, '目标', '2026-01-01', '2026-12-31', '随机生成')",
        )
        .bind(id)
        .bind(union)
        .bind(title)
        .execute(&mut *self.conn)
        .await?;
        sqlx::query(
            "insert into pilot_milestones (pilot_id, union_path, title, due_on)
             select id, union_path, '节点', '2026-06-30' from pilots where id = $1",
        )
        .bind(id)
        .execute(&mut *self.conn)
        .await?;
        let note = self.rng.uuid();
        sqlx::query(
            "insert into pilot_notes (id, pilot_id, union_path, body, author_name)
             select $2, id, union_path, '进展', '随机' from pilots where id = $1",
        )
        .bind(id)
        .bind(note)
        .execute(&mut *self.conn)
        .await?;
        if self.rng.chance(60) {
            self.file("pilot_note", "pilot_notes", note, false).await?;
        }
        Ok(())
    }

    /// An experience in `status` (featured or not), linking to a project,
    /// sometimes with a photo.
    async fn experience(&mut self, union: i64, status: &str, featured: bool) -> sqlx::Result<()> {
        let title = self.name("随机经验");
        let id = self.rng.uuid();
        sqlx::query(
            "insert into experiences (id, union_id, union_name, title, summary, status, featured,
                                      featured_at)
             select $1, u.id, u.name, $3, '摘要', $4, $5, case when $5 then now() end
               from unions u where u.id = $2",
        )
        .bind(id)
        .bind(union)
        .bind(title)
        .bind(status)
        .bind(featured)
        .execute(&mut *self.conn)
        .await?;
        let target = self.rng.uuid();
        sqlx::query(
            "insert into experience_links (experience_id, union_path, target_kind, target_id,
                                           target_key, label)
             select id, union_path, 'project', $2, '2026-XX-0001', '项目' from experiences
              where id = $1",
        )
        .bind(id)
        .bind(target)
        .execute(&mut *self.conn)
        .await?;
        if featured || self.rng.chance(50) {
            self.file("experience_photo", "experiences", id, false)
                .await?;
        }
        Ok(())
    }
}
