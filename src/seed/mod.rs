//! Data for demonstrations and tests, written as the owner with the national
//! scope (so it works the same whether the owner bypasses row-level security or
//! not).

mod demo;
mod demo_delivery;
mod demo_federations;
mod demo_history;
mod demo_meetings;
mod demo_pilots;
mod demo_projects;
mod demo_sites;
mod demo_work_system;
mod scale;

pub use demo::{DEMO_ACCOUNTS, DEMO_ORG_ACCOUNTS, DEMO_PASSWORD, seed_demo};
pub use demo_federations::GUANGDONG_FEDERATION;
pub use scale::{Size, add_organizations, finish_organizations, seed_scale, seed_scale_on};
