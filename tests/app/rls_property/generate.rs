//! Fills a fresh database at random, as the owner, from one seed: a union
//! tree below three provinces, accounts of every role, and records of every
//! kind that row-level security keeps apart, in the states the lifecycle
//! reaches. Then a union with its subtree moves to another parent (and one
//! of its descendants moves again), and the audit log goes on after the
//! moves, so that moved history is part of what is compared.
//!
//! Columns the rules never read are filled with the least the constraints
//! accept. Every choice comes from the seed: the same seed builds the same
//! database.

mod delivery;
mod federations;
mod meetings;
mod pilots;
mod purchase;
mod records;
mod registry;
mod sites;
mod work;

use sqlx::{Connection, PgConnection};
use uuid::Uuid;

use super::rng::Rng;

const LEVELS: [&str; 5] = [
    "national",
    "provincial",
    "municipal",
    "county",
    "grassroots",
];

/// A union of the generated tree (or a province or the root above it).
#[derive(Clone, Debug)]
pub struct Union {
    pub id: i64,
    pub path: String,
    /// 1 national … 5 grassroots, as `union_level_rank`.
    pub rank: usize,
}

/// What the generation made so far, for the choices that follow.
struct Gen<'c> {
    conn: &'c mut PgConnection,
    rng: Rng,
    unions: Vec<Union>,
    /// Admin, staff and viewer accounts: (id, union id).
    cadres: Vec<(Uuid, i64)>,
    reviewers: Vec<Uuid>,
    evaluators: Vec<Uuid>,
    /// Organizations: (id, union path).
    orgs: Vec<(Uuid, String)>,
    /// Projects: (id, union path, status).
    projects: Vec<(Uuid, String, &'static str)>,
    applications: Vec<purchase::Application>,
    /// Every account, for the rows any account writes: (id, union id).
    everyone: Vec<(Uuid, i64)>,
    names: usize,
}

/// Builds one database from `seed` (in one transaction).
pub async fn fill(conn: &mut PgConnection, seed: u64) -> sqlx::Result<()> {
    let mut tx = conn.begin().await?;
    let mut g = Gen {
        conn: &mut tx,
        rng: Rng::new(seed),
        unions: Vec::new(),
        cadres: Vec::new(),
        reviewers: Vec::new(),
        evaluators: Vec::new(),
        orgs: Vec::new(),
        projects: Vec::new(),
        applications: Vec::new(),
        everyone: Vec::new(),
        names: 0,
    };
    g.tree().await?;
    g.people().await?;
    g.registry().await?;
    g.needs_and_standards().await?;
    g.projects().await?;
    g.applications_and_reviews().await?;
    g.delivery().await?;
    g.records().await?;
    g.pilots_and_experiences().await?;
    g.work_systems().await?;
    g.federations().await?;
    g.sites().await?;
    g.partners_and_meetings().await?;
    g.audit().await?;
    g.moves().await?;
    g.audit().await?;
    tx.commit().await
}

