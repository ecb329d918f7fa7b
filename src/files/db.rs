//! The queries of file records. Row-level security shows a file to whoever
//! sees its owner (migration 0017).

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FileRow {
    pub id: Uuid,
    pub owner_kind: String,
    pub owner_id: Uuid,
    pub label: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
    pub created_at: DateTime<Utc>,
}

impl FileRow {
    /// `1.2 MB`, `340 KB`.
    pub fn size(&self) -> String {
        let bytes = self.size_bytes;
        if bytes >= 1024 * 1024 {
            format!(
                "{}.{} MB",
                bytes / (1024 * 1024),
                bytes % (1024 * 1024) * 10 / (1024 * 1024)
            )
        } else {
            format!("{} KB", (bytes + 1023) / 1024)
        }
    }
}

macro_rules! file_select {
    () => {
        "select id, owner_kind, owner_id, label, file_name, content_type, size_bytes, sha256,
                storage_key, created_at
           from files"
    };
}

pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<FileRow>> {
    sqlx::query_as(concat!(file_select!(), " where id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The files of one record, oldest first.
pub async fn of_owner(
    conn: &mut PgConnection,
    owner_kind: &str,
    owner_id: Uuid,
) -> sqlx::Result<Vec<FileRow>> {
    sqlx::query_as(concat!(
        file_select!(),
        " where owner_kind = $1 and owner_id = $2 order by created_at, id"
    ))
    .bind(owner_kind)
    .bind(owner_id)
    .fetch_all(conn)
    .await
}

/// Where a new file belongs: its owner and who sees it.
#[derive(Clone, Debug)]
pub struct Owner<'a> {
    pub kind: &'static str,
    pub id: Uuid,
    /// The scope that owns the record.
    pub union_path: &'a str,
    /// The organization the file comes from, if any.
    pub org_id: Option<Uuid>,
    pub label: &'a str,
}

#[derive(Debug)]
pub struct NewFile<'a> {
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub storage_key: &'a str,
    pub uploaded_by: Uuid,
}

pub async fn insert(
    conn: &mut PgConnection,
    owner: &Owner<'_>,
    file: &NewFile<'_>,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "insert into files (union_path, org_id, owner_kind, owner_id, label, file_name,
                            content_type, size_bytes, sha256, storage_key, uploaded_by)
         values ($1::ltree, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id",
    )
    .bind(owner.union_path)
    .bind(owner.org_id)
    .bind(owner.kind)
    .bind(owner.id)
    .bind(owner.label)
    .bind(file.file_name)
    .bind(file.content_type)
    .bind(file.size_bytes)
    .bind(file.sha256)
    .bind(file.storage_key)
    .bind(file.uploaded_by)
    .fetch_one(conn)
    .await
}

/// Every storage key with a record (the whole tree: for the sweeper).
pub async fn all_keys(conn: &mut PgConnection) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("select storage_key from files")
        .fetch_all(conn)
        .await
}
