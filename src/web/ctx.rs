//! What every page needs besides its own data: the language, the logged-in
//! user, the CSRF token for its forms, the flash message, the navigation the
//! user's role may use, and the breadcrumbs of the user's union path.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::assets;
use super::flash::{Flash, IncomingFlash};
use super::forms::Message;
use crate::config::Secret;
use crate::i18n::Lang;
use crate::identity::{CurrentUser, PreSessionToken};
use crate::policy::{self, Action};
use crate::state::AppState;

#[derive(Clone, Debug)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<CurrentUser>,
    csrf: Secret,
    flash: Option<Flash>,
    /// The path of the request, for the navigation and the language switch.
    pub path: String,
    /// Breadcrumbs of the page below the user's own union.
    pub crumbs: Vec<Crumb>,
    /// What other areas draw on this page (`super::panels`).
    panels: std::sync::Arc<super::panels::Panels>,
}

#[derive(Clone, Debug)]
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

#[derive(Clone, Debug)]
pub struct NavGroup {
    pub label_key: &'static str,
    pub items: Vec<NavItem>,
}

#[derive(Clone, Debug)]
pub struct NavItem {
    pub label_key: &'static str,
    pub href: &'static str,
    pub active: bool,
}

impl Ctx {
    /// A context outside any handler (error pages): the form token is the
    /// session's, or the visitor's pre-session token if the browser has one.
    pub fn bare(
        lang: Lang,
        user: Option<CurrentUser>,
        pre_session: Option<String>,
        path: &str,
    ) -> Self {
        Self {
            lang,
            csrf: user
                .as_ref()
                .map(|u| u.csrf_token.clone())
                .unwrap_or_else(|| Secret::new(pre_session.unwrap_or_default())),
            user,
            flash: None,
            path: path.to_owned(),
            crumbs: Vec::new(),
            panels: std::sync::Arc::default(),
        }
    }

    /// The panels other areas draw on pages (`super::panels`).
    pub fn panels(&self) -> &super::panels::Panels {
        &self.panels
    }

    pub fn with_crumbs(mut self, crumbs: Vec<Crumb>) -> Self {
        self.crumbs = crumbs;
        self
    }

