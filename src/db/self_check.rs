//! The start-up self-check: the server refuses to serve as a role that row-level
//! security would not hold (a superuser, a BYPASSRLS role, or an owner of the
//! tables), or when a table it can touch is not under forced row-level security.

use sqlx::PgConnection;

#[derive(Debug, thiserror::Error)]
pub enum SelfCheckError {
    #[error("the serving role {0} is a superuser")]
    Superuser(String),
    #[error("the serving role {0} has BYPASSRLS")]
    BypassRls(String),
    #[error("the serving role {role} owns, or may become the owner of, table {table}")]
    Owner { role: String, table: String },
    #[error("table {0} is reachable by the serving role but has no forced row-level security")]
    Unprotected(String),
    #[error("could not run the self-check: {0}")]
    Database(#[source] sqlx::Error),
}

#[derive(sqlx::FromRow)]
struct RoleFacts {
    rolname: String,
    rolsuper: bool,
    rolbypassrls: bool,
}

/// Checks the role of `conn` as the server will use it.
pub async fn check_serving_role(conn: &mut PgConnection) -> Result<(), SelfCheckError> {
    let role: RoleFacts = sqlx::query_as(
        "select rolname::text, rolsuper, rolbypassrls from pg_roles where rolname = current_user",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(SelfCheckError::Database)?;
    if role.rolsuper {
        return Err(SelfCheckError::Superuser(role.rolname));
    }
    if role.rolbypassrls {
        return Err(SelfCheckError::BypassRls(role.rolname));
    }
    let owned: Option<String> = sqlx::query_scalar(
        "select c.relname::text
           from pg_class c
           join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')
            and pg_has_role(current_user, c.relowner, 'MEMBER')
          order by c.relname
          limit 1",
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(SelfCheckError::Database)?;
    if let Some(table) = owned {
        return Err(SelfCheckError::Owner {
            role: role.rolname,
            table,
        });
    }
    let unprotected: Option<String> = sqlx::query_scalar(
        "select c.relname::text
           from pg_class c
           join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')
            and not (c.relrowsecurity and c.relforcerowsecurity)
            and (has_table_privilege(current_user, c.oid, 'SELECT, INSERT, UPDATE, DELETE')
                 or has_any_column_privilege(current_user, c.oid, 'SELECT, INSERT, UPDATE'))
          order by c.relname
          limit 1",
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(SelfCheckError::Database)?;
    match unprotected {
        Some(table) => Err(SelfCheckError::Unprotected(table)),
        None => Ok(()),
    }
}
