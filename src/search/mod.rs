//! The offline search index: built here, queried by `themes/default/static/js/search-engine.js`.
//!
//! Everything is JavaScript loaded with `<script>` tags (a `fetch` of a local file fails under
//! `file://`), each file calling `window.__khumueSearchLoad(key, data)`:
//!
//! - `search/index.js` (key `index`): page count, page lengths, shard counts, a version, and
//!   the synonym groups a query expands through (glossary terms with their aliases,
//!   `data/synonyms.yaml`).
//! - `search/w/<n>.js` (`w/<n>`): ICU words → postings; `search/b/<n>.js` (`b/<n>`): character
//!   bigrams → postings. A term lives in shard `fnv1a(term) % shards`, so a query loads only the
//!   shards of its own words and bigrams.
//! - `search/d/<n>.js` (`d/<n>`): a list of the documents of pages `kn` to `kn + k - 1`, `k`
//!   (`documentsPerFile` in `index.js`) 8 on a site of up to 1,024 pages and 1 above: each
//!   page's url, title, section path and text by section,
//!   loaded for the best candidates only, to re-score them on the real text, pick the nearest
//!   heading and cut a snippet; its tags (names the page goes by); for the glossary page, which
//!   sections are entries (each its own result, linking to its anchor), for list-like pages a
//!   flag and for pages with code the share of it, both of which rank a page lower.
//!
//! A small site (`BUNDLE_BYTES`) has two files instead of the shards and documents:
//! `search/postings.js` (every `w/` and `b/` shard) and `search/documents.js` (every `d/`
//! file), each statement still loading its own key; `index.js` then says `"bundled": true`.
//!
//! Loose bigrams (`~` + bigram, `terms::loose_bigrams`) share the bigram shards.
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

/// Pages whose documents share one file `d/<n>.js` on a site of one block at most: the browser
/// loads all of a small site's documents when the search box gets focus, and from `file://`
/// each script costs milliseconds however small. A larger site loads only the documents its
/// query ranks, so there each page has its own file. Tasks and blocks start at multiples of it,
/// so a file never spans two tasks.
const SMALL_SITE_PAGES_PER_FILE: usize = 8;
const _: () = assert!(
    PAGES_PER_TASK.is_multiple_of(SMALL_SITE_PAGES_PER_FILE)
        && PAGES_PER_BLOCK.is_multiple_of(PAGES_PER_TASK)
);

/// A site whose index files (documents and postings) come to this many bytes at most gets them
/// in two files, `search/postings.js` and `search/documents.js`, which the search box loads
/// whole when it gets focus: from `file://` each script costs milliseconds however small, so
/// the default handbook's 35 files took longer than their bytes. The documents of a larger
/// site, and the postings of its query's terms, are loaded as a query needs them.
const BUNDLE_BYTES: usize = 3 * 1024 * 1024;
/// The bundles' paths. The postings bundle holds numbers and index terms only, like the shards
/// (`build::is_search_postings`).
pub const POSTINGS_BUNDLE: &str = "site/search/postings.js";
const DOCUMENTS_BUNDLE: &str = "site/search/documents.js";

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
    let per_file = if pages.len() <= PAGES_PER_BLOCK {
        SMALL_SITE_PAGES_PER_FILE
    } else {
        1
    };
    let mut built = PartialIndex::default();
    let mut held: Vec<OutputFile> = Vec::new();
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
                    part.add(
                        site,
                        page,
                        (first + task * PAGES_PER_TASK + i) as u32,
                        per_file,
                    );
                }
                part.finish_document_file(per_file);
                part
            })
            .reduce(PartialIndex::default, PartialIndex::append);
        let documents = std::mem::take(&mut part.documents);
        hashes.par_extend(
            documents
                .par_iter()
                .map(|f| fnv1a(0x811c_9dc5, &f.contents)),
        );
        // A site of one block keeps its documents until it knows whether they are bundled.
        if per_file == SMALL_SITE_PAGES_PER_FILE {
            held.extend(documents);
        } else {
            emit(documents)?;
        }
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
    let mut files = Vec::with_capacity(word_count + bigram_count + 2);
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
    let index_bytes: usize = held.iter().chain(&files).map(|f| f.contents.len()).sum();
    let bundled = per_file == SMALL_SITE_PAGES_PER_FILE && index_bytes <= BUNDLE_BYTES;
    if bundled {
        files = vec![
            bundle(POSTINGS_BUNDLE, &files),
            bundle(DOCUMENTS_BUNDLE, &held),
        ];
    } else {
        emit(held)?;
    }
    let index = json!({
        "version": postings::base36(version),
        "pages": lengths.len(),
        // Two decimals are plenty for BM25, and a long fraction reads like an ID to privacy scans.
        "averageLength": (average * 100.0).round() / 100.0,
        "lengths": lengths.join(","),
        "wordShards": word_count,
        "bigramShards": bigram_count,
        "documentsPerFile": per_file,
        "bundled": bundled,
        "synonyms": synonyms(site),
    });
    files.push(script_file("index", &index.to_string()));
    emit(files)
}

/// A page's URL as words: `results/units/klong-niyom.html` → `results units klong-niyom`
/// (search-engine.js `urlWords`).
fn url_words(url: &str) -> String {
    url.trim_end_matches(".html").replace('/', " ")
}

