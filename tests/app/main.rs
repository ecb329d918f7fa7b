//! Niudai's behaviour, proved through HTTP against PostgreSQL: a browser-like
//! client, a real server, one fresh database per test.

mod common;

mod applications;
mod audit;
mod auth;
mod authorization;
mod backup;
mod browser;
mod calendar;
mod contracts;
mod csrf;
mod delivery;
mod delivery_permissions;
mod dossier;
mod embedded;
mod exports;
mod faults;
mod files;
mod finance;
mod hardening;
mod headers;
mod home;
mod i18n;
mod isolation;
mod journey;
mod lifecycle;
mod matrix;
mod orgs;
mod payments;
mod plans;
mod probes;
mod project_permissions;
mod projects;
mod reviews;
mod rls_property;
mod schema;
mod search;
mod serving_role;
mod spreadsheets;
mod transfer;
mod two_servers;
mod union_moves;
mod unions;
mod users;
mod work_system;
