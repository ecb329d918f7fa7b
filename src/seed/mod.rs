//! Data for demonstrations and tests, written as the owner with the national
//! scope (so it works the same whether the owner bypasses row-level security or
//! not).

mod demo;
mod demo_delivery;
mod demo_history;
mod demo_pilots;
mod demo_projects;
mod demo_work_system;
mod scale;

pub use demo::{DEMO_ACCOUNTS, DEMO_ORG_ACCOUNTS, DEMO_PASSWORD, seed_demo};
pub use scale::{Size, add_organizations, finish_organizations, seed_scale, seed_scale_on};
