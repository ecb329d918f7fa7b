//! A list's every row, streamed: what an export reads. The rows come as the
//! cursor gives them, so a million of them never sit in memory.

use futures_util::stream::{self, BoxStream, StreamExt};
use sqlx::postgres::PgRow;
use sqlx::{Execute, FromRow, PgConnection, Postgres, QueryBuilder};

/// The rows of the query built in `builder`, one at a time.
pub fn stream_rows<'c, R>(
    mut builder: QueryBuilder<Postgres>,
    conn: &'c mut PgConnection,
) -> BoxStream<'c, sqlx::Result<R>>
where
    R: for<'r> FromRow<'r, PgRow> + Send + Unpin + 'c,
{
    // The stream outlives the builder, so it takes the statement and its
    // arguments from it.
    let mut query = builder.build();
    let arguments = match query.take_arguments() {
        Ok(arguments) => arguments.unwrap_or_default(),
        Err(error) => return stream::once(async { Err(sqlx::Error::Encode(error)) }).boxed(),
    };
    sqlx::query_as_with(query.sql(), arguments).fetch(conn)
}
