//! The object of a request: for each kind of record, how to find one at a
//! union (a cadre's own, child, parent, sibling or other-province union), one
//! of an account without a scope (its own organization's, assigned to it,
//! supervised by it), and one in another province; and what the matrix adds
//! to the demo so that every kind has an instance where it is asked for.

use sqlx::{PgConnection, Row};
use uuid::Uuid;

/// What a route's path parameters name.
#[derive(Clone, Copy, Debug)]
pub enum Object {
    /// The route has no parameter.
    None,
    /// `/static/{file}`.
    Static,
    Union,
    Org,
    /// (organization, rating).
    Rating,
    Need,
    /// A project in one of these states.
    Project(&'static [&'static str]),
    /// An open call (the project), open to the organization asking.
    OpenCall,
    Application(&'static [&'static str]),
    Review,
    Contract,
    Report(&'static [&'static str]),
    Evaluation,
    Rectification(&'static [&'static str]),
    Indicator(&'static [&'static str]),
    /// An account the matrix adds at the union (never a persona).
    User,
    Import,
    Notification,
    File,
    PublicFile,
    Pilot,
    /// (pilot, milestone).
    Milestone,
    /// A typical experience in one of these states, never a featured one
    /// (which every cadre reads wherever it is).
    Experience(&'static [&'static str]),
    /// A cadre training or exchange.
    Training,
    /// (union, member of its work-system staff).
    WorkStaff,
    Federation,
    /// (federation, current membership).
    Membership,
    /// A service site.
    Site,
    Partner,
    /// (project, partner co-funding it).
    CoFunder,
    /// A meeting; an organization's own is one it is invited to.
    Meeting,
    /// (meeting, invitation).
    Invitation,
    /// (meeting, follow-up action); a cadre's own is one it answers for.
    MeetingAction,
}

/// How an object of a kind is found: its rows and their parameters, the
/// column holding its union's path, and what makes it an account's own ($1 the
/// user, $2 the user's organization).
struct Spec {
    select: &'static str,
    path: &'static str,
    filter: String,
    own: &'static str,
    /// A stable order (names, titles), so that the same record is asked
    /// about in every run: ids are random.
    order: &'static str,
}

fn states(column: &str, states: &[&str]) -> String {
    let list: Vec<String> = states.iter().map(|s| format!("'{s}'")).collect();
    format!("{column} in ({})", list.join(", "))
}

