//! The offline search index: built here, queried by `themes/default/static/js/search.js`.
//!
//! Everything is JavaScript loaded with `<script>` tags (a `fetch` of a local file fails under
//! `file://`), each file calling `window.__khumueSearchLoad(key, data)`:
//!
//! - `search/index.js` (key `index`): page count, page lengths, shard counts, a version.
//! - `search/w/<n>.js` (`w/<n>`): ICU words → postings; `search/b/<n>.js` (`b/<n>`): character
//!   bigrams → postings. A term lives in shard `fnv1a(term) % shards`, so a query loads only the
//!   shards of its own words and bigrams.
//! - `search/d/<page>.js` (`d/<page>`): one page's url, title, section path and text by section,
//!   loaded for the best candidates only, to re-score them on the real text, pick the nearest
//!   heading and cut a snippet.
//!
//! Text is normalised with `thai::normalize::for_search` on both sides, and anything shaped like
//! a national ID is dropped before it is indexed or quoted.

mod postings;
mod terms;

use std::collections::BTreeMap;

use icu_normalizer::ComposingNormalizerBorrowed;
use rayon::prelude::*;
use serde_json::{json, Value};

use crate::output::OutputFile;
use crate::site::{Page, PageKind, Site};
use crate::thai::{normalize::for_search, segment};
use postings::{Postings, BODY_WEIGHT, HEADING_WEIGHT, TITLE_WEIGHT};

/// Index files for the whole site, as `OutputFile`s under `site/search/`.
pub fn build_index(site: &Site) -> Vec<OutputFile> {
    let pages: Vec<&Page> = site.pages.iter().filter(|p| !p.front.draft).collect();
    let analysed: Vec<AnalysedPage> = pages.par_iter().map(|page| analyse(site, page)).collect();

    let mut words = Postings::default();
    let mut bigrams = Postings::default();
    let mut lengths = Vec::with_capacity(analysed.len());
    let mut files = Vec::with_capacity(analysed.len() + 64);
    for (number, page) in analysed.into_iter().enumerate() {
        let number = number as u32;
        words.add_page(number, page.words);
        bigrams.add_page(number, page.bigrams);
        lengths.push(postings::base36(page.length));
        files.push(script_file(&format!("d/{number}"), &page.document));
    }
    let total: u64 = lengths
        .iter()
        .map(|l| u64::from(u32::from_str_radix(l, 36).unwrap_or(0)))
        .sum();
    let average = if lengths.is_empty() {
        0.0
    } else {
        total as f64 / lengths.len() as f64
    };

    let word_shards = words.into_shards();
    let bigram_shards = bigrams.into_shards();
    let word_count = word_shards.len();
    let bigram_count = bigram_shards.len();
    for (i, shard) in word_shards.into_iter().enumerate() {
        files.push(script_file(&format!("w/{i}"), &Value::Object(shard)));
    }
    for (i, shard) in bigram_shards.into_iter().enumerate() {
        files.push(script_file(&format!("b/{i}"), &Value::Object(shard)));
    }
    // The version changes whenever any index file does, so browsers never mix two builds.
    let version = files.iter().fold(0x811c_9dc5u32, |h, f| {
        f.contents
            .iter()
            .fold(h, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
    });
    let index = json!({
        "version": postings::base36(version),
        "pages": lengths.len(),
        "averageLength": average,
        "lengths": lengths.join(","),
        "wordShards": word_count,
        "bigramShards": bigram_count,
    });
    files.push(script_file("index", &index));
    files
}

/// One page reduced to what the index needs.
struct AnalysedPage {
    words: BTreeMap<String, u32>,
    bigrams: BTreeMap<String, u32>,
    /// Characters of indexed body text, for length normalisation in ranking.
    length: u32,
    document: Value,
}

fn analyse(site: &Site, page: &Page) -> AnalysedPage {
    let nfc = ComposingNormalizerBorrowed::new_nfc();
    let clean = |text: &str| terms::without_national_ids(&nfc.normalize(text));
    let mut analysed = AnalysedPage {
        words: BTreeMap::new(),
        bigrams: BTreeMap::new(),
        length: 0,
        document: Value::Null,
    };
    let title = clean(page.title());
    analysed.count(&title, TITLE_WEIGHT);
    let mut sections = Vec::with_capacity(page.body.sections.len());
    for section in &page.body.sections {
        let (heading, anchor) = match &section.heading {
            Some(h) => {
                let text = clean(&h.text);
                analysed.count(&text, HEADING_WEIGHT);
                (text, h.anchor.clone())
            }
            None => (String::new(), String::new()),
        };
        let text = clean(&section.text);
        analysed.length += analysed.count(&text, BODY_WEIGHT);
        sections.push(json!([heading, anchor, text]));
    }
    let path: Vec<String> = site
        .ancestors(page)
        .into_iter()
        .filter(|a| a.kind != PageKind::Home)
        .map(|a| clean(a.title()))
        .collect();
    analysed.document = json!({
        "url": page.url,
        "title": title,
        "path": path,
        "sections": sections,
    });
    analysed
}

impl AnalysedPage {
    /// Counts the words and bigrams of `text` with `weight`; returns the characters indexed.
    fn count(&mut self, text: &str, weight: u32) -> u32 {
        let normal = for_search(text);
        let mut length = 0;
        for run in terms::runs(&normal) {
            length += run.chars().count() as u32;
            for bigram in terms::bigrams(run) {
                *self.bigrams.entry(bigram).or_default() += weight;
            }
        }
        for word in segment::words(&normal) {
            *self.words.entry(word.to_string()).or_default() += weight;
        }
        length
    }
}

fn script_file(key: &str, data: &Value) -> OutputFile {
    let body = format!(
        "window.__khumueSearchLoad({},{});\n",
        Value::String(key.into()),
        data
    );
    OutputFile::new(format!("site/search/{key}.js"), body)
}

#[cfg(test)]
mod tests;
