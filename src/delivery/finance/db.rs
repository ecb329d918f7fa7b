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

    /// The sum of two.
    pub fn plus(&self, other: &Money) -> Money {
        Money {
            budget_fen: self.budget_fen + other.budget_fen,
            contracted_fen: self.contracted_fen + other.contracted_fen,
            paid_fen: self.paid_fen + other.paid_fen,
            spent_fen: self.spent_fen + other.spent_fen,
        }
    }

    /// The columns in fen, in the order of [`Money::columns`].
    pub fn fen(&self) -> [i64; 5] {
        [
            self.budget_fen,
            self.contracted_fen,
            self.paid_fen,
            self.spent_fen,
            self.remaining_fen(),
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
    /// Whether the union has children of its own, to drill down into.
    pub has_children: bool,
    pub projects: i64,
    pub money: Money,
}

/// The money of the funded projects of `year` (`projects::year`, and
/// `Status::FUNDED`: the same projects the list shows under `stage=funded`)
/// of union `union_id` at `path`: its own, then each child union's subtree in
/// division-code order. Every project is counted once, in the row of the
/// child whose subtree holds it; contracts, installments and reports are read
/// for those projects alone, through the indexes on their project or contract,
/// and summed by row before they meet the unions, so that no join pairs one
/// large set with another whatever the planner thinks of their sizes (the
/// policies leave it guessing).
pub async fn by_union(
    conn: &mut PgConnection,
    union_id: i64,
    path: &str,
    year: i32,
) -> sqlx::Result<Vec<UnionMoney>> {
    let rows = sqlx::query!(
        r#"with kids as (
               select u.id, u.name, u.path, u.division_code, u.id = $1 as own,
                      exists (select 1 from unions g where g.parent_id = u.id) as has_children
                 from unions u where u.id = $1 or u.parent_id = $1),
           p as materialized (
               select p.id, p.budget_fen,
                      subltree(p.union_path, 0, least(nlevel(p.union_path), nlevel($2::text::ltree) + 1))
                        as row_path
                 from projects p
                where p.union_path <@ $2::text::ltree
                  and p.status = any($3)
                  and p.created_at >= make_timestamptz($4, 1, 1, 0, 0, 0, 'Asia/Shanghai')
                  and p.created_at < make_timestamptz($4 + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai')),
           c as materialized (
               select c.id, p.row_path, c.amount_fen
                 from p join contracts c on c.project_id = p.id),
           budgeted as (select row_path, count(*) as projects, sum(budget_fen) as fen
                          from p group by row_path),
           contracted as (select row_path, sum(amount_fen) as fen from c group by row_path),
           paid as (select c.row_path, sum(pm.amount_fen) as fen
                      from c join payments pm on pm.contract_id = c.id group by c.row_path),
           spent as (select c.row_path,
                            sum(r.personnel_fen + r.activities_fen + r.publicity_fen + r.transport_fen
                                + r.office_fen + r.experts_fen + r.management_fen + r.evaluation_fen)
                              as fen
                       from c join reports r on r.contract_id = c.id
                      where r.status in ('submitted', 'accepted') group by c.row_path)
           select k.id as "union_id!", k.name as "name!", k.own as "own!",
                  k.has_children as "has_children!",
                  coalesce(b.projects, 0)::int8 as "projects!",
                  coalesce(b.fen, 0)::int8 as "budget_fen!",
                  coalesce(ct.fen, 0)::int8 as "contracted_fen!",
                  coalesce(pd.fen, 0)::int8 as "paid_fen!",
                  coalesce(sp.fen, 0)::int8 as "spent_fen!"
             from kids k
             left join budgeted b on b.row_path = k.path
             left join contracted ct on ct.row_path = k.path
             left join paid pd on pd.row_path = k.path
             left join spent sp on sp.row_path = k.path
            order by k.own desc, coalesce(k.division_code, '~'), k.name, k.id"#,
        union_id,
        path,
        &crate::projects::Status::funded_texts(),
        year
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| UnionMoney {
            union_id: r.union_id,
            name: r.name,
            own: r.own,
            has_children: r.has_children,
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

/// The unions from `from` (the reader's) down to `to` (the one shown), as
/// (id, name): the way back up from a drill-down.
pub async fn trail(
    conn: &mut PgConnection,
    from: &str,
    to: &str,
) -> sqlx::Result<Vec<(i64, String)>> {
    let rows = sqlx::query!(
        r#"select id, name from unions
            where path @> $2::text::ltree and path <@ $1::text::ltree
            order by nlevel(path)"#,
        from,
        to
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.name)).collect())
}
