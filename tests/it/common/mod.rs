//! Helpers shared by integration tests (`mod common;`).

pub mod browser;
pub mod project;
