//! What meetings put on a home page: a cadre's open follow-up actions (until
//! done), and an organization account's invitations to meetings to come.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::Answer;

/// An open follow-up action of the cadre.
#[derive(Clone, Debug)]
pub struct OpenAction {
    pub meeting_id: Uuid,
    pub meeting_title: String,
    pub title: String,
    pub due_on: NaiveDate,
}

impl OpenAction {
    pub fn is_overdue(&self) -> bool {
        self.due_on < crate::web::overdue::today()
    }
}

/// The open actions `user_id` is responsible for, the earliest due first.
pub async fn open_actions(
    conn: &mut PgConnection,
    user_id: Uuid,
    limit: i64,
) -> sqlx::Result<Vec<OpenAction>> {
    sqlx::query_as!(
        OpenAction,
        r#"select a.meeting_id, m.title as meeting_title, a.title, a.due_on
             from meeting_actions a
             join meetings m on m.id = a.meeting_id
            where a.responsible_user_id = $1 and a.done_on is null
            order by a.due_on, a.id
            limit $2"#,
        user_id,
        limit
    )
    .fetch_all(conn)
    .await
}

/// An invitation of the organization to a meeting to come (or just held).
#[derive(Clone, Debug)]
pub struct Invitation {
    pub meeting_id: Uuid,
    pub title: String,
    pub union_name: String,
    pub held_on: NaiveDate,
    pub place: String,
    pub response: Answer,
}

/// The organization's invitations to meetings not cancelled, from a month
/// ago on, the soonest first.
pub async fn invitations(
    conn: &mut PgConnection,
    org_id: Uuid,
    limit: i64,
) -> sqlx::Result<Vec<Invitation>> {
    sqlx::query_as!(
        Invitation,
        r#"select m.id as meeting_id, m.title, union_public_name(m.union_id) as "union_name!",
                  m.held_on, m.place, i.response as "response: _"
             from meeting_invitations i
             join meetings m on m.id = i.meeting_id
            where i.org_id = $1 and m.status <> 'cancelled'
              and m.held_on >= current_date - 30
            order by m.held_on, m.id
            limit $2"#,
        org_id,
        limit
    )
    .fetch_all(conn)
    .await
}
