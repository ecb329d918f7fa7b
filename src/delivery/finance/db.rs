//! The queries of money: per project, per contract and per union. A report's
//! spending is the sum of its budget lines (`personnel_fen + … +
//! evaluation_fen`), written out in each query.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::web::money::Fen;

/// The money of one project, or of a union's projects.
#[derive(Clone, Copy, Debug, Default)]
pub struct Money {
    pub budget_fen: i64,
    pub contracted_fen: i64,
    pub paid_fen: i64,
    pub spent_fen: i64,
}

impl Money {
    /// The budget not yet paid out.
    pub fn remaining_fen(&self) -> i64 {
        self.budget_fen - self.paid_fen
    }

    /// (label key, 元) in the order the pages show them.
    pub fn columns(&self) -> [(&'static str, String); 5] {
        [
            ("finance.budget", Fen(self.budget_fen).to_string()),
            ("finance.contracted", Fen(self.contracted_fen).to_string()),
            ("finance.paid", Fen(self.paid_fen).to_string()),
            ("finance.spent", Fen(self.spent_fen).to_string()),
            ("finance.remaining", Fen(self.remaining_fen()).to_string()),
        ]
    }

    /// The same columns in 万元, for the union table.
    pub fn wan(&self) -> [String; 5] {
        [
            Fen(self.budget_fen).wan_yuan(),
            Fen(self.contracted_fen).wan_yuan(),
            Fen(self.paid_fen).wan_yuan(),
            Fen(self.spent_fen).wan_yuan(),
            Fen(self.remaining_fen()).wan_yuan(),
        ]
    }
}

/// The money of one project.
pub async fn of_project(conn: &mut PgConnection, project_id: Uuid) -> sqlx::Result<Money> {
    sqlx::query_as!(
        Money,
        r#"select p.budget_fen,
                  coalesce((select sum(amount_fen) from contracts where project_id = p.id), 0)::int8
                    as "contracted_fen!",
                  coalesce((select sum(pm.amount_fen) from payments pm join contracts c on c.id = pm.contract_id
                             where c.project_id = p.id), 0)::int8 as "paid_fen!",
                  coalesce((select sum(personnel_fen + activities_fen + publicity_fen + transport_fen
                                       + office_fen + experts_fen + management_fen + evaluation_fen)
                              from reports
                             where project_id = p.id and status in ('submitted', 'accepted')), 0)::int8
                    as "spent_fen!"
             from projects p where p.id = $1"#,
        project_id
    )
    .fetch_one(conn)
    .await
}

/// The money of one contract: its amount is both budget and contract.
pub async fn of_contract(conn: &mut PgConnection, contract_id: Uuid) -> sqlx::Result<Money> {
    sqlx::query_as!(
        Money,
        r#"select c.amount_fen as budget_fen, c.amount_fen as contracted_fen,
                  coalesce((select sum(amount_fen) from payments where contract_id = c.id), 0)::int8
                    as "paid_fen!",
                  coalesce((select sum(personnel_fen + activities_fen + publicity_fen + transport_fen
                                       + office_fen + experts_fen + management_fen + evaluation_fen)
                              from reports
                             where contract_id = c.id and status in ('submitted', 'accepted')), 0)::int8
                    as "spent_fen!"
             from contracts c where c.id = $1"#,
        contract_id
    )
    .fetch_one(conn)
    .await
}

/// One row of the union table: the union's own projects, or a child union's
/// whole subtree.
#[derive(Clone, Debug)]
pub struct UnionMoney {
    pub union_id: i64,
    pub name: String,
    pub own: bool,
    pub projects: i64,
    pub money: Money,
}

/// The money of the projects bought in `scope` (from approval on; cancelled
/// ones left out), by the union itself and by each child union's subtree.
pub async fn by_union(conn: &mut PgConnection, scope: &str) -> sqlx::Result<Vec<UnionMoney>> {
    let rows = sqlx::query!(
        r#"with kids as (
               select id, name, path, path = $1::text::ltree as own from unions
                where path = $1::text::ltree
                   or (path <@ $1::text::ltree and nlevel(path) = nlevel($1::text::ltree) + 1)),
           p as (
               select id, union_path, budget_fen from projects
                where union_path <@ $1::text::ltree
                  and status not in ('draft', 'pending_approval', 'cancelled')),
           c as (select project_id, sum(amount_fen) as fen from contracts
                  where union_path <@ $1::text::ltree group by project_id),
           pay as (select c.project_id, sum(pm.amount_fen) as fen
                     from payments pm join contracts c on c.id = pm.contract_id
                    where pm.union_path <@ $1::text::ltree group by c.project_id),
           sp as (select project_id,
                         sum(personnel_fen + activities_fen + publicity_fen + transport_fen
                             + office_fen + experts_fen + management_fen + evaluation_fen) as fen
                    from reports
                   where union_path <@ $1::text::ltree and status in ('submitted', 'accepted')
                   group by project_id)
           select k.id as "union_id!", k.name as "name!", k.own as "own!",
                  count(p.id) as "projects!",
                  coalesce(sum(p.budget_fen), 0)::int8 as "budget_fen!",
                  coalesce(sum(c.fen), 0)::int8 as "contracted_fen!",
                  coalesce(sum(pay.fen), 0)::int8 as "paid_fen!",
                  coalesce(sum(sp.fen), 0)::int8 as "spent_fen!"
             from kids k
             left join p on (k.own and p.union_path = k.path) or (not k.own and p.union_path <@ k.path)
             left join c on c.project_id = p.id
             left join pay on pay.project_id = p.id
             left join sp on sp.project_id = p.id
            group by k.id, k.name, k.own
            order by k.own desc, count(p.id) desc, k.name"#,
        scope
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| UnionMoney {
            union_id: r.union_id,
            name: r.name,
            own: r.own,
            projects: r.projects,
            money: Money {
                budget_fen: r.budget_fen,
                contracted_fen: r.contracted_fen,
                paid_fen: r.paid_fen,
                spent_fen: r.spent_fen,
            },
        })
        .collect())
}
