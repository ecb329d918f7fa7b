//! Data for demonstrations and tests, written as the owner with the national
//! scope (so it works the same whether the owner bypasses row-level security or
//! not).

mod demo;

pub use demo::{DEMO_ACCOUNTS, DEMO_PASSWORD, seed_demo};
