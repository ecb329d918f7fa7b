//! The federations' pages: the list, a federation with its members, counts,
//! charter and commissioned projects, and the form that records or edits one.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::{self, CommissionedProject, FederationRow, Filter, MemberCounts, MemberRow, Which};
use super::forms::{FederationForm, FederationInput, LeaveForm, MemberForm};
use super::{FederationKind, FederationStatus, MemberRole, PartnerKind};
use crate::audit::{self, Entry};
use crate::audit_log::EntryView;
use crate::db::Tx;
use crate::db::list::{CappedCount, KeyPart, ListScope};
use crate::error::{AppError, AppResult};
use crate::files::db::FileRow;
use crate::identity::{CurrentUser, Level};
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::unions;
use crate::web::forms::constraint_message;
use crate::web::money::Fen;
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link};
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct FederationsQuery {
    pub q: String,
    pub kind: String,
    pub level: String,
    pub status: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

impl FederationsQuery {
    /// The list's filters, within the reader's scope at `path`.
    pub fn filter(&self, path: &str) -> Result<Filter, AppError> {
        let bad = |what: &str| AppError::BadRequest(format!("unknown {what}"));
        Ok(Filter {
            q: Some(self.q.trim().to_owned()).filter(|q| !q.is_empty()),
            kind: match self.kind.as_str() {
                "" => None,
                v => Some(FederationKind::parse(v).ok_or_else(|| bad("kind"))?),
            },
            level: match self.level.as_str() {
                "" => None,
                v => Some(Level::parse(v).ok_or_else(|| bad("level"))?),
            },
            status: match self.status.as_str() {
                "" => None,
                v => Some(FederationStatus::parse(v).ok_or_else(|| bad("status"))?),
            },
            scope: ListScope::of_path(path),
        })
    }
}

#[derive(Template)]
#[template(path = "federations/list.html")]
struct FederationsPage {
    ctx: Ctx,
    query: FederationsQuery,
    federations: Vec<FederationRow>,
    count: CappedCount,
    next: Option<String>,
    prev: Option<String>,
    may_add: bool,
}

impl FederationsPage {
    fn export_links(&self) -> ExportLinks {
        export_links("/federations", &self.query)
    }

    fn kinds(&self) -> Vec<(&'static str, &'static str)> {
        FederationKind::options()
    }

    fn statuses(&self) -> Vec<(&'static str, &'static str)> {
        FederationStatus::options()
    }

    fn levels(&self) -> Vec<(&'static str, &'static str)> {
        [
            Level::National,
            Level::Provincial,
            Level::Municipal,
            Level::County,
        ]
        .into_iter()
        .map(|l| (l.as_str(), l.label_key()))
        .collect()
    }
}

pub async fn list_federations(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<FederationsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListFederations)?;
    let filter = query.filter(&user.union.path)?;
    let position = query.page.position(&[KeyPart::Text, KeyPart::Uuid])?;
    let page = db::list(&mut tx, &filter, &position).await?;
    let count = db::count(&mut tx, &filter).await?;
    tx.commit().await?;
    let link = |param: &str, cursor: String| page_link("/federations", &query, param, &cursor);
    render(&FederationsPage {
        may_add: policy::permits(
            &user,
            &Action::ManageFederation {
                union_path: &user.union.path,
            },
        ),
        ctx,
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        federations: page.rows,
        count,
        query,
    })
}

/// Which members the federation's page lists, and where.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct MembersQuery {
    /// `ended` for the memberships that ended (the history).
    pub show: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

#[derive(Template)]
#[template(path = "federations/show.html")]
pub(super) struct FederationPage {
    ctx: Ctx,
    federation: FederationRow,
    partners: Vec<(PartnerKind, String)>,
    children: Vec<(Uuid, String, String, i64)>,
    charter_files: Vec<FileRow>,
    members: Vec<MemberRow>,
    showing_ended: bool,
    next: Option<String>,
    prev: Option<String>,
    counts: MemberCounts,
    projects: Vec<CommissionedProject>,
    history: Vec<EntryView>,
    may_manage: bool,
    member_form: MemberForm,
    /// The membership whose leaving was refused, with its form.
    refused_leave: Option<(Uuid, LeaveForm)>,
    errors: FieldErrors,
    /// Which form the errors are of: `member`, `charter` or a membership's id.
    refused_form: String,
}