    pub fn t<'a>(&self, key: &'a str) -> &'a str {
        self.lang.t(key)
    }

    /// The name of `value` in a closed list whose keys are `<prefix>.<value>`.
    pub fn t_of(&self, prefix: &str, value: &str) -> String {
        self.lang.t(&format!("{prefix}.{value}")).to_owned()
    }

    pub fn t1(&self, key: &str, arg: impl std::fmt::Display) -> String {
        self.lang.t1(key, arg)
    }

    pub fn msg(&self, message: &Message) -> String {
        match &message.arg {
            Some(arg) => self.lang.t1(message.key, arg),
            None => self.lang.t(message.key).to_owned(),
        }
    }

    /// Whether `list` holds `value` (checked boxes of a form).
    pub fn contains(&self, list: &[String], value: &str) -> bool {
        list.iter().any(|item| item == value)
    }

    /// Full-width spaces that indent a union picker's option by its depth.
    pub fn indent(&self, depth: &i32) -> String {
        "　".repeat(usize::try_from(*depth - 1).unwrap_or(0))
    }

    /// A count with thousands separators.
    pub fn num(&self, n: impl Count) -> String {
        super::format::thousands(n.count())
    }

    /// `2026-11-28`, China Standard Time.
    pub fn date(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        super::format::date(at)
    }

    /// `2026-11-28 14:05`, China Standard Time.
    pub fn datetime(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        super::format::datetime(at)
    }

    /// What a printed page's footer says beside the page number: the
    /// user's union (or the product's name) and today's date.
    pub fn print_footer(&self) -> String {
        let who = match &self.user {
            Some(user) => user.union.name.as_str(),
            None => self.t("app.name"),
        };
        format!("{who} · {}", self.date(&chrono::Utc::now()))
    }

    pub fn csrf(&self) -> &str {
        self.csrf.expose()
    }

    /// A fresh idempotency key for one form on the page (see
    /// `web::input::FormKey`).
    pub fn form_key(&self) -> String {
        uuid::Uuid::new_v4().to_string()
    }

    pub fn flash_text(&self) -> Option<String> {
        self.flash.as_ref().map(|flash| match &flash.arg {
            Some(arg) => self.lang.t1(&flash.key, arg),
            None => self.lang.t(&flash.key).to_owned(),
        })
    }

    pub fn asset_version(&self) -> &str {
        &assets::VERSION
    }

    pub fn other_lang(&self) -> Lang {
        match self.lang {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The other language's name, in that language (for the switch).
    pub fn other_lang_name(&self) -> &'static str {
        match self.other_lang() {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }

    /// String equality for templates, whatever the reference depth of each side.
    pub fn same(&self, a: impl AsRef<str>, b: impl AsRef<str>) -> bool {
        a.as_ref() == b.as_ref()
    }

    /// Whether the page header offers the search box.
    pub fn may_search(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|user| policy::permits(user, &Action::Search))
    }

    /// The areas the user's role may use, grouped as in the left navigation.
    pub fn nav(&self) -> Vec<NavGroup> {
        let Some(user) = &self.user else {
            return Vec::new();
        };
        let item = |label_key, href: &'static str| NavItem {
            label_key,
            href,
            active: self.path == href || (href != "/" && self.path.starts_with(href)),
        };
        let mut groups = vec![NavGroup {
            label_key: "nav.group.workbench",
            items: vec![item("nav.home", "/")],
        }];
        if policy::permits(user, &Action::ViewCalendar) {
            groups[0].items.push(item("nav.calendar", "/calendar"));
        }
        if policy::permits(user, &Action::ViewStats) {
            groups[0].items.push(item("nav.stats", "/stats"));
        }
        if policy::permits(user, &Action::ListOrgs) {
            groups.push(NavGroup {
                label_key: "nav.group.orgs",
                items: vec![
                    item("nav.orgs", "/orgs"),
                    item("nav.contacts_due", "/contacts/due"),
                    item("nav.federations", "/federations"),
                    item("nav.meetings", "/meetings"),
                    item("nav.partners", "/partners"),
                ],
            });
            if policy::permits(user, &Action::ListSites) {
                groups[1].items.push(item("nav.sites", "/sites"));
            }
        } else if let Some(org_id) = user.org_id {
            groups.push(NavGroup {
                label_key: "nav.group.orgs",
                items: vec![NavItem {
                    label_key: "nav.own_org",
                    href: "/orgs/mine",
                    active: self.path.starts_with(&format!("/orgs/{org_id}")),
                }],
            });
            groups.push(NavGroup {
                label_key: "nav.group.projects",
                items: vec![
                    item("nav.calls", "/calls"),
                    item("nav.applications", "/applications"),
                    item("nav.contracts", "/contracts"),
                    item("nav.reports", "/reports"),
                    item("nav.notifications", "/notifications"),
                ],
            });
        }
        if policy::permits(user, &Action::ListProjects) {
            groups.push(NavGroup {
                label_key: "nav.group.projects",
                items: vec![
                    item("nav.needs", "/needs"),
                    item("nav.projects", "/projects"),
                    item("nav.contracts", "/contracts"),
                    item("nav.reports", "/reports"),
                    item("nav.finance", "/finance"),
                    item("payments.list.title", "/payments"),
                    item("nav.indicators", "/indicators"),
                ],
            });
        }
        if policy::permits(
            user,
            &Action::Review {
                reviewer_id: user.id,
            },
        ) {
            groups.push(NavGroup {
                label_key: "nav.group.projects",
                items: vec![item("nav.reviews", "/reviews")],
            });
        }
        if user.role == crate::identity::Role::Evaluator {
            groups.push(NavGroup {
                label_key: "nav.group.projects",
                items: vec![
                    item("nav.contracts", "/contracts"),
                    item("nav.reports", "/reports"),
                ],
            });
        }
        // The union's own work: its pilots and typical experiences, its work
        // system and its cadres' training.
        let mut union_work = Vec::new();
        if policy::permits(user, &Action::ListPilots) {
            union_work.push(item("nav.pilots", "/pilots"));
            union_work.push(item("nav.experiences", "/experiences"));
        }
        if policy::permits(user, &Action::ViewWorkSystem) {
            union_work.push(item("nav.work_system", "/work-system"));
            union_work.push(item("nav.trainings", "/trainings"));
        }
        if !union_work.is_empty() {
            groups.push(NavGroup {
                label_key: "nav.group.union_work",
                items: union_work,
            });
        }
        let admin_items: Vec<NavItem> = [
            (Action::BrowseUnions, "nav.unions", "/unions"),
            (Action::ListUsers, "nav.users", "/users"),
            (Action::ViewAudit, "nav.audit", "/audit"),
        ]
        .into_iter()
        .filter(|(action, _, _)| policy::permits(user, action))
        .map(|(_, label, href)| item(label, href))
        .collect();
        if !admin_items.is_empty() {
            groups.push(NavGroup {
                label_key: "nav.group.system",
                items: admin_items,
            });
        }
        groups
    }

    /// The user's union path, root first: ancestors as plain text (they lie above
    /// the scope), the own union as a link for those who may browse the tree.
    pub fn trail(&self) -> Vec<Crumb> {
        let Some(user) = &self.user else {
            return Vec::new();
        };
        let browse = policy::permits(user, &Action::BrowseUnions);
        user.trail
            .iter()
            .map(|(id, name)| Crumb {
                label: name.clone(),
                href: (browse && *id == user.union.id).then(|| format!("/unions/{id}")),
            })
            .collect()
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let user = parts.extensions.get::<CurrentUser>().cloned();
        let lang = user
            .as_ref()
            .map_or_else(|| Lang::from_headers(&parts.headers), |u| u.lang);
        let csrf = match &user {
            Some(user) => user.csrf_token.clone(),
            None => Secret::new(
                parts
                    .extensions
                    .get::<PreSessionToken>()
                    .map(|token| token.0.clone())
                    .unwrap_or_default(),
            ),
        };
        Ok(Self {
            lang,
            user,
            csrf,
            flash: parts
                .extensions
                .get::<IncomingFlash>()
                .map(|incoming| incoming.0.clone()),
            path: parts.uri.path().to_owned(),
            crumbs: Vec::new(),
            panels: state.panels.clone(),
        })
    }
}

/// Whole numbers a page shows, whatever their width or reference depth.
pub trait Count {
    fn count(&self) -> i64;
}

impl Count for i64 {
    fn count(&self) -> i64 {
        *self
    }
}

impl Count for i32 {
    fn count(&self) -> i64 {
        i64::from(*self)
    }
}

impl Count for i16 {
    fn count(&self) -> i64 {
        i64::from(*self)
    }
}

impl<T: Count + ?Sized> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}