impl Object {
    fn spec(self) -> Option<Spec> {
        let spec = |select, path, filter: String, own, order| {
            Some(Spec {
                select,
                path,
                filter,
                own,
                order,
            })
        };
        match self {
            Object::None | Object::Static => None,
            Object::Union => spec(
                "select u.id::text from unions u",
                "u.path",
                "true".into(),
                "u.id = (select union_id from users where id = $1)",
                "u.path",
            ),
            Object::Org => spec(
                "select o.id::text from organizations o",
                "o.union_path",
                "true".into(),
                "o.id = $2 or o.id in (select org_id from review_assignments where reviewer_id = $1)
                 or o.id in (select org_id from contracts where supervisor_id = $1)",
                "o.name",
            ),
            Object::Rating => spec(
                "select o.id::text, r.id::text from organization_ratings r
                   join organizations o on o.id = r.org_id",
                "o.union_path",
                "r.revoked_at is null".into(),
                "o.id = $2",
                "o.name, r.rated_on",
            ),
            Object::Need => spec(
                "select n.id::text from needs n",
                "n.union_path",
                "true".into(),
                "false",
                "n.title, n.collected_on",
            ),
            Object::Project(list) => spec(
                "select p.id::text from projects p",
                "p.union_path",
                states("p.status", list),
                "p.id in (select project_id from applications where org_id = $2)
                 or p.id in (select project_id from review_assignments where reviewer_id = $1)
                 or p.id in (select project_id from contracts where supervisor_id = $1)",
                "p.title",
            ),
            Object::OpenCall => spec(
                "select p.id::text from projects p",
                "p.union_path",
                "p.status = 'open'".into(),
                "exists (select 1 from organizations o where o.id = $2 and o.union_path <@ p.union_path)",
                "p.title",
            ),
            Object::Application(list) => spec(
                "select a.id::text from applications a",
                "a.union_path",
                states("a.status", list),
                "a.org_id = $2
                 or a.id in (select application_id from review_assignments where reviewer_id = $1)
                 or a.id in (select application_id from contracts where supervisor_id = $1)",
                "(select title from projects where id = a.project_id), (select name from organizations where id = a.org_id)",
            ),
            Object::Review => spec(
                "select ra.id::text from review_assignments ra",
                "ra.union_path",
                "true".into(),
                "ra.reviewer_id = $1",
                "(select title from projects where id = ra.project_id), (select name from organizations where id = ra.org_id), (select username from users where id = ra.reviewer_id)",
            ),
            Object::Contract => spec(
                "select c.id::text from contracts c",
                "c.union_path",
                "true".into(),
                "c.org_id = $2 or c.supervisor_id = $1",
                "(select title from projects where id = c.project_id), (select name from organizations where id = c.org_id)",
            ),
            Object::Report(list) => spec(
                "select r.id::text from reports r",
                "r.union_path",
                states("r.status", list),
                "r.org_id = $2 or r.supervisor_id = $1",
                "(select title from projects where id = r.project_id), r.period_starts_on, r.kind",
            ),
            Object::Evaluation => spec(
                "select e.id::text from evaluations e",
                "e.union_path",
                "true".into(),
                "e.org_id = $2 or e.supervisor_id = $1",
                "(select title from projects where id = e.project_id), e.kind",
            ),
            Object::Rectification(list) => spec(
                "select r.id::text from rectifications r",
                "r.union_path",
                states("r.status", list),
                "r.org_id = $2 or r.supervisor_id = $1",
                "(select title from projects where id = r.project_id), r.problem",
            ),
            Object::Indicator(list) => spec(
                "select i.id::text from indicator_systems i",
                "i.union_path",
                states("i.status", list),
                "false",
                "i.name, i.kind, i.version",
            ),
            Object::User => spec(
                "select u.id::text from users u",
                "u.union_path",
                "u.username like 'matrix-%'".into(),
                "u.id = $1",
                "u.username",
            ),
            Object::Import => spec(
                "select i.id::text from org_imports i",
                "i.union_path",
                "true".into(),
                "i.user_id = $1",
                "(select username from users where id = i.user_id)",
            ),
            Object::Notification => spec(
                "select n.id::text from notifications n",
                "n.union_path",
                "true".into(),
                "n.org_id = $2",
                "(select title from projects where id = n.project_id), n.message_key",
            ),
            Object::File => spec(
                "select f.id::text from files f",
                "f.union_path",
                "true".into(),
                "f.org_id = $2",
                "f.file_name, f.owner_kind",
            ),
            Object::Site => spec(
                "select s.id::text from service_sites s",
                "s.union_path",
                "true".into(),
                "false",
                "s.name",
            ),
            Object::Pilot => spec(
                "select p.id::text from pilots p",
                "p.union_path",
                "true".into(),
                "false",
                "p.title",
            ),
            Object::Milestone => spec(
                "select m.pilot_id::text, m.id::text from pilot_milestones m",
                "m.union_path",
                "true".into(),
                "false",
                "m.title, m.due_on",
            ),
            Object::Experience(list) => spec(
                "select e.id::text from experiences e",
                "e.union_path",
                format!("not e.featured and {}", states("e.status", list)),
                "false",
                "e.title",
            ),
            Object::Training => spec(
                "select t.id::text from trainings t",
                "t.union_path",
                "true".into(),
                "false",
                "t.topic, t.held_on",
            ),
            Object::WorkStaff => spec(
                "select s.union_id::text, s.id::text from work_system_staff s",
                "s.union_path",
                "true".into(),
                "false",
                "s.name, s.duty",
            ),
            Object::Federation => spec(
                "select f.id::text from federations f",
                "f.union_path",
                "true".into(),
                "false",
                "f.name",
            ),
            Object::Membership => spec(
                "select m.federation_id::text, m.id::text from federation_members m
                   join organizations o on o.id = m.org_id",
                "m.union_path",
                "m.left_on is null".into(),
                "false",
                "o.name, m.joined_on",
            ),
            Object::Partner => spec(
                "select p.id::text from partners p",
                "p.union_path",
                "true".into(),
                "false",
                "p.name",
            ),
            Object::CoFunder => spec(
                "select l.project_id::text, l.partner_id::text from partner_projects l",
                "l.union_path",
                "true".into(),
                "false",
                "l.partner_name, (select code from projects where id = l.project_id)",
            ),
            Object::Meeting => spec(
                "select m.id::text from meetings m",
                "m.union_path",
                "true".into(),
                "exists (select 1 from meeting_invitations i where i.meeting_id = m.id and i.org_id = $2)",
                "m.title",
            ),
            Object::Invitation => spec(
                "select i.meeting_id::text, i.id::text from meeting_invitations i",
                "i.union_path",
                "true".into(),
                "i.org_id = $2",
                "(select title from meetings where id = i.meeting_id), (select name from organizations where id = i.org_id)",
            ),
            Object::MeetingAction => spec(
                "select a.meeting_id::text, a.id::text from meeting_actions a",
                "a.union_path",
                "true".into(),
                "a.responsible_user_id = $1",
                "a.title",
            ),
            Object::PublicFile => spec(
                "select f.id::text from files f join projects p on p.id = f.owner_id",
                "f.union_path",
                "f.owner_kind = 'project_document' and p.status = 'open'".into(),
                "exists (select 1 from organizations o where o.id = $2 and o.union_path <@ p.union_path)",
                "p.title, f.file_name",
            ),
        }
    }

