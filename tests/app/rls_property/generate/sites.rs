//! Service sites at random unions of every level (the national union's
//! too), some run by an organization of the registry, some with a photo.

use super::Gen;

const KINDS: [&str; 4] = [
    "service_center",
    "service_point",
    "home_15min",
    "sanitation_station",
];

impl Gen<'_> {
    pub(super) async fn sites(&mut self) -> sqlx::Result<()> {
        let unions: Vec<i64> = self.unions.iter().map(|u| u.id).collect();
        for (n, union) in unions.into_iter().enumerate() {
            if n > 0 && !self.rng.chance(45) {
                continue;
            }
            let id = self.rng.uuid();
            let name = self.name("随机阵地");
            let kind = *self.rng.pick(&KINDS);
            let operator = if !self.orgs.is_empty() && self.rng.chance(30) {
                Some(self.rng.pick(&self.orgs).0)
            } else {
                None
            };
            sqlx::query(
                "insert into service_sites (id, union_id, kind, name, address, division_code,
                                            operator_org_id)
                 values ($1, $2, $3, $4, '随机地址', '510107', $5)",
            )
            .bind(id)
            .bind(union)
            .bind(kind)
            .bind(name)
            .bind(operator)
            .execute(&mut *self.conn)
            .await?;
            if self.rng.chance(40) {
                self.file("site_photo", "service_sites", id, false).await?;
            }
        }
        Ok(())
    }
}
