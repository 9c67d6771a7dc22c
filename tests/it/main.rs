//! khumue's integration tests: one binary (as mdBook and ripgrep do), one module per topic,
//! one set of helpers in `common/`. Linking the Typst stack once instead of per file keeps the
//! suite's compile inside CI's budget.

mod bad_input;
mod book_glyphs;
mod book_volumes;
mod common;
mod crash_safety;
mod data_check;
mod data_dashboard;
mod data_pages;
mod data_privacy;
mod data_rules;
mod data_sample;
mod form_digits;
mod guides;
mod handbook_pdf;
mod layering;
mod pdf_bench;
mod pdf_markdown;
mod pdf_reports;
mod privacy;
mod rebuild_reuse;
mod safety_data;
mod safety_ids;
mod safety_links;
mod safety_output;
mod safety_serve;
mod scale;
mod search_eval;
mod search_parity;
mod search_ui;
mod serve_live;
mod sheets;
mod site_browser;
mod site_build;
mod site_downloads;
mod site_reader;
mod totals;
mod units_table;