impl FederationPage {
    pub(super) async fn load(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        federation: FederationRow,
        query: &MembersQuery,
    ) -> AppResult<Self> {
        let which = if query.show == "ended" {
            Which::Ended
        } else {
            Which::Current
        };
        let position = query.page.position(&[KeyPart::Text, KeyPart::Uuid])?;
        let page = db::members(tx, federation.id, which, &position).await?;
        let path = format!("/federations/{}", federation.id);
        let link = |param: &str, cursor: String| {
            format!("{}#members", page_link(&path, query, param, &cursor))
        };
        Ok(Self {
            may_manage: policy::permits(
                user,
                &Action::ManageFederation {
                    union_path: &federation.union_path,
                },
            ),
            partners: db::partners(tx, federation.id).await?,
            children: db::children(tx, federation.id).await?,
            charter_files: crate::files::db::of_owner(tx, super::CHARTER_FILES, federation.id)
                .await?,
            next: page.next.map(|c| link("after", c)),
            prev: page.prev.map(|c| link("before", c)),
            members: page.rows,
            showing_ended: which == Which::Ended,
            counts: db::member_counts(tx, federation.id).await?,
            projects: db::commissioned_projects(tx, federation.id).await?,
            history: crate::audit_log::history(tx, "federation", &federation.id.to_string())
                .await?,
            member_form: MemberForm {
                role: MemberRole::Member.as_str().to_owned(),
                joined_on: crate::web::overdue::today().to_string(),
                ..MemberForm::default()
            },
            refused_leave: None,
            errors: FieldErrors::default(),
            refused_form: String::new(),
            ctx,
            federation,
        })
    }

    pub(super) fn refused_member(mut self, form: MemberForm, errors: FieldErrors) -> Self {
        self.member_form = form;
        self.errors = errors;
        self.refused_form = "member".to_owned();
        self
    }

    pub(super) fn refused_leave(mut self, id: Uuid, form: LeaveForm, errors: FieldErrors) -> Self {
        self.refused_leave = Some((id, form));
        self.errors = errors;
        self.refused_form = id.to_string();
        self
    }

    pub(super) fn refused_charter(mut self, errors: FieldErrors) -> Self {
        self.errors = errors;
        self.refused_form = "charter".to_owned();
        self
    }

    fn errors_of(&self, which: &str) -> FieldErrors {
        if self.refused_form == which {
            self.errors.clone()
        } else {
            FieldErrors::default()
        }
    }

    fn leave_errors(&self, id: &Uuid) -> FieldErrors {
        self.errors_of(&id.to_string())
    }

    /// The leave form of a membership: as typed when it was refused.
    fn leave_form(&self, member: &MemberRow) -> LeaveForm {
        match &self.refused_leave {
            Some((id, form)) if *id == member.id => form.clone(),
            _ => LeaveForm {
                left_on: crate::web::overdue::today().to_string(),
                leave_reason: String::new(),
                version: member.version,
            },
        }
    }

    fn leave_open(&self, id: &Uuid) -> bool {
        self.refused_form == id.to_string()
    }

    fn roles(&self) -> Vec<(&'static str, &'static str)> {
        MemberRole::options()
    }

    fn budget(&self, fen: &i64) -> String {
        Fen(*fen).wan_yuan()
    }

    fn rating(&self, member: &MemberRow) -> String {
        match (member.rating_level, member.rating_valid_until) {
            (Some(level), Some(until)) if until >= crate::web::overdue::today() => {
                format!("{level}A")
            }
            (Some(level), _) => format!("{level}A（{}）", self.ctx.t("federations.expired")),
            _ => "—".to_owned(),
        }
    }

    fn cross_checked(&self) -> bool {
        self.member_form.cross_region.is_some()
    }
}

pub async fn show_federation(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Query(query): Query<MembersQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListFederations)?;
    let federation = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let page = FederationPage::load(&mut tx, ctx, &user, federation, &query).await?;
    tx.commit().await?;
    render(&page)
}

#[derive(Template)]
#[template(path = "federations/form.html")]
struct FederationFormPage {
    ctx: Ctx,
    federation: Option<FederationRow>,
    form: FederationForm,
    errors: FieldErrors,
    unions: Vec<(i64, String, i32)>,
    parents: Vec<(Uuid, String, String)>,
}

impl FederationFormPage {
    async fn new(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        federation: Option<FederationRow>,
        form: FederationForm,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let unions =
            unions::db::picker_options(tx, user.union.id, form.union_id.parse().ok()).await?;
        let parents = db::parent_options(tx, None, federation.as_ref().map(|f| f.id)).await?;
        Ok(Self {
            ctx,
            federation,
            form,
            errors,
            unions,
            parents,
        })
    }

    fn kinds(&self) -> Vec<(&'static str, &'static str)> {
        FederationKind::options()
    }

    fn statuses(&self) -> Vec<(&'static str, &'static str)> {
        FederationStatus::options()
    }

    fn partner_fields(&self) -> Vec<(&'static str, &'static str, String)> {
        self.form
            .partner_fields()
            .into_iter()
            .map(|(kind, field, value)| (field, kind.label_key(), value.to_owned()))
            .collect()
    }
}

pub async fn new_federation_form(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::ManageFederation {
            union_path: &user.union.path,
        },
    )?;
    let form = FederationForm {
        union_id: user.union.id.to_string(),
        kind: FederationKind::Federation.as_str().to_owned(),
        status: FederationStatus::Active.as_str().to_owned(),
        ..FederationForm::default()
    };
    let page =
        FederationFormPage::new(&mut tx, ctx, &user, None, form, FieldErrors::default()).await?;
    render(&page)
}

