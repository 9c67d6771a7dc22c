//! Building a document's inputs (the templates' `/khumue/inputs.json`): plain values, never
//! Typst source.

use typst::foundations::{Array, Dict, IntoValue, Value};

use super::markdown_to_typst::TextBlock;
use super::thai_break::with_breaks;

pub fn dict<const N: usize>(pairs: [(&str, Value); N]) -> Dict {
    let mut dict = Dict::new();
    for (key, value) in pairs {
        dict.insert(key.into(), value);
    }
    dict
}

pub fn text(s: impl AsRef<str>) -> Value {
    s.as_ref().into_value()
}

pub fn flag(b: bool) -> Value {
    b.into_value()
}

pub fn array(values: impl IntoIterator<Item = Value>) -> Value {
    Value::Array(values.into_iter().collect::<Array>())
}

/// The date a document's contents are as of, `YYYY-MM-DD`, for its metadata (PDF/A requires
/// one). Only a project with no date anywhere falls back to today.
pub fn document_date(date: Option<chrono::NaiveDate>) -> Value {
    let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
    text(date.format("%Y-%m-%d").to_string())
}

/// Text that may wrap, with its Thai line breaks marked (see `thai_break`), so Thai lines
/// break only between words.
pub fn wrapping(s: &str) -> Value {
    text(with_breaks(s))
}

/// The A4 page's side margins and text size (`layout`: `margin_x_pt`, `text_size_pt`) that
/// khumue measures a document's tables for, for its template to set: one source for both.
pub fn layout(block: TextBlock) -> Value {
    Value::Dict(dict([
        ("margin_x_pt", Value::Float(f64::from(block.a4_margin_pt()))),
        ("text_size_pt", Value::Float(f64::from(block.font_size_pt))),
    ]))
}