impl Gen<'_> {
    /// A name no other generated row has.
    fn name(&mut self, prefix: &str) -> String {
        self.names += 1;
        format!("{prefix}{}", self.names)
    }

    /// The root, three provinces, and below each province a random subtree
    /// one to three levels deep (grassroots unions have no children), levels
    /// skipping where the nesting rule allows; sometimes a grassroots union
    /// right under the national union.
    async fn tree(&mut self) -> sqlx::Result<()> {
        let root: (i64, String) =
            sqlx::query_as("select id, path::text from unions where parent_id is null")
                .fetch_one(&mut *self.conn)
                .await?;
        self.unions.push(Union {
            id: root.0,
            path: root.1,
            rank: 1,
        });
        let provinces: Vec<(i64, String)> = sqlx::query_as(
            "select id, path::text from unions where level = 'provincial' order by id",
        )
        .fetch_all(&mut *self.conn)
        .await?;
        let mut growing = Vec::new();
        while growing.len() < 3 {
            let (id, path) = self.rng.pick(&provinces).clone();
            if !self.unions.iter().any(|u| u.id == id) {
                let province = Union { id, path, rank: 2 };
                self.unions.push(province.clone());
                growing.push((province, self.rng.between(1, 3)));
            }
        }
        while let Some((parent, depth)) = growing.pop() {
            for _ in 0..self.rng.between(1, 2) {
                let rank = if self.rng.chance(70) {
                    parent.rank + 1
                } else {
                    parent.rank + 1 + self.rng.below(5 - parent.rank)
                };
                let child = self.union_under(parent.id, rank).await?;
                if depth > 1 && rank < 5 {
                    growing.push((child, depth - 1));
                }
            }
        }
        if self.rng.chance(30) {
            self.union_under(root.0, 5).await?;
        }
        Ok(())
    }

    async fn union_under(&mut self, parent: i64, rank: usize) -> sqlx::Result<Union> {
        let name = self.name("随机工会");
        let (id, path): (i64, String) = sqlx::query_as(
            "insert into unions (parent_id, level, name) values ($1, $2, $3)
             returning id, path::text",
        )
        .bind(parent)
        .bind(LEVELS[rank - 1])
        .bind(name)
        .fetch_one(&mut *self.conn)
        .await?;
        let union = Union { id, path, rank };
        self.unions.push(union.clone());
        Ok(union)
    }

    /// A cadre (admin, staff or viewer) at every union, a second at some;
    /// reviewers and evaluators at random unions, the national one included.
    async fn people(&mut self) -> sqlx::Result<()> {
        for union in self.unions.clone() {
            for _ in 0..if self.rng.chance(40) { 2 } else { 1 } {
                let role = *self.rng.pick(&["admin", "staff", "viewer"]);
                let id = self.account(role, union.id, None).await?;
                self.cadres.push((id, union.id));
            }
        }
        for _ in 0..5 {
            let union = self.rng.pick(&self.unions).id;
            let id = self.account("reviewer", union, None).await?;
            self.reviewers.push(id);
        }
        for _ in 0..4 {
            let union = self.rng.pick(&self.unions).id;
            let id = self.account("evaluator", union, None).await?;
            self.evaluators.push(id);
        }
        Ok(())
    }

    async fn account(&mut self, role: &str, union: i64, org: Option<Uuid>) -> sqlx::Result<Uuid> {
        let id = self.rng.uuid();
        let username = self.name("rls-");
        sqlx::query(
            "insert into users (id, union_id, org_id, username, display_name, role, password_hash)
             values ($1, $2, $3, $4, $4, $5, 'not-a-password-hash')",
        )
        .bind(id)
        .bind(union)
        .bind(org)
        .bind(username)
        .bind(role)
        .execute(&mut *self.conn)
        .await?;
        self.everyone.push((id, union));
        Ok(id)
    }

    /// A random union's current (id, path).
    fn some_union(&mut self) -> (i64, String) {
        let union = self.rng.pick(&self.unions);
        (union.id, union.path.clone())
    }

    /// Moves unions with their subtrees, history crossing each move: a
    /// union below a county or municipal union leaves it for another
    /// parent; then that union moves itself; then (where one is left)
    /// another union below it leaves in turn.
    async fn moves(&mut self) -> sqlx::Result<()> {
        let parents: Vec<Union> = self
            .unions
            .iter()
            .filter(|u| (u.rank == 3 || u.rank == 4) && !self.below(u.id).is_empty())
            .cloned()
            .collect();
        let Some(parent) = (!parents.is_empty()).then(|| self.rng.pick(&parents).clone()) else {
            return Ok(());
        };
        let leaving = self.rng.pick(&self.below(parent.id)).clone();
        self.move_union(&leaving).await?;
        self.move_union(&parent).await?;
        let below = self.below(parent.id);
        if !below.is_empty() {
            let leaving = self.rng.pick(&below).clone();
            self.move_union(&leaving).await?;
        }
        Ok(())
    }

    /// The unions below `union` now.
    fn below(&self, union: i64) -> Vec<Union> {
        let subtree = format!("{}.", self.path_of(union));
        self.unions
            .iter()
            .filter(|u| u.path.starts_with(&subtree))
            .cloned()
            .collect()
    }

    fn path_of(&self, union: i64) -> String {
        self.unions
            .iter()
            .find(|u| u.id == union)
            .map(|u| u.path.clone())
            .expect("a generated union")
    }

    async fn move_union(&mut self, moving: &Union) -> sqlx::Result<()> {
        let path = self.path_of(moving.id);
        let subtree = format!("{path}.");
        let parent: i64 = sqlx::query_scalar("select parent_id from unions where id = $1")
            .bind(moving.id)
            .fetch_one(&mut *self.conn)
            .await?;
        let targets: Vec<i64> = self
            .unions
            .iter()
            .filter(|u| u.rank < moving.rank && u.id != parent && !u.path.starts_with(&subtree))
            .map(|u| u.id)
            .collect();
        let target = *self.rng.pick(&targets);
        sqlx::query("update unions set parent_id = $2 where id = $1")
            .bind(moving.id)
            .bind(target)
            .execute(&mut *self.conn)
            .await?;
        let paths: Vec<(i64, String)> = sqlx::query_as("select id, path::text from unions")
            .fetch_all(&mut *self.conn)
            .await?;
        for union in &mut self.unions {
            if let Some((_, path)) = paths.iter().find(|(id, _)| *id == union.id) {
                union.path.clone_from(path);
            }
        }
        Ok(())
    }

    /// Entries in the audit log: at most unions, by a cadre of the union
    /// or of one above it; and a failed login that belongs to no union.
    async fn audit(&mut self) -> sqlx::Result<()> {
        for at in self.unions.clone() {
            let holders: Vec<Uuid> = self
                .cadres
                .iter()
                .filter(|(_, union)| niudai::policy::is_within(&at.path, &self.path_of(*union)))
                .map(|(user, _)| *user)
                .collect();
            if holders.is_empty() || !self.rng.chance(80) {
                continue;
            }
            let user = *self.rng.pick(&holders);
            sqlx::query(
                "insert into audit_log (actor_id, actor_username, union_id, union_path, action,
                                        entity_type, entity_id)
                 select id, username, $2, $3::ltree, 'record.updated', 'test', id::text
                   from users where id = $1",
            )
            .bind(user)
            .bind(at.id)
            .bind(&at.path)
            .execute(&mut *self.conn)
            .await?;
        }
        sqlx::query(
            "insert into audit_log (action, entity_type, changes)
             values ('login.failed', 'user', '{\"username\": \"nobody\"}')",
        )
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }
}
