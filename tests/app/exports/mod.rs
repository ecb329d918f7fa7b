//! Every list's export, opened with a real spreadsheet reader (calamine): the
//! cells are typed (numbers, money, dates), the header is frozen and
//! filtered, the about sheet names the scope and filter, internal ids stay
//! out unless asked for, and the CSV holds the same rows.

mod applications;
mod audit;
mod columns;
mod contacts_due;
mod contracts;
mod federations;
mod finance;
mod meetings;
mod needs;
mod payments;
mod pilots;
mod projects;
mod registry;
mod reports;
mod reviews;
mod sites;
mod trainings;
mod users;
mod workbook;