/// The synonym groups as the browser gets them: national IDs dropped (the sources were checked,
/// this is the index's own guard), words without anything left to search for dropped.
fn synonyms(site: &Site) -> Vec<Vec<String>> {
    site.vocabulary
        .synonyms
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|w| terms::without_national_ids(w))
                .filter(|w| !terms::runs(&for_search(w)).is_empty())
                .collect::<Vec<String>>()
        })
        .filter(|group| group.len() > 1)
        .collect()
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
    /// The `d/<n>.js` files.
    documents: Vec<OutputFile>,
    /// The documents of the file being filled, as JSON values joined by commas.
    pending: Vec<u8>,
    /// The last page added.
    last: u32,
}

impl PartialIndex {
    /// Indexes `page` as page `number`, which must follow every page added before; its
    /// document goes into the file of `per_file` pages it belongs to.
    fn add(&mut self, site: &Site, page: &Page, number: u32, per_file: usize) {
        let nfc = ComposingNormalizerBorrowed::new_nfc();
        let clean = |text: &str| terms::without_national_ids(&nfc.normalize(text));
        let title = clean(page.title());
        self.count(&title, number, TITLE_WEIGHT);
        // The page's own path (`results/units/klong-niyom`): ids people copy from data/ paths.
        self.count(&clean(&url_words(&page.url)), number, BODY_WEIGHT);
        // What the page says it is for: its description and tags, weighed as a heading.
        let front = &page.front;
        let meta = clean(front.description.as_deref().unwrap_or(""));
        self.count(&meta, number, HEADING_WEIGHT);
        let tags: Vec<String> = front.tags.iter().map(|t| clean(t)).collect();
        for tag in &tags {
            self.count(tag, number, HEADING_WEIGHT);
        }
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
        let entries: Vec<usize> = match &site.vocabulary.glossary {
            Some((id, anchors)) if *id == page.id => sections
                .iter()
                .enumerate()
                .filter(|(_, s)| anchors.iter().any(|a| a.as_str() == s.1))
                .map(|(i, _)| i)
                .collect(),
            _ => Vec::new(),
        };
        // Pages that list many things: a section's landing page, the home page, the glossary,
        // a page that is mostly tables.
        let text_bytes: usize = page.body.sections.iter().map(|s| s.text.len()).sum();
        let list = page.kind != PageKind::Page
            || site
                .vocabulary
                .glossary
                .as_ref()
                .is_some_and(|(id, _)| *id == page.id)
            || page.body.table_text * 2 > text_bytes;
        // How much of the text is code, in hundredths (the browser's prior for references).
        let code = (page.body.code_text * 100)
            .checked_div(text_bytes)
            .unwrap_or(0)
            .min(100) as u8;
        let path: Vec<String> = site
            .ancestors(page)
            .into_iter()
            .filter(|a| a.kind != PageKind::Home)
            .map(|a| clean(a.title()))
            .collect();
        let document = Document {
            code,
            entries,
            list,
            meta,
            path,
            sections,
            tags,
            title,
            url: crate::util::url::encode_path(&page.url),
        };
        self.lengths.push(length);
        if !self.pending.is_empty() {
            self.pending.push(b',');
        }
        document.write(&mut self.pending);
        self.last = number;
        if (number as usize + 1).is_multiple_of(per_file) {
            self.finish_document_file(per_file);
        }
    }

    /// Writes the documents added since the last file as `d/<n>.js`.
    fn finish_document_file(&mut self, per_file: usize) {
        if self.pending.is_empty() {
            return;
        }
        let key = format!("d/{}", self.last as usize / per_file);
        let mut body = Vec::with_capacity(self.pending.len() + 48);
        body.extend_from_slice(b"window.__khumueSearchLoad(\"");
        body.extend_from_slice(key.as_bytes());
        body.extend_from_slice(b"\",[");
        body.append(&mut self.pending);
        body.extend_from_slice(b"]);\n");
        // The documents are held until written, for every file of a block: no spare capacity.
        body.shrink_to_fit();
        self.documents
            .push(OutputFile::new(format!("site/search/{key}.js"), body));
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
            for bigram in terms::loose_bigrams(run) {
                self.bigrams.add_loose(bigram, number, weight);
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
/// `[heading, anchor, text]`; for the glossary, which sections are entries (each a result of
/// its own); whether the page is a list (ranked lower). Fields in the order a JSON object's
/// keys are sorted.
#[derive(Serialize)]
struct Document<'a> {
    /// Percent of the text that is code (file and field names, commands).
    #[serde(skip_serializing_if = "is_zero")]
    code: u8,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    entries: Vec<usize>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    list: bool,
    /// The description.
    meta: String,
    path: Vec<String>,
    sections: Vec<(String, &'a str, String)>,
    /// The front matter's tags, each a name the page goes by.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    title: String,
    url: String,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

impl Document<'_> {
    /// Serialised straight into the file's bytes, without an intermediate JSON value.
    fn write(&self, out: &mut Vec<u8>) {
        let bytes: usize = self
            .sections
            .iter()
            .map(|s| s.0.len() + s.2.len() + 16)
            .sum();
        out.reserve(bytes + 256);
        if serde_json::to_writer(&mut *out, self).is_err() {
            // Strings and lists of strings always serialise; never reached.
            out.extend_from_slice(b"null");
        }
    }
}

/// One file of the given index files, one after the other: each is one statement
/// (`window.__khumueSearchLoad(key, data);` and a newline), so the bundle loads every key.
fn bundle(path: &str, files: &[OutputFile]) -> OutputFile {
    let mut body = Vec::with_capacity(files.iter().map(|f| f.contents.len()).sum());
    for file in files {
        body.extend_from_slice(&file.contents);
    }
    OutputFile::new(path, body)
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
