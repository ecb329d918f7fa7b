//! Who may do what: one pure function over (actor, action, object). It decides
//! *what* a user may do; row-level security decides *which rows* they can touch
//! at all. Handlers ask here before every action; a record outside the scope is
//! never even found (404), so the scope checks below are the second wall.

use uuid::Uuid;

use crate::error::AppError;
use crate::identity::Level;
use crate::identity::Role;
use crate::identity::SessionUser;

/// Something a user may try, with the object it touches.
#[derive(Clone, Copy, Debug)]
pub enum Action<'a> {
    /// See the union tree pages.
    BrowseUnions,
    /// Create a union under the union at this path.
    CreateUnionUnder { parent_path: &'a str },
    /// Rename or re-code the union at this path.
    EditUnion { path: &'a str },
    /// Move the union at `path` under the union at `new_parent_path`.
    MoveUnion {
        path: &'a str,
        new_parent_path: &'a str,
    },
    /// See the accounts of the scope.
    ListUsers,
    /// Give an account `role` at the union at `union_path` (create or edit).
    AssignRole { role: Role, union_path: &'a str },
    /// Edit, disable, unlock or reset the password of an account.
    ManageUser {
        user_id: Uuid,
        union_path: &'a str,
        role: Role,
    },
    /// Read the audit log of the scope.
    ViewAudit,
    /// Search the registry of the scope (and export what is found).
    ListOrgs,
    /// Read one organization's record.
    ViewOrg { org_id: Uuid },
    /// Create, edit, rate, log contact with, or change the status of an
    /// organization homed at this path; invite its account.
    EditOrg { union_path: &'a str },
    /// Change one's own organization's self-service fields.
    EditOwnOrg { org_id: Uuid },
    /// Load organizations from a spreadsheet into the scope.
    ImportOrgs,
    /// Set the default contact interval of the union at this path.
    SetContactInterval { union_path: &'a str },
    /// Read the worker needs of the scope.
    ListNeeds,
    /// Record or edit a worker need of the union at this path.
    EditNeed { union_path: &'a str },
    /// Read the indicator systems and the projects of the scope.
    ListProjects,
    /// Draft, edit, submit, publish or cancel a project of the union at this path.
    EditProject { union_path: &'a str },
    /// Approve or return a project waiting for approval (see [`approves`]).
    ApproveProject {
        union_path: &'a str,
        budget_fen: i64,
        threshold_fen: i64,
        created_by: Uuid,
    },
    /// Write or publish an indicator system of the union at this path.
    EditIndicators { union_path: &'a str },
    /// Set the project approval threshold of the union at this path (a
    /// provincial union, or the national one for national projects).
    SetApprovalThreshold { union_path: &'a str, level: Level },
    /// Apply to calls, and write, submit or withdraw applications, as this
    /// organization.
    ApplyAs { org_id: Uuid },
    /// Declare and score the reviews assigned to this reviewer.
    Review { reviewer_id: Uuid },
    /// Read an application of this organization to a project at this path.
    ViewApplication { org_id: Uuid, union_path: &'a str },
    /// Write and submit reports, and answer rectification orders, on the
    /// contracts of this organization.
    DeliverAs { org_id: Uuid },
    /// Accept or return reports, record site visits, issue and close
    /// rectification orders, and score evaluations, on a contract of a project
    /// at this path supervised by `supervisor_id`.
    Supervise {
        union_path: &'a str,
        supervisor_id: Uuid,
    },
    /// Make an evaluation of a contract at this path final.
    FinalizeEvaluation { union_path: &'a str },
    /// Pay or withhold an installment, or close a project, at this path.
    Disburse { union_path: &'a str },
    /// Search the scope's records from the page header (each kind of record
    /// only where its own list is allowed).
    Search,
    /// Read one's own deadline calendar (what row-level security lets one
    /// see, by date), and make, replace or stop one's own calendar feed.
    ViewCalendar,
    /// Read the statistics of a union in the scope (and export them).
    ViewStats,
    /// Make the statistics again now instead of at the next periodic refresh.
    RefreshStats,
    /// Read the pilots of the scope.
    ListPilots,
    /// Designate, edit, conclude or cancel a pilot of the union at this path:
    /// a provincial admin in the province, the national admin anywhere.
    ManagePilot { union_path: &'a str },
    /// Designate a pilot beyond the limit of a province, with a reason.
    GrantPilotException,
    /// Keep the milestones and write the progress notes of a pilot of the
    /// union at this path (its cadres, and those above it).
    WorkOnPilot { union_path: &'a str },
    /// Read the typical experiences of the scope (and the featured ones of
    /// the whole country).
    ListExperiences,
    /// Write, edit and submit a typical experience of the union at this path
    /// (provincial and below).
    WriteExperience { union_path: &'a str },
    /// Publish (or edit once published) an experience of the union at this
    /// path: its provincial admin, or the national admin.
    PublishExperience { union_path: &'a str },
    /// Feature published experiences nationwide.
    FeatureExperience,
    /// Read the work systems (leader, department, staff, funding, documents)
    /// and the cadre trainings of the scope.
    ViewWorkSystem,
    /// Set the work system of the union at this path, or record, change or
    /// delete a training it organized.
    EditWorkSystem { union_path: &'a str },
    /// Read the federations and joint platforms of the scope, with their
    /// members.
    ListFederations,
    /// Record or edit a federation led by the union at this path, upload its
    /// charter, admit its members and end their memberships.
    ManageFederation { union_path: &'a str },
    /// Read the service sites (服务阵地) of the scope, their counts and
    /// printable lists (and export them).
    ListSites,
    /// Record or edit a service site of the union at this path, add its photos.
    EditSite { union_path: &'a str },
    /// Read the partners (协力伙伴) of the scope (and export them).
    ListPartners,
    /// Record or edit a partner kept by the union at this path, or name
    /// co-funders of a project at this path.
    ManagePartner { union_path: &'a str },
    /// Read the contact meetings of the scope (and export them).
    ListMeetings,
    /// Convene or edit a meeting of the union at this path: its invitations,
    /// attendance, minutes and follow-up actions.
    ManageMeeting { union_path: &'a str },
    /// Accept or decline an invitation addressed to this organization.
    AnswerInvitation { org_id: Uuid },
    /// Mark a follow-up action of a meeting at this path done: the cadre
    /// responsible for it, or one who manages the meeting.
    CloseMeetingAction {
        responsible_user_id: Uuid,
        union_path: &'a str,
    },
}

pub fn permits(user: &SessionUser, action: &Action<'_>) -> bool {
    let admin = user.role == Role::Admin;
    // Cadres do the daily work of the registry; viewers only read.
    let cadre = matches!(user.role, Role::Admin | Role::Staff);
    let in_scope = |path: &str| user.role.works_in_scope() && is_within(path, &user.union.path);
    let below = |path: &str| in_scope(path) && path != user.union.path;
    match *action {
        Action::BrowseUnions => user.role.works_in_scope(),
        Action::CreateUnionUnder { parent_path } => admin && in_scope(parent_path),
        Action::EditUnion { path } => admin && below(path),
        Action::MoveUnion {
            path,
            new_parent_path,
        } => admin && below(path) && in_scope(new_parent_path),
        Action::ListUsers | Action::ViewAudit => admin,
        Action::ListOrgs => user.role.works_in_scope(),
        Action::ViewOrg { org_id } => {
            user.role.works_in_scope() || (user.role == Role::Org && user.org_id == Some(org_id))
        }
        Action::EditOrg { union_path } => cadre && in_scope(union_path),
        Action::EditOwnOrg { org_id } => user.role == Role::Org && user.org_id == Some(org_id),
        Action::ImportOrgs => cadre,
        Action::SetContactInterval { union_path } => admin && in_scope(union_path),
        Action::ListNeeds | Action::ListProjects => user.role.works_in_scope(),
        // Reviewers, evaluators and organizations list only what is assigned
        // to them or is theirs, a few records their own pages already show.
        Action::Search => user.role.works_in_scope(),
        Action::EditNeed { union_path } | Action::EditProject { union_path } => {
            cadre && in_scope(union_path)
        }
        Action::ApproveProject {
            union_path,
            budget_fen,
            threshold_fen,
            created_by,
        } => {
            admin && created_by != user.id && approves(user, union_path, budget_fen > threshold_fen)
        }
        Action::SetApprovalThreshold { union_path, level } => {
            admin
                && matches!(level, Level::National | Level::Provincial)
                && matches!(user.union.level, Level::National | Level::Provincial)
                && in_scope(union_path)
        }
        Action::Review { reviewer_id } => user.role == Role::Reviewer && user.id == reviewer_id,
        Action::ApplyAs { org_id } => user.role == Role::Org && user.org_id == Some(org_id),
        Action::ViewApplication { org_id, union_path } => {
            (user.role == Role::Org && user.org_id == Some(org_id)) || in_scope(union_path)
        }
        Action::DeliverAs { org_id } => user.role == Role::Org && user.org_id == Some(org_id),
        Action::Supervise {
            union_path,
            supervisor_id,
        } => {
            (cadre && in_scope(union_path))
                || (user.role == Role::Evaluator && user.id == supervisor_id)
        }
        Action::FinalizeEvaluation { union_path } => cadre && in_scope(union_path),
        // Every account has deadlines of its own kind: cadres their scope's,
        // reviewers their reviews, evaluators what they supervise, an
        // organization account its organization's.
        Action::ViewCalendar => {
            user.role.works_in_scope()
                || matches!(user.role, Role::Reviewer | Role::Evaluator)
                || (user.role == Role::Org && user.org_id.is_some())
        }
        // Leaders read the figures of their scope; the organizations counted,
        // reviewers and evaluators do not.
        Action::ViewStats => user.role.works_in_scope(),
        Action::RefreshStats => admin,
        Action::ListPilots | Action::ListExperiences => user.role.works_in_scope(),
        // Pilots and publication are the province's (and the nation's) call.
        Action::ManagePilot { union_path } | Action::PublishExperience { union_path } => {
            admin
                && matches!(user.union.level, Level::National | Level::Provincial)
                && in_scope(union_path)
        }
        Action::GrantPilotException | Action::FeatureExperience => {
            admin && user.union.level == Level::National
        }
        Action::WorkOnPilot { union_path } => cadre && in_scope(union_path),
        // Experiences belong to a union in a province, never the nation's own.
        Action::WriteExperience { union_path } => {
            cadre && in_scope(union_path) && union_path.contains('.')
        }
        Action::ViewWorkSystem => user.role.works_in_scope(),
        Action::ListSites => user.role.works_in_scope(),
        Action::EditSite { union_path } => cadre && in_scope(union_path),
        // A union's own admin and the admins above it answer for its work
        // system; staff and viewers read it.
        Action::EditWorkSystem { union_path } => admin && in_scope(union_path),
        Action::ListFederations => user.role.works_in_scope(),
        Action::ManageFederation { union_path } => cadre && in_scope(union_path),
        Action::ListPartners | Action::ListMeetings => user.role.works_in_scope(),
        Action::ManagePartner { union_path } | Action::ManageMeeting { union_path } => {
            cadre && in_scope(union_path)
        }
        Action::AnswerInvitation { org_id } => {
            user.role == Role::Org && user.org_id == Some(org_id)
        }
        Action::CloseMeetingAction {
            responsible_user_id,
            union_path,
        } => cadre && (responsible_user_id == user.id || in_scope(union_path)),
        // Money leaves the union on an admin's decision only.
        Action::Disburse { union_path } => admin && in_scope(union_path),
        // Indicator systems are standards set at the top: national and provincial admins.
        Action::EditIndicators { union_path } => {
            admin
                && matches!(user.union.level, Level::National | Level::Provincial)
                && in_scope(union_path)
        }
        // Organization accounts are invited from the organization's record.
        Action::AssignRole { role, union_path } => {
            admin && role != Role::Org && in_scope(union_path)
        }
        // Nobody manages their own account (no one raises their own role), and
        // at their own union admins manage only lower roles: co-admins of one
        // union cannot take over each other's accounts; the union above can.
        Action::ManageUser {
            user_id,
            union_path,
            role,
        } => {
            admin
                && user_id != user.id
                && in_scope(union_path)
                && (union_path != user.union.path || role.rank() > user.role.rank())
        }
    }
}

/// Whether an admin at the user's union approves a project of the union at
/// `project_path`: above the provincial threshold the provincial union or the
/// national union does; below it, the purchasing union's parent.
fn approves(user: &SessionUser, project_path: &str, above_threshold: bool) -> bool {
    if !is_within(project_path, &user.union.path) {
        return false;
    }
    if above_threshold {
        matches!(user.union.level, Level::National | Level::Provincial)
    } else {
        project_path
            .rsplit_once('.')
            .is_some_and(|(parent, _)| parent == user.union.path)
    }
}

/// `permits`, as a result a handler can `?`.
pub fn require(user: &SessionUser, action: &Action<'_>) -> Result<(), AppError> {
    if permits(user, action) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether ltree `path` lies in the subtree rooted at `scope`.
pub fn is_within(path: &str, scope: &str) -> bool {
    path == scope
        || path
            .strip_prefix(scope)
            .is_some_and(|rest| rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::identity::UnionRef;

    fn user(role: Role, path: &str) -> SessionUser {
        SessionUser {
            id: Uuid::from_u128(1),
            username: "someone".into(),
            display_name: "某人".into(),
            role,
            lang: Lang::Zh,
            must_change_password: false,
            union: UnionRef {
                id: 4,
                path: path.into(),
                name: "广州市总工会".into(),
                level: Level::Municipal,
            },
            org_id: None,
            csrf_token: crate::config::Secret::new(""),
            ip: [127, 0, 0, 1].into(),
            trail: Vec::new(),
        }
    }

    const OWN: &str = "cn.u2.u4";
    const CHILD: &str = "cn.u2.u4.u9";
    const PARENT: &str = "cn.u2";
    const SIBLING: &str = "cn.u2.u5";
    const OTHER_PROVINCE: &str = "cn.u3.u7";

    #[test]
    fn scope_is_a_subtree_not_a_prefix() {
        assert!(is_within("cn.u2", "cn.u2"));
        assert!(is_within("cn.u2.u4", "cn.u2"));
        assert!(!is_within("cn.u21", "cn.u2"));
        assert!(!is_within("cn", "cn.u2"));
    }

    #[test]
    fn union_actions_by_role_and_place() {
        // (role, target, create under, edit, move to own union)
        let cases = [
            (Role::Admin, OWN, true, false, false),
            (Role::Admin, CHILD, true, true, true),
            (Role::Admin, PARENT, false, false, false),
            (Role::Admin, SIBLING, false, false, false),
            (Role::Admin, OTHER_PROVINCE, false, false, false),
            (Role::Staff, OWN, false, false, false),
            (Role::Staff, CHILD, false, false, false),
            (Role::Viewer, CHILD, false, false, false),
            (Role::Reviewer, CHILD, false, false, false),
            (Role::Evaluator, CHILD, false, false, false),
            (Role::Org, CHILD, false, false, false),
        ];
        for (role, target, create, edit, move_here) in cases {
            let u = user(role, OWN);
            let label = format!("{role} at {target}");
            assert_eq!(
                permits(
                    &u,
                    &Action::CreateUnionUnder {
                        parent_path: target
                    }
                ),
                create,
                "create: {label}"
            );
            assert_eq!(
                permits(&u, &Action::EditUnion { path: target }),
                edit,
                "edit: {label}"
            );
            assert_eq!(
                permits(
                    &u,
                    &Action::MoveUnion {
                        path: target,
                        new_parent_path: OWN
                    }
                ),
                move_here,
                "move: {label}"
            );
        }
    }

    #[test]
    fn only_union_cadres_browse_the_tree() {
        for role in Role::ALL {
            let expected = matches!(role, Role::Admin | Role::Staff | Role::Viewer);
            assert_eq!(
                permits(&user(role, OWN), &Action::BrowseUnions),
                expected,
                "{role}"
            );
        }
    }

    #[test]
    fn admins_assign_roles_within_their_scope_but_never_org() {
        let admin = user(Role::Admin, OWN);
        let assign = |role, union_path| permits(&admin, &Action::AssignRole { role, union_path });
        assert!(assign(Role::Admin, OWN));
        assert!(assign(Role::Staff, CHILD));
        assert!(!assign(Role::Staff, PARENT));
        assert!(!assign(Role::Staff, SIBLING));
        assert!(!assign(Role::Org, CHILD));
        let staff = user(Role::Staff, OWN);
        assert!(!permits(
            &staff,
            &Action::AssignRole {
                role: Role::Viewer,
                union_path: CHILD
            }
        ));
    }

    #[test]
    fn nobody_manages_their_own_account_or_a_co_admin() {
        let admin = user(Role::Admin, OWN);
        let other = Uuid::from_u128(2);
        let manage = |user_id, union_path, role| {
            permits(
                &admin,
                &Action::ManageUser {
                    user_id,
                    union_path,
                    role,
                },
            )
        };
        assert!(!manage(admin.id, OWN, Role::Admin));
        assert!(manage(other, OWN, Role::Staff));
        assert!(
            !manage(other, OWN, Role::Admin),
            "a co-admin of the same union"
        );
        assert!(
            manage(other, CHILD, Role::Admin),
            "an admin of a union below"
        );
        assert!(!manage(other, OTHER_PROVINCE, Role::Staff));
    }

    #[test]
    fn registry_actions_by_role() {
        let org_id = Uuid::from_u128(9);
        for role in Role::ALL {
            let u = user(role, OWN);
            let cadre = matches!(role, Role::Admin | Role::Staff);
            assert_eq!(
                permits(&u, &Action::EditOrg { union_path: CHILD }),
                cadre,
                "{role}"
            );
            assert!(
                !permits(
                    &u,
                    &Action::EditOrg {
                        union_path: SIBLING
                    }
                ),
                "{role}"
            );
            assert_eq!(
                permits(&u, &Action::ListOrgs),
                role.works_in_scope(),
                "{role}"
            );
            assert_eq!(permits(&u, &Action::ImportOrgs), cadre, "{role}");
        }
        let mut org_account = user(Role::Org, OWN);
        org_account.org_id = Some(org_id);
        assert!(permits(&org_account, &Action::ViewOrg { org_id }));
        assert!(permits(&org_account, &Action::EditOwnOrg { org_id }));
        assert!(!permits(
            &org_account,
            &Action::ViewOrg {
                org_id: Uuid::from_u128(8)
            }
        ));
        assert!(!permits(&org_account, &Action::EditOrg { union_path: OWN }));
        assert!(!permits(
            &user(Role::Staff, OWN),
            &Action::EditOwnOrg { org_id }
        ));
    }

    fn at(role: Role, path: &str, level: Level) -> SessionUser {
        let mut u = user(role, path);
        u.union.level = level;
        u.id = Uuid::from_u128(5);
        u
    }

    #[test]
    fn who_approves_a_project() {
        let creator = Uuid::from_u128(1);
        let approve = |u: &SessionUser, path, budget_fen| {
            permits(
                u,
                &Action::ApproveProject {
                    union_path: path,
                    budget_fen,
                    threshold_fen: 50_000_000,
                    created_by: creator,
                },
            )
        };
        let province = at(Role::Admin, PARENT, Level::Provincial);
        let city = at(Role::Admin, OWN, Level::Municipal);
        // A county project (CHILD) below the threshold: its parent, the city.
        assert!(approve(&city, CHILD, 10_000));
        assert!(!approve(&province, CHILD, 10_000), "not the parent");
        // Above it: the province (or the nation), not the city.
        assert!(!approve(&city, CHILD, 60_000_000));
        assert!(approve(&province, CHILD, 60_000_000));
        assert!(approve(
            &at(Role::Admin, "cn", Level::National),
            CHILD,
            60_000_000
        ));
        // Never outside the scope, never staff, never one's own project.
        assert!(!approve(&province, OTHER_PROVINCE, 60_000_000));
        assert!(!approve(
            &at(Role::Staff, OWN, Level::Municipal),
            CHILD,
            10_000
        ));
        let mut own = at(Role::Admin, OWN, Level::Municipal);
        own.id = creator;
        assert!(!approve(&own, CHILD, 10_000), "nobody approves their own");
        // The city's own project goes to its parent, the province.
        assert!(!approve(&city, OWN, 10_000));
        assert!(approve(&province, OWN, 10_000));
    }

    #[test]
    fn sites_are_kept_by_cadres_in_scope_and_read_by_viewers() {
        for role in Role::ALL {
            let u = user(role, OWN);
            let cadre = matches!(role, Role::Admin | Role::Staff);
            assert_eq!(
                permits(&u, &Action::ListSites),
                role.works_in_scope(),
                "{role}"
            );
            assert_eq!(
                permits(&u, &Action::EditSite { union_path: CHILD }),
                cadre,
                "{role}"
            );
            assert!(!permits(&u, &Action::EditSite { union_path: PARENT }));
            assert!(!permits(
                &u,
                &Action::EditSite {
                    union_path: OTHER_PROVINCE
                }
            ));
        }
    }

    #[test]
    fn needs_projects_and_indicators_by_role() {
        for role in Role::ALL {
            let u = user(role, OWN);
            let cadre = matches!(role, Role::Admin | Role::Staff);
            assert_eq!(
                permits(&u, &Action::EditNeed { union_path: CHILD }),
                cadre,
                "{role}"
            );
            assert_eq!(
                permits(&u, &Action::EditProject { union_path: OWN }),
                cadre,
                "{role}"
            );
            assert!(
                !permits(
                    &u,
                    &Action::EditProject {
                        union_path: SIBLING
                    }
                ),
                "{role}"
            );
            assert_eq!(
                permits(&u, &Action::ListProjects),
                role.works_in_scope(),
                "{role}"
            );
            assert!(
                !permits(&u, &Action::EditIndicators { union_path: OWN }),
                "{role} at a city"
            );
        }
        let province = at(Role::Admin, PARENT, Level::Provincial);
        assert!(permits(
            &province,
            &Action::EditIndicators { union_path: PARENT }
        ));
        assert!(!permits(
            &province,
            &Action::EditIndicators { union_path: "cn" }
        ));
    }

    #[test]
    fn only_union_cadres_search() {
        for role in Role::ALL {
            assert_eq!(
                permits(&user(role, OWN), &Action::Search),
                role.works_in_scope(),
                "{role}"
            );
        }
    }

    #[test]
    fn every_account_with_deadlines_reads_its_calendar() {
        for role in Role::ALL {
            let u = user(role, OWN);
            assert_eq!(
                permits(&u, &Action::ViewCalendar),
                role != Role::Org,
                "{role} without an organization"
            );
        }
        let mut org_account = user(Role::Org, OWN);
        org_account.org_id = Some(Uuid::from_u128(9));
        assert!(permits(&org_account, &Action::ViewCalendar));
    }

    #[test]
    fn work_systems_are_set_by_the_unions_admins_and_those_above() {
        for role in Role::ALL {
            let u = user(role, OWN);
            assert_eq!(
                permits(&u, &Action::ViewWorkSystem),
                role.works_in_scope(),
                "{role}"
            );
            for (target, admin_may) in [
                (OWN, true),
                (CHILD, true),
                (PARENT, false),
                (SIBLING, false),
                (OTHER_PROVINCE, false),
            ] {
                assert_eq!(
                    permits(&u, &Action::EditWorkSystem { union_path: target }),
                    admin_may && role == Role::Admin,
                    "{role} at {target}"
                );
            }
        }
    }

    #[test]
    fn only_cadres_get_a_scope_in_the_database() {
        assert_eq!(
            user(Role::Viewer, OWN).db_actor().scope.as_deref(),
            Some(OWN)
        );
        assert_eq!(user(Role::Reviewer, OWN).db_actor().scope, None);
        assert_eq!(
            user(Role::Org, OWN).db_actor().user_id,
            Some(Uuid::from_u128(1))
        );
    }

    /// A user of `role` at the union of `path`, its level told by the path.
    fn placed(role: Role, path: &str) -> SessionUser {
        let mut u = user(role, path);
        u.union.level = match path.split('.').count() {
            1 => Level::National,
            2 => Level::Provincial,
            3 => Level::Municipal,
            _ => Level::County,
        };
        u
    }

    #[test]
    fn pilots_are_the_provinces_call_and_the_pilot_unions_work() {
        let pilot = "cn.u2.u4";
        let manage = |u: &SessionUser| permits(u, &Action::ManagePilot { union_path: pilot });
        let work = |u: &SessionUser| permits(u, &Action::WorkOnPilot { union_path: pilot });
        assert!(manage(&placed(Role::Admin, "cn.u2")));
        assert!(manage(&placed(Role::Admin, "cn")));
        assert!(
            !manage(&placed(Role::Admin, "cn.u2.u4")),
            "a city does not designate itself"
        );
        assert!(!manage(&placed(Role::Staff, "cn.u2")));
        assert!(!manage(&placed(Role::Admin, "cn.u3")));
        assert!(work(&placed(Role::Staff, "cn.u2.u4")));
        assert!(work(&placed(Role::Admin, "cn.u2")));
        assert!(!work(&placed(Role::Viewer, "cn.u2.u4")));
        assert!(!work(&placed(Role::Staff, "cn.u2.u5")));
        assert!(
            !work(&placed(Role::Staff, "cn.u2.u4.u9")),
            "below the pilot union"
        );
        assert!(permits(
            &placed(Role::Admin, "cn"),
            &Action::GrantPilotException
        ));
        assert!(!permits(
            &placed(Role::Admin, "cn.u2"),
            &Action::GrantPilotException
        ));
        assert!(permits(
            &placed(Role::Viewer, "cn.u2.u4"),
            &Action::ListPilots
        ));
        assert!(!permits(
            &placed(Role::Org, "cn.u2.u4"),
            &Action::ListPilots
        ));
    }

    #[test]
    fn experiences_are_written_below_published_by_the_province_featured_by_the_nation() {
        let path = "cn.u2.u4";
        let write = |u: &SessionUser| permits(u, &Action::WriteExperience { union_path: path });
        let publish = |u: &SessionUser| permits(u, &Action::PublishExperience { union_path: path });
        assert!(write(&placed(Role::Staff, "cn.u2.u4")));
        assert!(write(&placed(Role::Staff, "cn.u2")));
        assert!(!write(&placed(Role::Viewer, "cn.u2.u4")));
        assert!(
            !permits(
                &placed(Role::Admin, "cn"),
                &Action::WriteExperience { union_path: "cn" }
            ),
            "the nation writes none of its own"
        );
        assert!(publish(&placed(Role::Admin, "cn.u2")));
        assert!(!publish(&placed(Role::Admin, "cn.u2.u4")));
        assert!(!publish(&placed(Role::Staff, "cn.u2")));
        assert!(permits(
            &placed(Role::Admin, "cn"),
            &Action::FeatureExperience
        ));
        assert!(!permits(
            &placed(Role::Admin, "cn.u2"),
            &Action::FeatureExperience
        ));
        assert!(!permits(
            &placed(Role::Reviewer, "cn.u2"),
            &Action::ListExperiences
        ));
    }
}
