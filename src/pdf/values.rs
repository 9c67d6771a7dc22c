//! Building `sys.inputs` for the templates: plain Typst values, never Typst source.

use typst::foundations::{Array, Dict, IntoValue, Value};

use super::thai_break::{pieces, Piece};

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

/// Text that may wrap, as (text, unbreakable) pairs for the templates' `th()` helper, so
/// Thai lines break only between words.
pub fn wrapping(s: &str) -> Value {
    array(pieces(s).into_iter().map(|piece| {
        let (slice, whole) = match piece {
            Piece::Free(s) => (s, false),
            Piece::Unbreakable(s) => (s, true),
        };
        array([text(slice), flag(whole)])
    }))
}
