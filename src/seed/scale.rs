//! `niudai seed scale --orgs N --projects M --reports R`: a deterministic
//! national dataset for load tests — the real union tree of every province
//! (from the official divisions) with grassroots unions below, N organizations
//! with their ratings, union building and contacts, M purchased-service
//! projects with their applications, reviews and contracts, and R reports on
//! those contracts — built in set-based SQL
//! (`scale/*.sql`), in batches that report their progress, all in one
//! transaction.

use std::time::Instant;

use sqlx::{Connection, PgConnection, PgPool};

const PROVINCES_CSV: &str = include_str!("divisions/provinces.csv");
const CITIES_CSV: &str = include_str!("divisions/cities.csv");
const AREAS_CSV: &str = include_str!("divisions/areas.csv");

const UNIONS_SQL: &str = include_str!("scale/01_unions.sql");
const PREPARE_SQL: &str = include_str!("scale/02_prepare.sql");
const ORGANIZATIONS_SQL: &str = include_str!("scale/03_organizations.sql");
const FINISH_SQL: &str = include_str!("scale/04_finish.sql");
const PROJECTS_SQL: &str = include_str!("scale/05_projects.sql");
const REPORTS_SQL: &str = include_str!("scale/06_reports.sql");

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
    load_divisions(&mut tx).await?;
    sqlx::raw_sql(UNIONS_SQL).execute(&mut *tx).await?;
    let unions: i64 = sqlx::query_scalar("select count(*) from unions")
        .fetch_one(&mut *tx)
        .await?;
    progress(&format!("unions: {unions} ({:.0?})", started.elapsed()));
    add_organizations(&mut tx, orgs, None, |done| {
        progress(&format!(
            "organizations: {done} of {orgs} ({:.0?})",
            started.elapsed()
        ));
    })
    .await?;
    progress("indexes and statistics…");
    finish_organizations(&mut tx).await?;
    if add_projects(&mut tx, projects).await? {
        progress(&format!(
            "projects: {projects}, with applications, reviews and contracts ({:.0?})",
            started.elapsed()
        ));
        add_reports(&mut tx, reports).await?;
        progress(&format!("reports: {reports} ({:.0?})", started.elapsed()));
    }
    tx.commit().await?;
    progress("vacuum…");
    // Marks the new pages all-visible, so that counts read the indexes alone.
    sqlx::raw_sql(
        "vacuum (analyze) organizations, organization_ratings, organization_union_building,
                organization_contacts, projects, applications, review_assignments, review_scores,
                reports, report_versions",
    )
    .execute(&mut *conn)
    .await?;
    progress(&format!("done in {:.0?}", started.elapsed()));
    Ok(())
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
    sqlx::query(
        "select set_config('niudai.seed_orgs', $1, false), set_config('niudai.seed_provinces', $2, false)",
    )
    .bind(orgs.to_string())
    .bind(provinces.unwrap_or_default())
    .execute(&mut *conn)
    .await?;
    sqlx::raw_sql(PREPARE_SQL).execute(&mut *conn).await?;
    let mut from = 0;
    while from < orgs {
        let to = (from + BATCH).min(orgs);
        sqlx::query("select set_config('niudai.seed_from', $1, false), set_config('niudai.seed_to', $2, false)")
            .bind(from.to_string())
            .bind(to.to_string())
            .execute(&mut *conn)
            .await?;
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
    let has_admin: bool =
        sqlx::query_scalar("select exists (select 1 from users where role = 'admin')")
            .fetch_one(&mut *conn)
            .await?;
    if projects == 0 || !has_admin {
        return Ok(false);
    }
    sqlx::query("select set_config('niudai.seed_projects', $1, false)")
        .bind(projects.to_string())
        .execute(&mut *conn)
        .await?;
    sqlx::raw_sql(PROJECTS_SQL).execute(conn).await?;
    Ok(true)
}

/// Adds `reports` reports over the contracts of step 5 (step 6).
async fn add_reports(conn: &mut PgConnection, reports: u64) -> Result<(), sqlx::Error> {
    if reports == 0 {
        return Ok(());
    }
    sqlx::query("select set_config('niudai.seed_reports', $1, false)")
        .bind(reports.to_string())
        .execute(&mut *conn)
        .await?;
    sqlx::raw_sql(REPORTS_SQL).execute(conn).await?;
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
    sqlx::raw_sql(
        "create temporary table seed_divisions (code text, name text, parent_code text, kind text) on commit drop",
    )
    .execute(&mut *conn)
    .await?;
    let mut codes = Vec::new();
    let mut names = Vec::new();
    let mut parents = Vec::new();
    let mut kinds = Vec::new();
    let mut push = |code: String, name: &str, parent: Option<String>, kind: &str| {
        codes.push(code);
        names.push(name.to_owned());
        parents.push(parent);
        kinds.push(kind.to_owned());
    };
    for row in csv_rows(PROVINCES_CSV) {
        push(format!("{:0<6}", row[0]), &row[1], None, "province");
    }
    for row in csv_rows(CITIES_CSV) {
        push(
            format!("{:0<6}", row[0]),
            &row[1],
            Some(format!("{:0<6}", row[2])),
            "prefecture",
        );
    }
    for row in csv_rows(AREAS_CSV) {
        push(
            row[0].clone(),
            &row[1],
            Some(format!("{:0<6}", row[2])),
            "county",
        );
    }
    sqlx::query(
        "insert into seed_divisions (code, name, parent_code, kind)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])",
    )
    .bind(codes)
    .bind(names)
    .bind(parents)
    .bind(kinds)
    .execute(&mut *conn)
    .await?;
    Ok(())
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
