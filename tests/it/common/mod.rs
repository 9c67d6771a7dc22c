//! Helpers shared by integration tests (`mod common;`).

pub mod browser;
pub mod pdf;
pub mod project;
