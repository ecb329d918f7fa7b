//! What hangs off the records and the accounts: files of every kind the
//! application stores, notifications to applicants, registry imports,
//! claimed form keys and calendar feeds.

use uuid::Uuid;

use super::Gen;

impl Gen<'_> {
    /// Call documents, application attachments, notifications, imports
    /// and form keys, each for a random share of their owners.
    pub(super) async fn records(&mut self) -> sqlx::Result<()> {
        for (project, _, _) in self.projects.clone() {
            if self.rng.chance(40) {
                self.file("project_document", "projects", project, false)
                    .await?;
            }
        }
        for (application, _, status) in self.applications.clone() {
            if self.rng.chance(40) {
                self.file("application_attachment", "applications", application, true)
                    .await?;
            }
            if status != "draft" && self.rng.chance(50) {
                sqlx::query(
                    "insert into notifications (org_id, union_path, project_id, message_key)
                     select org_id, union_path, project_id, 'applications.decided'
                       from applications where id = $1",
                )
                .bind(application)
                .execute(&mut *self.conn)
                .await?;
            }
        }
        for (user, union) in self.cadres.clone() {
            if self.rng.chance(30) {
                sqlx::query(
                    "insert into org_imports (union_id, user_id, file_name) values ($1, $2, '名录.xlsx')",
                )
                .bind(union)
                .bind(user)
                .execute(&mut *self.conn)
                .await?;
            }
        }
        for (user, _) in self.everyone.clone() {
            if self.rng.chance(40) {
                let key = self.rng.uuid();
                sqlx::query("insert into form_submissions (user_id, form_key) values ($1, $2)")
                    .bind(user)
                    .bind(key)
                    .execute(&mut *self.conn)
                    .await?;
            }
            if self.rng.chance(30) {
                let token = self.rng.uuid().to_string();
                sqlx::query(
                    "insert into calendar_feeds (user_id, token_hash)
                     values ($1, sha256(convert_to($2, 'UTF8')))",
                )
                .bind(user)
                .bind(token)
                .execute(&mut *self.conn)
                .await?;
            }
        }
        Ok(())
    }

    /// A file of the record `owner` of `table`, under the record's union
    /// path, and from its organization when `from_org` (as the application
    /// stores each kind).
    pub(super) async fn file(
        &mut self,
        kind: &str,
        table: &'static str,
        owner: Uuid,
        from_org: bool,
    ) -> sqlx::Result<()> {
        let org = if from_org { "org_id" } else { "null::uuid" };
        let key = self.rng.uuid();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "insert into files (union_path, org_id, owner_kind, owner_id, file_name, content_type,
                                size_bytes, sha256, storage_key)
             select union_path, {org}, $2, id, '附件.pdf', 'application/pdf', 1, repeat('0', 64),
                    $3
               from {table} where id = $1"
        )))
        .bind(owner)
        .bind(kind)
        .bind(key.to_string())
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }
}
