//! The public list of open calls (`/calls/public`, no login): read through
//! owner's functions that return no more than a page whatever they are asked.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::orgs::kinds::Domain;

/// An open call as the public list shows it (`public_open_calls`, which reads
/// no more than a page whatever it is asked).
#[derive(Clone, Debug)]
pub struct PublicCall {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub domain: Domain,
    pub purchaser: String,
    pub budget_fen: i64,
    pub apply_opens_on: NaiveDate,
    pub apply_closes_on: NaiveDate,
    pub eligible_types: Vec<String>,
    pub min_rating: Option<i16>,
    pub min_years: i16,
}

/// A document of an open call.
#[derive(Clone, Debug)]
pub struct PublicDocument {
    pub id: Uuid,
    pub project_id: Uuid,
    pub file_name: String,
}

/// The provincial federations the public list filters by, as (path, name).
pub async fn public_provinces(conn: &mut PgConnection) -> sqlx::Result<Vec<(String, String)>> {
    let rows = sqlx::query!(r#"select path as "path!", name as "name!" from public_provinces()"#)
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(|row| (row.path, row.name)).collect())
}

/// Open calls for the public list, the nearest deadline first: of a province
/// and a domain when given, after the call (`after_closes`, `after_code`) when
/// given, at most `limit` (the function caps it at a page and one).
pub async fn public_open_calls(
    conn: &mut PgConnection,
    province: Option<&str>,
    domain: Option<Domain>,
    after_closes: Option<NaiveDate>,
    after_code: Option<&str>,
    limit: i32,
) -> sqlx::Result<Vec<PublicCall>> {
    sqlx::query_as!(
        PublicCall,
        r#"select id as "id!", code as "code!", title as "title!", domain as "domain!: _",
                  purchaser as "purchaser!", budget_fen as "budget_fen!",
                  apply_opens_on as "apply_opens_on!", apply_closes_on as "apply_closes_on!",
                  eligible_types as "eligible_types!", min_rating as "min_rating?",
                  min_years as "min_years!"
             from public_open_calls($1, $2, $3, $4, $5)"#,
        province,
        domain.map(Domain::as_str),
        after_closes,
        after_code,
        limit
    )
    .fetch_all(conn)
    .await
}

/// The documents of these open calls (the function reads those of a page at
/// most), oldest first.
pub async fn public_call_documents(
    conn: &mut PgConnection,
    project_ids: &[Uuid],
) -> sqlx::Result<Vec<PublicDocument>> {
    sqlx::query_as!(
        PublicDocument,
        r#"select id as "id!", project_id as "project_id!", file_name as "file_name!"
             from public_call_documents($1)"#,
        project_ids
    )
    .fetch_all(conn)
    .await
}
