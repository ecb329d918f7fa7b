//! `niudai seed scale --orgs N --projects M --reports R`: a deterministic
//! national dataset for load tests — the real union tree of every province
//! (from the official divisions) with grassroots unions below, N organizations
//! with their ratings, union building and contacts, M purchased-service
//! projects with their applications, reviews, contracts and payments, and R
//! reports on those contracts, the networks (federations, about 20,000 service sites,
//! partners and contact meetings), and the provinces' pilots and typical experiences —
//! built in set-based SQL
//! (`scale/*.sql`), in batches that report their progress, all in one
//! transaction.

use std::time::Instant;

use sqlx::{Connection, PgConnection, PgPool};

const PROVINCES_CSV: &str = include_str!("divisions/provinces.csv");
const CITIES_CSV: &str = include_str!("divisions/cities.csv");
const AREAS_CSV: &str = include_str!("divisions/areas.csv");

// The steps are scripts of many statements (temporary tables and functions,
// session settings, `do` blocks) run whole by `raw_sql`: the checked macros
// take one statement, and could not see the temporary objects at build time.
const UNIONS_SQL: &str = include_str!("scale/01_unions.sql");
const PREPARE_SQL: &str = include_str!("scale/02_prepare.sql");
const ORGANIZATIONS_SQL: &str = include_str!("scale/03_organizations.sql");
const FINISH_SQL: &str = include_str!("scale/04_finish.sql");
const PROJECTS_SQL: &str = include_str!("scale/05_projects.sql");
const REPORTS_SQL: &str = include_str!("scale/06_reports.sql");
const WORK_SYSTEM_SQL: &str = include_str!("scale/07_work_system.sql");
const FEDERATIONS_SQL: &str = include_str!("scale/08_federations.sql");
const SITES_SQL: &str = include_str!("scale/09_sites.sql");
const PARTNERS_MEETINGS_SQL: &str = include_str!("scale/10_partners_meetings.sql");
const PILOTS_SQL: &str = include_str!("scale/11_pilots.sql");

/// Organizations per batch (and per progress line).
const BATCH: u64 = 100_000;

/// How much a scale seed makes.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub orgs: u64,
    pub projects: u64,
    /// Reports on the projects' contracts.
    pub reports: u64,
}

/// Builds the national union tree, then the organizations spread over it,
/// then the projects among them, then the reports on their contracts.
pub async fn seed_scale(
    pool: &PgPool,
    size: Size,
    progress: impl FnMut(&str),
) -> Result<(), sqlx::Error> {
    let mut conn = pool.acquire().await?;
    seed_scale_on(&mut conn, size, progress).await
}

/// [`seed_scale`] on a given connection (whose temporary helpers stay for a
/// check afterwards).
pub async fn seed_scale_on(
    conn: &mut PgConnection,
    size: Size,
    mut progress: impl FnMut(&str),
) -> Result<(), sqlx::Error> {
    let Size {
        orgs,
        projects,
        reports,
    } = size;
    let started = Instant::now();
    let mut tx = conn.begin().await?;
    let unions = add_unions(&mut tx).await?;
    progress(&format!("unions: {unions} ({:.0?})", started.elapsed()));
    sqlx::raw_sql(WORK_SYSTEM_SQL).execute(&mut *tx).await?;
    progress(&format!(
        "work systems and trainings ({:.0?})",
        started.elapsed()
    ));
    sqlx::raw_sql(PILOTS_SQL).execute(&mut *tx).await?;
    progress(&format!(
        "pilots and typical experiences ({:.0?})",
        started.elapsed()
    ));
    sqlx::raw_sql(SITES_SQL).execute(&mut *tx).await?;
    progress(&format!("service sites ({:.0?})", started.elapsed()));
    add_organizations(&mut tx, orgs, None, |done| {
        progress(&format!(
            "organizations: {done} of {orgs} ({:.0?})",
            started.elapsed()
        ));
    })
    .await?;
    progress("indexes and statistics…");
    finish_organizations(&mut tx).await?;
    sqlx::raw_sql(FEDERATIONS_SQL).execute(&mut *tx).await?;
    progress(&format!(
        "federations and their members ({:.0?})",
        started.elapsed()
    ));
    if add_projects(&mut tx, projects).await? {
        progress(&format!(
            "projects: {projects}, with applications, reviews, contracts and payments ({:.0?})",
            started.elapsed()
        ));
        add_reports(&mut tx, reports).await?;
        progress(&format!("reports: {reports} ({:.0?})", started.elapsed()));
    }
    sqlx::raw_sql(PARTNERS_MEETINGS_SQL)
        .execute(&mut *tx)
        .await?;
    progress(&format!(
        "partners and contact meetings ({:.0?})",
        started.elapsed()
    ));
    tx.commit().await?;
    progress("vacuum…");
    // Marks the new pages all-visible, so that counts read the indexes alone.
    sqlx::query!(
        "vacuum (analyze) organizations, organization_ratings, organization_union_building,
                organization_contacts, projects, applications, review_assignments, review_scores,
                reports, report_versions, service_sites, federations, federation_members"
    )
    .execute(&mut *conn)
    .await?;
    progress("statistics…");
    // In a transaction of its own: the refresh lifts the statement timeout
    // for its transaction only.
    let mut tx = conn.begin().await?;
    crate::stats::db::refresh(&mut tx).await?;
    tx.commit().await?;
    progress(&format!("done in {:.0?}", started.elapsed()));
    Ok(())
}

