//! The start-up self-check: the server refuses to serve as a role that row-level
//! security would not hold (a superuser, a BYPASSRLS role, or an owner of the
//! tables, logged in as such or reached by SET ROLE from such a login), when a
//! table it can touch is not under forced row-level security, or when a
//! SECURITY DEFINER function of the schema can be run by PUBLIC.

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
    #[error(
        "the login {0} is a superuser, has BYPASSRLS or owns tables: serve from the serving role's own login"
    )]
    PrivilegedLogin(String),
    #[error("SECURITY DEFINER function {0} can be run by PUBLIC")]
    PublicDefiner(String),
    #[error("could not run the self-check: {0}")]
    Database(#[source] sqlx::Error),
}

struct RoleFacts {
    rolname: String,
    rolsuper: bool,
    rolbypassrls: bool,
}

/// Checks the role of `conn` as the server will use it.
pub async fn check_serving_role(conn: &mut PgConnection) -> Result<(), SelfCheckError> {
    let role = check_role(conn).await?;
    check_tables(conn, role).await?;
    check_login(conn).await?;
    check_definers(conn).await
}

/// The serving role (`current_user`) is neither a superuser nor BYPASSRLS;
/// returns its name.
async fn check_role(conn: &mut PgConnection) -> Result<String, SelfCheckError> {
    let role = sqlx::query_as!(
        RoleFacts,
        r#"select rolname::text as "rolname!", rolsuper as "rolsuper!", rolbypassrls as "rolbypassrls!"
             from pg_roles where rolname = current_user"#
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
    Ok(role.rolname)
}

/// The serving role `role` owns no table (nor may become an owner), and every
/// table it can touch is under forced row-level security.
async fn check_tables(conn: &mut PgConnection, role: String) -> Result<(), SelfCheckError> {
    let owned = sqlx::query_scalar!(
        r#"select c.relname::text as "relname!"
           from pg_class c
           join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')
            and pg_has_role(current_user, c.relowner, 'MEMBER')
          order by c.relname
          limit 1"#
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(SelfCheckError::Database)?;
    if let Some(table) = owned {
        return Err(SelfCheckError::Owner { role, table });
    }
    let unprotected = sqlx::query_scalar!(
        r#"select c.relname::text as "relname!"
           from pg_class c
           join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')
            and not (c.relrowsecurity and c.relforcerowsecurity)
            and (has_table_privilege(current_user, c.oid, 'SELECT, INSERT, UPDATE, DELETE')
                 or has_any_column_privilege(current_user, c.oid, 'SELECT, INSERT, UPDATE'))
          order by c.relname
          limit 1"#
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(SelfCheckError::Database)?;
    if let Some(table) = unprotected {
        return Err(SelfCheckError::Unprotected(table));
    }
    Ok(())
}

/// The login the serving role was reached from (`session_user`) is not a
/// superuser, not BYPASSRLS and owns no table.
async fn check_login(conn: &mut PgConnection) -> Result<(), SelfCheckError> {
    let login = sqlx::query_as!(
        RoleFacts,
        r#"select rolname::text as "rolname!", rolsuper as "rolsuper!", rolbypassrls as "rolbypassrls!"
             from pg_roles where rolname = session_user"#
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(SelfCheckError::Database)?;
    let login_owns_tables = sqlx::query_scalar!(
        r#"select exists (select 1 from pg_class c
                         where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
                           and pg_has_role(session_user, c.relowner, 'MEMBER')) as "owns!""#
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(SelfCheckError::Database)?;
    if login.rolsuper || login.rolbypassrls || login_owns_tables {
        return Err(SelfCheckError::PrivilegedLogin(login.rolname));
    }
    Ok(())
}

/// No SECURITY DEFINER function of the schema can be run by PUBLIC.
async fn check_definers(conn: &mut PgConnection) -> Result<(), SelfCheckError> {
    let public_definer = sqlx::query_scalar!(
        r#"select p.oid::regprocedure::text as "function!"
           from pg_proc p
          where p.pronamespace = 'public'::regnamespace and p.prosecdef
            and has_function_privilege('public', p.oid, 'EXECUTE')
          order by 1
          limit 1"#
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(SelfCheckError::Database)?;
    if let Some(function) = public_definer {
        return Err(SelfCheckError::PublicDefiner(function));
    }
    Ok(())
}