    /// The parameters of an object at exactly the union of `path`, or within
    /// its subtree.
    pub async fn at(
        self,
        conn: &mut PgConnection,
        path: &str,
        within: bool,
    ) -> Option<Vec<String>> {
        self.at_not_owned(conn, path, within, None).await
    }

    /// `at`, leaving out what is the own of the account `not_of` (user,
    /// organization): another province's record an account does not hold.
    pub async fn at_not_owned(
        self,
        conn: &mut PgConnection,
        path: &str,
        within: bool,
        not_of: Option<(Uuid, Option<Uuid>)>,
    ) -> Option<Vec<String>> {
        if let Object::Static = self {
            return Some(vec!["app.css".to_owned()]);
        }
        let spec = self.spec()?;
        let op = if within { "<@" } else { "=" };
        let (user, org) = not_of.unwrap_or_default();
        let sql = format!(
            "{} where {} {op} $3::ltree and ({}) and ($1::uuid is null or not ({}))
              order by {} limit 1",
            spec.select, spec.path, spec.filter, spec.own, spec.order
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(not_of.map(|_| user))
            .bind(org)
            .bind(path)
            .fetch_optional(conn)
            .await
            .expect("find an object");
        row.map(|row| (0..row.len()).map(|i| row.get::<String, _>(i)).collect())
    }

    /// Whether anyone may read such a record wherever it is (public call
    /// documents, static files): the matrix does not ask such records to
    /// answer as missing ones.
    pub fn is_public(self) -> bool {
        matches!(self, Object::Static | Object::PublicFile)
    }

    /// The parameters of an object that is the account's own.
    pub async fn owned_by(
        self,
        conn: &mut PgConnection,
        user: Uuid,
        org: Option<Uuid>,
    ) -> Option<Vec<String>> {
        if let Object::Static = self {
            return Some(vec!["app.css".to_owned()]);
        }
        let spec = self.spec()?;
        let sql = format!(
            "{} where ({}) and ({}) order by {} limit 1",
            spec.select, spec.own, spec.filter, spec.order
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(user)
            .bind(org)
            .fetch_optional(conn)
            .await
            .expect("find an own object");
        row.map(|row| (0..row.len()).map(|i| row.get::<String, _>(i)).collect())
    }
}

/// Unions every persona's relations point at (division codes; `""` national).
pub const RELATION_UNIONS: &[&str] = &[
    "", "440000", "440100", "440106", "440300", "440305", "110000", "110105", "510000",
];

/// Adds what the demo lacks for the matrix, as the owner: an account, an
/// organization and a worker need at every union a relation points at, and an
/// import of several cadres.
pub async fn arrange(conn: &mut PgConnection) {
    sqlx::query(
        "insert into organizations (union_id, name, org_type, guidance_category, relationship,
                                    service_domains)
         select n.id, n.name || '矩阵测试服务社', 'unregistered', 'guide', 'contacted', '{employment}'
           from unions n
          where coalesce(n.division_code, '') = any($1) and n.level <> 'grassroots'",
    )
    .bind(RELATION_UNIONS)
    .execute(&mut *conn)
    .await
    .expect("matrix organizations");
    sqlx::query(
        "insert into needs (union_id, title, domain, description, source, workers_affected,
                            collected_on, priority, suitable_for_purchase, created_by)
         select n.id, '矩阵测试需求', 'employment', '测试', 'survey', 10, current_date, 'medium',
                false, (select id from users where username = 'gd-admin')
           from unions n
          where coalesce(n.division_code, '') = any($1) and n.level <> 'grassroots'",
    )
    .bind(RELATION_UNIONS)
    .execute(&mut *conn)
    .await
    .expect("matrix needs");
    sqlx::query(
        "insert into users (username, display_name, role, union_id, password_hash)
         select 'matrix-' || coalesce(n.division_code, 'cn'), '矩阵测试账号', 'staff', n.id,
                (select password_hash from users where username = 'gd-admin')
           from unions n
          where coalesce(n.division_code, '') = any($1) and n.level <> 'grassroots'",
    )
    .bind(RELATION_UNIONS)
    .execute(&mut *conn)
    .await
    .expect("matrix accounts");
    // A pilot with a milestone at every union (beyond the limit of a
    // province: the matrix asks about each union's own), and a draft and a
    // submitted experience.
    sqlx::query(
        "insert into pilots (union_id, title, goals, starts_on, planned_end_on, exception_reason)
         select n.id, n.name || '矩阵测试试点', '测试', current_date, current_date + 365, '矩阵测试'
           from unions n
          where coalesce(n.division_code, '') = any($1) and n.level not in ('grassroots', 'national')",
    )
    .bind(RELATION_UNIONS)
    .execute(&mut *conn)
    .await
    .expect("matrix pilots");
    sqlx::query(
        "insert into pilot_milestones (pilot_id, union_path, title, due_on)
         select id, union_path, '矩阵测试节点', current_date + 30 from pilots
          where title like '%矩阵测试试点'",
    )
    .execute(&mut *conn)
    .await
    .expect("matrix milestones");
    for status in ["draft", "submitted"] {
        sqlx::query(
            "insert into experiences (union_id, union_name, title, summary, status)
             select n.id, n.name, n.name || '矩阵测试经验' || $2, '测试', $2
               from unions n
              where coalesce(n.division_code, '') = any($1)
                and n.level not in ('grassroots', 'national')",
        )
        .bind(RELATION_UNIONS)
        .bind(status)
        .execute(&mut *conn)
        .await
        .expect("matrix experiences");
    }
    sqlx::query(
        "insert into work_system_staff (union_id, name, duty)
         select n.id, '矩阵测试人员', '联络员'
           from unions n
          where coalesce(n.division_code, '') = any($1) and n.level <> 'grassroots'",
    )
    .bind(RELATION_UNIONS)
    .execute(&mut *conn)
    .await
    .expect("matrix work-system staff");
    sqlx::query(
        "insert into trainings (union_id, held_on, kind, topic, hours_tenths, external_attendees)
         select n.id, date '2026-06-01', 'training', '矩阵测试培训', 20, 5
           from unions n
          where coalesce(n.division_code, '') = any($1) and n.level <> 'grassroots'",
    )
    .bind(RELATION_UNIONS)
    .execute(&mut *conn)
    .await
    .expect("matrix trainings");
    // A federation with a member at every union.
    sqlx::query(
        "insert into federations (union_id, kind, name)
         select n.id, 'federation', n.name || '矩阵测试联合会'
           from unions n
          where coalesce(n.division_code, '') = any($1) and n.level <> 'grassroots'",
    )
    .bind(RELATION_UNIONS)
    .execute(&mut *conn)
    .await
    .expect("matrix federations");
    sqlx::query(
        "insert into federation_members (federation_id, union_path, org_id, org_union_path,
                                         joined_on)
         select f.id, f.union_path, o.id, o.union_path, date '2024-01-01'
           from federations f
           join organizations o on o.union_id = f.union_id and o.name like '%矩阵测试服务社'
          where f.name like '%矩阵测试联合会'",
    )
    .execute(&mut *conn)
    .await
    .expect("matrix federation members");
    sqlx::query(
        "insert into service_sites (union_id, kind, name, address, division_code)
         select n.id, 'service_point', n.name || '矩阵测试服务点', '测试地址',
                coalesce(n.division_code, '110105')
           from unions n
          where coalesce(n.division_code, '') = any($1) and n.level <> 'grassroots'",
    )
    .bind(RELATION_UNIONS)
    .execute(&mut *conn)
    .await
    .expect("matrix service sites");
    // A partner, co-funding the union's first project where it has one; a
    // meeting held today, inviting the union's matrix organization, with an
    // action of the union's matrix account.
    sqlx::query(
        "insert into partners (union_id, name, kind, brings)
         select n.id, n.name || '矩阵测试伙伴', 'foundation', '{funds}'
           from unions n
          where coalesce(n.division_code, '') = any($1) and n.level <> 'grassroots'",
    )
    .bind(RELATION_UNIONS)
    .execute(&mut *conn)
    .await
    .expect("matrix partners");
    sqlx::query(
        "insert into partner_projects (partner_id, project_id, union_path, partner_name)
         select p.id, pr.id, pr.union_path, p.name
           from partners p
           join lateral (select id, union_path from projects
                          where union_id = p.union_id order by code limit 1) pr on true
          where p.name like '%矩阵测试伙伴'",
    )
    .execute(&mut *conn)
    .await
    .expect("matrix co-funders");
    sqlx::query(
        "insert into meetings (union_id, title, held_on, place, agenda)
         select n.id, n.name || '矩阵测试会议', current_date, '会议室', '测试'
           from unions n
          where coalesce(n.division_code, '') = any($1) and n.level <> 'grassroots'",
    )
    .bind(RELATION_UNIONS)
    .execute(&mut *conn)
    .await
    .expect("matrix meetings");
    sqlx::query(
        "insert into meeting_invitations (meeting_id, union_path, org_id)
         select m.id, m.union_path, o.id
           from meetings m
           join organizations o on o.union_id = m.union_id and o.name like '%矩阵测试服务社'
          where m.title like '%矩阵测试会议'",
    )
    .execute(&mut *conn)
    .await
    .expect("matrix invitations");
    // org-1's organization is invited to 广州's, so that an organization
    // account has an invitation of its own.
    sqlx::query(
        "insert into meeting_invitations (meeting_id, union_path, org_id)
         select m.id, m.union_path, us.org_id
           from meetings m, users us
          where m.title = '广州市总工会矩阵测试会议' and us.username = 'org-1'",
    )
    .execute(&mut *conn)
    .await
    .expect("matrix own invitation");
    sqlx::query(
        "insert into meeting_actions (meeting_id, union_path, title, responsible_user_id, due_on)
         select m.id, m.union_path, '矩阵测试事项', us.id, current_date + 7
           from meetings m
           join users us on us.union_id = m.union_id and us.username like 'matrix-%'
          where m.title like '%矩阵测试会议'",
    )
    .execute(&mut *conn)
    .await
    .expect("matrix meeting actions");
    sqlx::query(
        "insert into org_imports (union_id, user_id, file_name, content, status)
         select u.union_id, u.id, 'orgs.csv', convert_to('组织名称', 'UTF8'), 'validated'
           from users u where u.username in ('gz-staff', 'sz-staff', 'gd-admin', 'bj-admin')",
    )
    .execute(&mut *conn)
    .await
    .expect("matrix imports");
}