/// Builds the union tree from the official divisions (step 1); how many
/// unions there are then.
async fn add_unions(conn: &mut PgConnection) -> Result<i64, sqlx::Error> {
    load_divisions(conn).await?;
    sqlx::raw_sql(UNIONS_SQL).execute(&mut *conn).await?;
    sqlx::query_scalar!(r#"select count(*) as "unions!" from unions"#)
        .fetch_one(conn)
        .await
}

/// Adds `orgs` generated organizations (with their histories) over the unions
/// that exist, optionally only in some provinces (two-digit codes, comma-
/// separated); `progress` hears how many are done after each batch. Run
/// [`finish_organizations`] after it, in the same transaction.
pub async fn add_organizations(
    conn: &mut PgConnection,
    orgs: u64,
    provinces: Option<&str>,
    mut progress: impl FnMut(u64),
) -> Result<(), sqlx::Error> {
    set_setting(conn, "niudai.seed_orgs", &orgs.to_string()).await?;
    set_setting(conn, "niudai.seed_provinces", provinces.unwrap_or_default()).await?;
    sqlx::raw_sql(PREPARE_SQL).execute(&mut *conn).await?;
    let mut from = 0;
    while from < orgs {
        let to = (from + BATCH).min(orgs);
        set_setting(conn, "niudai.seed_from", &from.to_string()).await?;
        set_setting(conn, "niudai.seed_to", &to.to_string()).await?;
        sqlx::raw_sql(ORGANIZATIONS_SQL).execute(&mut *conn).await?;
        progress(to);
        from = to;
    }
    Ok(())
}

/// Adds `projects` generated projects (step 5), drafted in the name of an
/// existing admin: with no account yet (a bare database), none are made.
/// Whether any were.
async fn add_projects(conn: &mut PgConnection, projects: u64) -> Result<bool, sqlx::Error> {
    let has_admin = sqlx::query_scalar!(
        r#"select exists (select 1 from users where role = 'admin') as "has_admin!""#
    )
    .fetch_one(&mut *conn)
    .await?;
    if projects == 0 || !has_admin {
        return Ok(false);
    }
    set_setting(conn, "niudai.seed_projects", &projects.to_string()).await?;
    sqlx::raw_sql(PROJECTS_SQL).execute(conn).await?;
    Ok(true)
}

/// Adds `reports` reports over the contracts of step 5 (step 6).
async fn add_reports(conn: &mut PgConnection, reports: u64) -> Result<(), sqlx::Error> {
    if reports == 0 {
        return Ok(());
    }
    set_setting(conn, "niudai.seed_reports", &reports.to_string()).await?;
    sqlx::raw_sql(REPORTS_SQL).execute(conn).await?;
    Ok(())
}

/// Sets a session setting that the scripts read (`niudai.seed_*`), for the
/// rest of the session.
async fn set_setting(conn: &mut PgConnection, name: &str, value: &str) -> Result<(), sqlx::Error> {
    sqlx::query_scalar!("select set_config($1, $2, false)", name, value)
        .fetch_one(conn)
        .await?;
    Ok(())
}

/// Rebuilds what [`add_organizations`] set aside for speed and refreshes the
/// planner's statistics.
pub async fn finish_organizations(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    sqlx::raw_sql(FINISH_SQL).execute(conn).await?;
    Ok(())
}

/// Fills the temporary table `seed_divisions` (code, name, parent_code, kind)
/// that step 1 reads, from the embedded GB/T 2260 lists.
async fn load_divisions(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let divisions = Divisions::embedded();
    // Made and filled in one statement: a table made at run time could not
    // be named in a statement checked at build time. The parents hold nulls
    // (the provinces'), which the macro's text[] (`&[String]`) cannot say.
    sqlx::query!(
        "create temporary table seed_divisions on commit drop as
         select code, name, parent_code, kind
           from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as d (code, name, parent_code, kind)",
        &divisions.codes,
        &divisions.names,
        &divisions.parents as &[Option<String>],
        &divisions.kinds
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The divisions of the embedded lists, column by column: codes of six
/// digits, the province of a prefecture and the prefecture (or province) of a
/// county as parents.
struct Divisions {
    codes: Vec<String>,
    names: Vec<String>,
    parents: Vec<Option<String>>,
    kinds: Vec<String>,
}

impl Divisions {
    fn embedded() -> Self {
        let mut divisions = Self {
            codes: Vec::new(),
            names: Vec::new(),
            parents: Vec::new(),
            kinds: Vec::new(),
        };
        for row in csv_rows(PROVINCES_CSV) {
            divisions.push(format!("{:0<6}", row[0]), &row[1], None, "province");
        }
        for row in csv_rows(CITIES_CSV) {
            divisions.push(
                format!("{:0<6}", row[0]),
                &row[1],
                Some(format!("{:0<6}", row[2])),
                "prefecture",
            );
        }
        for row in csv_rows(AREAS_CSV) {
            divisions.push(
                row[0].clone(),
                &row[1],
                Some(format!("{:0<6}", row[2])),
                "county",
            );
        }
        divisions
    }

    fn push(&mut self, code: String, name: &str, parent: Option<String>, kind: &str) {
        self.codes.push(code);
        self.names.push(name.to_owned());
        self.parents.push(parent);
        self.kinds.push(kind.to_owned());
    }
}

/// The data rows of an embedded CSV (its header skipped).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .filter_map(Result::ok)
        .map(|record| record.iter().map(str::to_owned).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_divisions_are_all_there() {
        assert_eq!(csv_rows(PROVINCES_CSV).len(), 31);
        assert_eq!(csv_rows(CITIES_CSV).len(), 342);
        assert_eq!(csv_rows(AREAS_CSV).len(), 2978);
        assert!(
            csv_rows(AREAS_CSV)
                .iter()
                .any(|row| row[0] == "440106" && row[1] == "天河区")
        );
    }
}
