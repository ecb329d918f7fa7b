//! The work-system page of a union: leader and department, staff, each year's
//! funding line and documents, the year's trainings, and for the national
//! and provincial unions how many unions below have a department.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;

use super::db::{self, AccountOption, LevelCoverage, StaffRow, WorkSystemRow, WorkYearRow};
use super::forms::{DocumentForm, StaffForm};
use super::trainings::db::{self as trainings_db, YearTotals};
use super::{DocumentLabel, YEAR_OWNER_KIND};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::files::db::FileRow;
use crate::identity::{CurrentUser, Level};
use crate::policy::{self, Action};
use crate::unions::db::{self as unions_db, UnionRow};
use crate::web::money::Fen;
use crate::web::{Crumb, Ctx, FieldErrors, flash, render};

pub async fn own_work_system(user: CurrentUser) -> AppResult<Response> {
    policy::require(&user, &Action::ViewWorkSystem)?;
    Ok(flash::see_other(&format!(
        "/unions/{}/work-system",
        user.union.id
    )))
}

/// The union `id` for a reader of the work system (404 outside the scope).
pub async fn readable_union(tx: &mut Tx, user: &CurrentUser, id: i64) -> AppResult<UnionRow> {
    policy::require(user, &Action::ViewWorkSystem)?;
    unions_db::find(tx, id).await?.ok_or(AppError::NotFound)
}

/// The union `id` for one who may set its work system.
pub async fn editable_union(tx: &mut Tx, user: &CurrentUser, id: i64) -> AppResult<UnionRow> {
    let union = readable_union(tx, user, id).await?;
    policy::require(
        user,
        &Action::EditWorkSystem {
            union_path: &union.path,
        },
    )?;
    Ok(union)
}

/// One year of the union: its funding line and documents.
#[derive(Debug)]
pub struct YearView {
    pub row: WorkYearRow,
    pub plans: Vec<FileRow>,
    pub summaries: Vec<FileRow>,
}

impl YearView {
    /// `¥1,200,000.00`, if a funding line is set.
    pub fn funding(&self) -> Option<String> {
        self.row.funding_fen.map(|fen| Fen(fen).to_string())
    }
}

#[derive(Template)]
#[template(path = "work_system/show.html")]
pub struct WorkSystemPage {
    ctx: Ctx,
    union: UnionRow,
    system: Option<WorkSystemRow>,
    staff: Vec<StaffRow>,
    years: Vec<YearView>,
    trainings: Vec<YearTotals>,
    /// Per level below the union; shown for the national and provincial unions.
    coverage: Vec<LevelCoverage>,
    children: (i64, i64),
    may_edit: bool,
    accounts: Vec<AccountOption>,
    staff_form: StaffForm,
    staff_errors: FieldErrors,
    doc_form: DocumentForm,
    doc_errors: FieldErrors,
}

/// What the page's two forms hold when they come back with messages.
#[derive(Debug, Default)]
pub struct Typed {
    pub staff_form: StaffForm,
    pub staff_errors: FieldErrors,
    pub doc_form: DocumentForm,
    pub doc_errors: FieldErrors,
}

impl WorkSystemPage {
    pub async fn load(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        union: UnionRow,
        typed: Typed,
    ) -> AppResult<Self> {
        let system = db::find(tx, union.id).await?;
        let staff = db::staff(tx, union.id).await?;
        let mut years = Vec::new();
        for row in db::years(tx, union.id).await? {
            let files = crate::files::db::of_owner(tx, YEAR_OWNER_KIND, row.id).await?;
            let (plans, summaries) = files
                .into_iter()
                .partition(|f| f.label == DocumentLabel::Plan.as_str());
            years.push(YearView {
                row,
                plans,
                summaries,
            });
        }
        let trainings = trainings_db::yearly_totals(tx, union.id, &union.path).await?;
        let shows_coverage = matches!(union.level, Level::National | Level::Provincial);
        let coverage = if shows_coverage {
            db::coverage(tx, union.id).await?
        } else {
            Vec::new()
        };
        let children = db::children_coverage(tx, union.id).await?;
        let may_edit = policy::permits(
            user,
            &Action::EditWorkSystem {
                union_path: &union.path,
            },
        );
        let accounts = if may_edit {
            db::accounts_of(tx, union.id).await?
        } else {
            Vec::new()
        };
        let crumbs = crumbs(tx, user, &union).await?;
        let mut doc_form = typed.doc_form;
        if doc_form.year.is_empty() {
            doc_form.year = super::this_year().to_string();
        }
        Ok(Self {
            ctx: ctx.with_crumbs(crumbs),
            union,
            system,
            staff,
            years,
            trainings,
            coverage,
            children,
            may_edit,
            accounts,
            staff_form: typed.staff_form,
            staff_errors: typed.staff_errors,
            doc_form,
            doc_errors: typed.doc_errors,
        })
    }

    fn percent(&self, line: &LevelCoverage) -> String {
        let per_mille = line.per_mille();
        format!("{}.{}%", per_mille / 10, per_mille % 10)
    }

    fn department(&self) -> Option<&str> {
        self.system.as_ref().and_then(|s| s.department.as_deref())
    }

    fn labels(&self) -> Vec<(&'static str, &'static str)> {
        DocumentLabel::options()
    }

    fn accepted_types(&self) -> String {
        crate::files::kind::accepted_extensions()
    }
}

/// Breadcrumbs from below the user's own union down to `union`, then the page.
async fn crumbs(tx: &mut Tx, user: &CurrentUser, union: &UnionRow) -> AppResult<Vec<Crumb>> {
    let chain = unions_db::chain(tx, &user.union.path, &union.path).await?;
    let mut crumbs: Vec<Crumb> = chain
        .into_iter()
        .filter(|(id, _)| *id != user.union.id)
        .map(|(id, name)| Crumb {
            label: name,
            href: Some(format!("/unions/{id}")),
        })
        .collect();
    crumbs.push(Crumb {
        label: user.lang.t("work_system.title").to_owned(),
        href: None,
    });
    Ok(crumbs)
}

pub async fn show_work_system(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let union = readable_union(&mut tx, &user, id).await?;
    let page = WorkSystemPage::load(&mut tx, ctx, &user, union, Typed::default()).await?;
    tx.commit().await?;
    render(&page)
}
