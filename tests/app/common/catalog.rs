//! The database's catalog as lines to compare between two databases (one
//! restored from the other, say): row counts, row-level security, policies,
//! grants and the schema objects that carry the rules.

use std::collections::BTreeMap;

use niudai::db::embedded::quote_ident;
use sqlx::PgConnection;

/// The rows of every table of schema `public`, counted as the superuser.
pub async fn row_counts(conn: &mut PgConnection) -> BTreeMap<String, i64> {
    let tables: Vec<String> = sqlx::query_scalar(
        "select relname::text from pg_class
          where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') order by 1",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("list tables");
    let mut counts = BTreeMap::new();
    for table in tables {
        let sql = format!("select count(*) from public.{}", quote_ident(&table));
        let rows: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(&mut *conn)
            .await
            .expect("count rows");
        counts.insert(table, rows);
    }
    counts
}

/// The lines a query of [`CATALOG`] gives.
pub async fn lines(conn: &mut PgConnection, query: &'static str) -> Vec<String> {
    sqlx::query_scalar(query)
        .fetch_all(conn)
        .await
        .unwrap_or_else(|error| panic!("{query}: {error}"))
}

/// Fails naming only the lines that differ (a whole catalog is too long to read).
pub fn assert_same(what: &str, before: &[String], after: &[String]) {
    let lost: Vec<&String> = before.iter().filter(|line| !after.contains(line)).collect();
    let gained: Vec<&String> = after.iter().filter(|line| !before.contains(line)).collect();
    assert!(
        lost.is_empty() && gained.is_empty() && before.len() == after.len(),
        "{what} differ:\nlost {lost:#?}\ngained {gained:#?}"
    );
}

/// What must be the same in a restored database, by name, as queries giving
/// lines: the row-level security flags, the policies, what the serving role
/// (and PUBLIC) may do, and the schema objects that carry the rules.
pub const CATALOG: [(&str, &str); 12] = [
    (
        "row-level security flags",
        "select format('%s enable=%s force=%s', relname, relrowsecurity, relforcerowsecurity)
           from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')
          order by 1",
    ),
    (
        "policies",
        "select format('%s %s %s %s to %s using (%s) check (%s)', tablename, policyname,
                       permissive, cmd, roles, qual, with_check)
           from pg_policies where schemaname = 'public' order by 1",
    ),
    (
        "grants on tables, views and sequences",
        "select format('%s %s %s', c.relname, coalesce(g.rolname, 'PUBLIC'), a.privilege_type)
           from pg_class c cross join aclexplode(c.relacl) a
           left join pg_roles g on g.oid = a.grantee
          where c.relnamespace = 'public'::regnamespace
            and (a.grantee = 0 or g.rolname = 'niudai_app')
          order by 1",
    ),
    (
        "grants on columns",
        "select format('%s.%s %s %s', c.relname, t.attname, coalesce(g.rolname, 'PUBLIC'),
                       a.privilege_type)
           from pg_attribute t join pg_class c on c.oid = t.attrelid
          cross join aclexplode(t.attacl) a left join pg_roles g on g.oid = a.grantee
          where c.relnamespace = 'public'::regnamespace
            and (a.grantee = 0 or g.rolname = 'niudai_app')
          order by 1",
    ),
    (
        "grants on functions",
        "select format('%s %s %s', p.oid::regprocedure, coalesce(g.rolname, 'PUBLIC'),
                       a.privilege_type)
           from pg_proc p
          cross join aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
           left join pg_roles g on g.oid = a.grantee
          where p.pronamespace = 'public'::regnamespace
            and (a.grantee = 0 or g.rolname = 'niudai_app')
          order by 1",
    ),
    (
        "grants on the schema",
        "select format('%s %s', coalesce(g.rolname, 'PUBLIC'), a.privilege_type)
           from pg_namespace n cross join aclexplode(n.nspacl) a
           left join pg_roles g on g.oid = a.grantee
          where n.nspname = 'public' order by 1",
    ),
    (
        "default privileges",
        "select format('%s %s', defaclobjtype, defaclacl) from pg_default_acl order by 1",
    ),
    (
        "functions",
        "select pg_get_functiondef(p.oid) from pg_proc p
          where p.pronamespace = 'public'::regnamespace and p.prokind in ('f', 'p')
            and not exists (select 1 from pg_depend d
                             where d.classid = 'pg_proc'::regclass and d.objid = p.oid
                               and d.deptype = 'e')
          order by 1",
    ),
    (
        "triggers",
        "select pg_get_triggerdef(t.oid) from pg_trigger t join pg_class c on c.oid = t.tgrelid
          where c.relnamespace = 'public'::regnamespace and not t.tgisinternal order by 1",
    ),
    // A check's expression is parsed again on restore, which may regroup its
    // ANDs (`(a and b) and c` comes back as `a and b and c`): its name and
    // kind stand for it.
    (
        "constraints",
        "select format('%s %s %s', conrelid::regclass, conname,
                       case contype when 'c' then 'CHECK' else pg_get_constraintdef(oid) end)
           from pg_constraint where connamespace = 'public'::regnamespace order by 1",
    ),
    (
        "indexes",
        "select indexdef from pg_indexes where schemaname = 'public' order by 1",
    ),
    (
        "sequences",
        "select format('%s %s', sequencename, last_value) from pg_sequences
          where schemaname = 'public' order by 1",
    ),
];
