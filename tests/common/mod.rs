//! Helpers shared by integration tests (`mod common;`).

pub mod browser;
