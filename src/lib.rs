//! khumue: a Thai handbook site and PDF report builder.
//!
//! The pipeline runs one way: discover → parse → validate → render (HTML, search index,
//! PDF) → write. Each stage is a module. Public are the modules the command line, the tests
//! and the fuzz targets use; the others are the crate's own.

pub mod artifact;
pub mod build;
pub mod data;
pub mod diagnostics;
pub mod error;
pub mod generate;
pub(crate) mod glossary;
pub(crate) mod html;
pub(crate) mod input;
pub mod markdown;
pub(crate) mod output;
pub mod pdf;
pub(crate) mod search;
pub mod serve;
pub mod site;
pub mod synonyms;
pub mod thai;
pub mod theme;
pub mod util;
pub mod yaml;
