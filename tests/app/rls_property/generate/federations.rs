//! Federations at random unions (some nested under one led above), their
//! partner bodies and charters, and members: organizations of the region,
//! some admitted across regions, some memberships ended.

use super::Gen;

impl Gen<'_> {
    pub(super) async fn federations(&mut self) -> sqlx::Result<()> {
        let unions: Vec<(i64, String)> = self
            .unions
            .iter()
            .filter(|u| u.rank <= 4)
            .map(|u| (u.id, u.path.clone()))
            .collect();
        // (id, leading union's path) of the federations made so far.
        let mut made: Vec<(uuid::Uuid, String)> = Vec::new();
        for (n, (union, path)) in unions.iter().enumerate() {
            if n != 0 && !self.rng.chance(50) {
                continue;
            }
            let id = self.rng.uuid();
            let name = self.name("随机联合会");
            let parent = made
                .iter()
                .filter(|(_, p)| niudai::policy::is_within(path, p))
                .map(|(id, _)| *id)
                .next()
                .filter(|_| self.rng.chance(60));
            let kind = if self.rng.chance(30) {
                "joint_platform"
            } else {
                "federation"
            };
            sqlx::query(
                "insert into federations (id, union_id, kind, name, parent_id)
                 values ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(union)
            .bind(kind)
            .bind(&name)
            .bind(parent)
            .execute(&mut *self.conn)
            .await?;
            if kind == "joint_platform" || n == 0 {
                sqlx::query(
                    "insert into federation_partners (federation_id, union_path, kind, unit_name)
                     select id, union_path, 'youth_league', '共青团' from federations where id = $1",
                )
                .bind(id)
                .execute(&mut *self.conn)
                .await?;
            }
            if n == 0 || self.rng.chance(30) {
                self.file("federation_charter", "federations", id, false)
                    .await?;
            }
            let orgs = self.orgs.clone();
            for (org, org_path) in &orgs {
                let inside = niudai::policy::is_within(org_path, path);
                let admit = if inside {
                    self.rng.chance(40)
                } else {
                    self.rng.chance(5)
                };
                if !admit {
                    continue;
                }
                let ended = self.rng.chance(25);
                sqlx::query(
                    "insert into federation_members (federation_id, union_path, org_id,
                                                     org_union_path, joined_on, left_on,
                                                     cross_region, cross_region_reason)
                     select f.id, f.union_path, o.id, o.union_path, date '2024-01-01',
                            case when $3 then date '2025-01-01' end, $4,
                            case when $4 then '跨区域' end
                       from federations f, organizations o
                      where f.id = $1 and o.id = $2",
                )
                .bind(id)
                .bind(org)
                .bind(ended)
                .bind(!inside)
                .execute(&mut *self.conn)
                .await?;
            }
            made.push((id, path.clone()));
        }
        Ok(())
    }
}