/// Checks what the form cannot alone: the leading union is one the user
/// manages, the parent is a federation led at or above it, and the credit
/// code is not another federation's.
async fn checked(
    tx: &mut Tx,
    user: &CurrentUser,
    input: &FederationInput,
    existing: Option<&FederationRow>,
    errors: &mut FieldErrors,
) -> AppResult<()> {
    let union = unions::db::find(tx, input.union_id).await?;
    let Some(union) = union.filter(|u| {
        policy::permits(
            user,
            &Action::ManageFederation {
                union_path: &u.path,
            },
        )
    }) else {
        errors.add("union_id", "federations.union_not_allowed");
        return Ok(());
    };
    if let Some(parent_id) = input.parent_id {
        let above = db::parent_options(tx, Some(union.id), existing.map(|f| f.id))
            .await?
            .iter()
            .any(|(id, _, _)| *id == parent_id);
        if !above {
            errors.add("parent_id", "federations.parent_below");
        }
    }
    if let Some(code) = &input.credit_code
        && let Some(holder) = db::credit_code_holder(tx, code, existing.map(|f| f.id)).await?
    {
        errors.add_with("credit_code", "federations.credit_code_taken", holder);
    }
    Ok(())
}

/// The database's refusals, beside their fields.
const CONSTRAINTS: &[(&str, &str, &str)] = &[
    (
        "federations_parent_above",
        "parent_id",
        "federations.parent_below",
    ),
    (
        "federations_credit_code_key",
        "credit_code",
        "federations.credit_code_taken_elsewhere",
    ),
];

/// A form the database refused: drawn again in a fresh transaction.
async fn refused(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    federation: Option<FederationRow>,
    form: FederationForm,
    error: sqlx::Error,
) -> AppResult<Response> {
    let Some(errors) = constraint_message(&error, CONSTRAINTS) else {
        return Err(error.into());
    };
    let mut tx = state.db.begin(&user.db_actor()).await?;
    render_invalid(&FederationFormPage::new(&mut tx, ctx, user, federation, form, errors).await?)
}

pub async fn create_federation(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Form(form): Form<FederationForm>,
) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::ManageFederation {
            union_path: &user.union.path,
        },
    )?;
    let (input, mut errors) = match form.parse() {
        Ok(input) => (Some(input), FieldErrors::default()),
        Err(errors) => (None, errors),
    };
    if let Some(input) = &input {
        checked(&mut tx, &user, input, None, &mut errors).await?;
    }
    let Some(input) = input.filter(|_| errors.is_empty()) else {
        let page = FederationFormPage::new(&mut tx, ctx, &user, None, form, errors).await?;
        return render_invalid(&page);
    };
    let id = match db::insert(&mut tx, &input, user.id).await {
        Ok(id) => id,
        Err(error) => return refused(&state, ctx, &user, None, form, error).await,
    };
    let federation = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    db::set_partners(&mut tx, id, &federation.union_path, &input.partners).await?;
    let entry = Entry::new("federation.created", "federation", id)
        .at(federation.union_id, &federation.union_path)
        .created(&input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/federations/{id}"),
        Flash::with_arg("federations.created", &federation.name),
    ))
}

/// The federation, if the user may manage it.
pub(super) async fn managed(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<FederationRow> {
    let federation = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        user,
        &Action::ManageFederation {
            union_path: &federation.union_path,
        },
    )?;
    Ok(federation)
}

pub async fn edit_federation_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let federation = managed(&mut tx, &user, id).await?;
    let partners = db::partners(&mut tx, id).await?;
    let form = FederationForm::of(&federation, &partners);
    let page = FederationFormPage::new(
        &mut tx,
        ctx,
        &user,
        Some(federation),
        form,
        FieldErrors::default(),
    )
    .await?;
    render(&page)
}

pub async fn update_federation(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(mut form): Form<FederationForm>,
) -> AppResult<Response> {
    let federation = managed(&mut tx, &user, id).await?;
    let (input, mut errors) = match form.parse() {
        Ok(input) => (Some(input), FieldErrors::default()),
        Err(errors) => (None, errors),
    };
    if let Some(input) = &input {
        checked(&mut tx, &user, input, Some(&federation), &mut errors).await?;
    }
    let Some(input) = input.filter(|_| errors.is_empty()) else {
        let page =
            FederationFormPage::new(&mut tx, ctx, &user, Some(federation), form, errors).await?;
        return render_invalid(&page);
    };
    match db::update(&mut tx, id, form.version, &input).await {
        Ok(true) => {}
        Ok(false) => {
            let current = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
            form.version = current.version;
            let mut errors = FieldErrors::default();
            errors.add("version", "form.conflict");
            let page =
                FederationFormPage::new(&mut tx, ctx, &user, Some(current), form, errors).await?;
            return render_invalid(&page);
        }
        Err(error) => return refused(&state, ctx, &user, Some(federation), form, error).await,
    }
    let partners_before = db::partners(&mut tx, id).await?;
    let before = FederationForm::of(&federation, &partners_before)
        .parse()
        .ok();
    let saved = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    db::set_partners(&mut tx, id, &saved.union_path, &input.partners).await?;
    let entry = Entry::new("federation.updated", "federation", id)
        .at(saved.union_id, &saved.union_path)
        .diff(&before, &input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/federations/{id}"),
        Flash::new("form.saved"),
    ))
}
