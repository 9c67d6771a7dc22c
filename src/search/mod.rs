//! The offline search index: built here, queried by `themes/default/static/js/search-engine.js`.
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

use std::convert::Infallible;

use icu_normalizer::ComposingNormalizerBorrowed;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use crate::artifact::{Emit, OutputFile};
use crate::site::{Page, PageKind, Site};
use crate::thai::{normalize::for_search, segment};
use postings::{BigramPostings, Postings, BODY_WEIGHT, HEADING_WEIGHT, TITLE_WEIGHT};

/// Pages analysed by one task: enough that merging the tasks' postings costs little next to
/// the analysis, few enough that both cores stay busy on a small site.
const PAGES_PER_TASK: usize = 32;

/// Pages whose documents are handed on together: the documents are as large as the text, so
/// they are written as each block is done instead of waiting for the whole index.
const PAGES_PER_BLOCK: usize = 1024;

/// Index files for the whole site, as `OutputFile`s under `site/search/`.
pub fn build_index(site: &Site) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let collected = write_index::<Infallible>(site, &mut |more| {
        files.extend(more);
        Ok(())
    });
    match collected {
        Ok(()) => files,
        Err(never) => match never {},
    }
}

/// Builds the index and hands its files to `emit`: the page documents block by block, then
/// the postings shards and `index.js`. Only `emit` can fail: its error is returned.
pub fn write_index<E>(site: &Site, emit: &mut Emit<E>) -> Result<(), E> {
    let pages: Vec<&Page> = site.pages.iter().filter(|p| !p.front.draft).collect();
    let mut built = PartialIndex::default();
    // FNV-1a of every index file, in the order the version hash takes them.
    let mut hashes: Vec<u32> = Vec::new();
    for (block, block_pages) in pages.chunks(PAGES_PER_BLOCK).enumerate() {
        // Each task indexes a run of consecutive pages; the runs are appended in page order,
        // so every postings list stays sorted without a sort.
        let first = block * PAGES_PER_BLOCK;
        let mut part = block_pages
            .par_chunks(PAGES_PER_TASK)
            .enumerate()
            .map(|(task, chunk)| {
                let mut part = PartialIndex::default();
                for (i, page) in chunk.iter().enumerate() {
                    part.add(site, page, (first + task * PAGES_PER_TASK + i) as u32);
                }
                part
            })
            .reduce(PartialIndex::default, PartialIndex::append);
        let documents = std::mem::take(&mut part.documents);
        hashes.par_extend(
            documents
                .par_iter()
                .map(|f| fnv1a(0x811c_9dc5, &f.contents)),
        );
        emit(documents)?;
        built = built.append(part);
    }

    let lengths: Vec<String> = built.lengths.iter().map(|&l| postings::base36(l)).collect();
    let total: u64 = built.lengths.iter().map(|&l| u64::from(l)).sum();
    let average = if lengths.is_empty() {
        0.0
    } else {
        total as f64 / lengths.len() as f64
    };

    let (word_shards, bigram_shards) = rayon::join(
        || built.words.into_shards(|word| word),
        || built.bigrams.into_shards(),
    );
    let word_count = word_shards.len();
    let bigram_count = bigram_shards.len();
    let mut files = Vec::with_capacity(word_count + bigram_count + 1);
    for (i, shard) in word_shards.into_iter().enumerate() {
        files.push(script_file(&format!("w/{i}"), &shard));
    }
    for (i, shard) in bigram_shards.into_iter().enumerate() {
        files.push(script_file(&format!("b/{i}"), &shard));
    }
    // The version changes whenever any index file does, so browsers never mix two builds:
    // FNV-1a of each file (in parallel), then of those hashes in file order.
    hashes.par_extend(files.par_iter().map(|f| fnv1a(0x811c_9dc5, &f.contents)));
    let version = hashes
        .iter()
        .fold(0x811c_9dc5u32, |h, file| fnv1a(h, &file.to_le_bytes()));
    let index = json!({
        "version": postings::base36(version),
        "pages": lengths.len(),
        // Two decimals are plenty for BM25, and a long fraction reads like an ID to privacy scans.
        "averageLength": (average * 100.0).round() / 100.0,
        "lengths": lengths.join(","),
        "wordShards": word_count,
        "bigramShards": bigram_count,
    });
    files.push(script_file("index", &index.to_string()));
    emit(files)
}

