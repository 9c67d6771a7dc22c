//! khumue: a Thai handbook site and PDF report builder.
//!
//! The pipeline runs one way: discover → parse → validate → render (HTML, search index,
//! PDF) → write. Each stage is a module.

pub mod artifact;
pub mod build;
pub mod data;
pub mod diagnostics;
pub mod error;
pub mod generate;
pub mod glossary;
pub mod html;
pub mod input;
pub mod markdown;
pub mod output;
pub mod pdf;
pub mod search;
pub mod serve;
pub mod sheet_commands;
pub mod sheets;
pub mod site;
pub mod thai;
pub mod theme;
pub mod util;
pub mod yaml;
