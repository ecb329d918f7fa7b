//! The queries of file records. Row-level security shows a file to whoever
//! sees its owner.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

#[derive(Clone, Debug)]
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

/// The file record `id`, if the reader sees it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<FileRow>> {
    sqlx::query_as!(
        FileRow,
        "select id, owner_kind, owner_id, label, file_name, content_type, size_bytes, sha256,
                storage_key, created_at
           from files where id = $1",
        id
    )
    .fetch_optional(conn)
    .await
}

/// The files of one record, oldest first.
pub async fn of_owner(
    conn: &mut PgConnection,
    owner_kind: &str,
    owner_id: Uuid,
) -> sqlx::Result<Vec<FileRow>> {
    sqlx::query_as!(
        FileRow,
        "select id, owner_kind, owner_id, label, file_name, content_type, size_bytes, sha256,
                storage_key, created_at
           from files where owner_kind = $1 and owner_id = $2 order by created_at, id",
        owner_kind,
        owner_id
    )
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

/// Records a stored file under `owner`; returns the record's id.
pub async fn insert(
    conn: &mut PgConnection,
    owner: &Owner<'_>,
    file: &NewFile<'_>,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into files (union_path, org_id, owner_kind, owner_id, label, file_name,
                            content_type, size_bytes, sha256, storage_key, uploaded_by)
         values ($1::text::ltree, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id",
        owner.union_path,
        owner.org_id,
        owner.kind,
        owner.id,
        owner.label,
        file.file_name,
        file.content_type,
        file.size_bytes,
        file.sha256,
        file.storage_key,
        file.uploaded_by
    )
    .fetch_one(conn)
    .await
}

/// Every storage key with a record (the whole tree: for the sweeper).
pub async fn all_keys(conn: &mut PgConnection) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!("select storage_key from files")
        .fetch_all(conn)
        .await
}

/// A document published with an open call, as anyone may download it.
#[derive(Debug)]
pub struct PublicDocument {
    pub file_name: String,
    pub content_type: String,
    pub storage_key: String,
}

/// The document `file_id` if it is published with an open call (read by
/// anyone, through a security-definer function).
pub async fn public_call_document(
    conn: &mut PgConnection,
    file_id: Uuid,
) -> sqlx::Result<Option<PublicDocument>> {
    // The function's columns are nullable to the checker; it returns a
    // file's own (not null) columns.
    sqlx::query_as!(
        PublicDocument,
        r#"select file_name as "file_name!", content_type as "content_type!",
                  storage_key as "storage_key!"
             from public_call_document($1)"#,
        file_id
    )
    .fetch_optional(conn)
    .await
}