fn fnv1a(start: u32, bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(start, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
}

/// The index of a run of consecutive pages.
#[derive(Default)]
struct PartialIndex {
    words: Postings<String>,
    bigrams: BigramPostings,
    /// Characters of indexed body text per page, for length normalisation in ranking.
    lengths: Vec<u32>,
    /// `d/<page>.js` per page.
    documents: Vec<OutputFile>,
}

impl PartialIndex {
    /// Indexes `page` as page `number`, which must follow every page added before.
    fn add(&mut self, site: &Site, page: &Page, number: u32) {
        let nfc = ComposingNormalizerBorrowed::new_nfc();
        let clean = |text: &str| terms::without_national_ids(&nfc.normalize(text));
        let title = clean(page.title());
        self.count(&title, number, TITLE_WEIGHT);
        let mut length = 0;
        let mut sections = Vec::with_capacity(page.body.sections.len());
        for section in &page.body.sections {
            let (heading, anchor) = match &section.heading {
                Some(h) => {
                    let text = clean(&h.text);
                    self.count(&text, number, HEADING_WEIGHT);
                    (text, h.anchor.as_str())
                }
                None => (String::new(), ""),
            };
            let text = clean(&section.text);
            length += self.count(&text, number, BODY_WEIGHT);
            sections.push((heading, anchor, text));
        }
        let path: Vec<String> = site
            .ancestors(page)
            .into_iter()
            .filter(|a| a.kind != PageKind::Home)
            .map(|a| clean(a.title()))
            .collect();
        let document = Document {
            path,
            sections,
            title,
            url: crate::util::url::encode_path(&page.url),
        };
        self.lengths.push(length);
        self.documents.push(document.file(number));
    }

    /// Counts the words and bigrams of `text` on page `number` with `weight`; returns the
    /// characters indexed. Segmentation runs once, on the normalised text.
    fn count(&mut self, text: &str, number: u32, weight: u32) -> u32 {
        let normal = for_search(text);
        let mut length = 0;
        for run in terms::runs(&normal) {
            length += run.chars().count() as u32;
            for bigram in terms::bigrams(run) {
                self.bigrams.add(bigram, number, weight);
            }
        }
        for word in segment::words(&normal) {
            self.words.add(word, number, weight);
        }
        length
    }

    /// Appends `later`, whose pages all follow this one's.
    fn append(mut self, later: PartialIndex) -> PartialIndex {
        self.words.append(later.words);
        self.bigrams.append(later.bigrams);
        self.lengths.extend(later.lengths);
        self.documents.extend(later.documents);
        self
    }
}

/// What `d/<page>.js` holds: the page's place, title and text by section as
/// `[heading, anchor, text]`. Fields in the order a JSON object's keys are sorted.
#[derive(Serialize)]
struct Document<'a> {
    path: Vec<String>,
    sections: Vec<(String, &'a str, String)>,
    title: String,
    url: String,
}

impl Document<'_> {
    /// Serialised straight into the script's bytes, without an intermediate JSON value.
    fn file(&self, number: u32) -> OutputFile {
        let key = format!("d/{number}");
        let bytes: usize = self
            .sections
            .iter()
            .map(|s| s.0.len() + s.2.len() + 16)
            .sum();
        let mut body = Vec::with_capacity(bytes + 256);
        body.extend_from_slice(b"window.__khumueSearchLoad(\"");
        body.extend_from_slice(key.as_bytes());
        body.extend_from_slice(b"\",");
        if serde_json::to_writer(&mut body, self).is_err() {
            // Strings and lists of strings always serialise; never reached.
            body.extend_from_slice(b"null");
        }
        body.extend_from_slice(b");\n");
        // Escaped newlines and quotes can outgrow the estimate; a doubled buffer held for
        // every page until the write would cost as much memory as the documents themselves.
        body.shrink_to_fit();
        OutputFile::new(format!("site/search/{key}.js"), body)
    }
}

/// `window.__khumueSearchLoad("<key>",<json>);` as `site/search/<key>.js`.
fn script_file(key: &str, json: &str) -> OutputFile {
    let body = format!(
        "window.__khumueSearchLoad({},{});\n",
        Value::String(key.into()),
        json
    );
    OutputFile::new(format!("site/search/{key}.js"), body)
}

#[cfg(test)]
mod parity;
#[cfg(test)]
mod tests;
