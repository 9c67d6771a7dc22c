//! The inverted index: for each term, the pages that contain it with a field-weighted count,
//! encoded compactly and spread over shards by a hash of the term.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::terms::shard_hash;

/// How much one occurrence counts, by where it is. A match in the title says most about what a
/// page is about; the browser re-scores the best candidates on the text itself.
pub const TITLE_WEIGHT: u32 = 5;
pub const HEADING_WEIGHT: u32 = 3;
pub const BODY_WEIGHT: u32 = 1;

/// Aim for shards of about this many bytes: small enough that a query of a few terms loads
/// little, large enough that a site does not become thousands of tiny files.
const TARGET_SHARD_BYTES: usize = 12 * 1024;
const MAX_SHARDS: usize = 1024;

/// Term → (page number, weighted count), pages ascending.
#[derive(Debug, Default)]
pub struct Postings {
    terms: BTreeMap<String, Vec<(u32, u32)>>,
}

impl Postings {
    /// Adds one page's weighted counts; pages must be added in ascending order.
    pub fn add_page(&mut self, page: u32, counts: BTreeMap<String, u32>) {
        for (term, count) in counts {
            self.terms.entry(term).or_default().push((page, count));
        }
    }

    /// The encoded postings split into shards: shard `i` holds the terms whose
    /// `shard_hash % shards.len() == i`, as a JSON object term → encoded list.
    pub fn into_shards(self) -> Vec<serde_json::Map<String, serde_json::Value>> {
        let encoded: Vec<(String, String)> = self
            .terms
            .into_iter()
            .map(|(term, list)| (term, encode(&list)))
            .collect();
        let total: usize = encoded.iter().map(|(t, e)| t.len() + e.len() + 6).sum();
        let count = (total / TARGET_SHARD_BYTES)
            .clamp(1, MAX_SHARDS)
            .next_power_of_two();
        let mut shards = vec![serde_json::Map::new(); count];
        for (term, list) in encoded {
            let slot = shard_hash(&term) as usize % count;
            shards[slot].insert(term, serde_json::Value::String(list));
        }
        shards
    }
}

/// `page gap[:count]` in base 36, comma-separated; the count is left out when it is 1.
/// (`search.js`: `decodePostings`.)
fn encode(list: &[(u32, u32)]) -> String {
    let mut out = String::with_capacity(list.len() * 4);
    let mut previous = 0;
    for (i, &(page, count)) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&base36(page - previous));
        previous = page;
        if count != 1 {
            let _ = write!(out, ":{}", base36(count));
        }
    }
    out
}

pub fn base36(mut n: u32) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = Vec::new();
    loop {
        buf.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    buf.reverse();
    String::from_utf8_lossy(&buf).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_gaps_and_counts_in_base36() {
        assert_eq!(
            encode(&[(0, 1), (3, 2), (40, 1), (76, 37)]),
            "0,3:2,11,10:11"
        );
        assert_eq!(base36(0), "0");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36), "10");
    }

    #[test]
    fn every_term_lands_in_the_shard_its_hash_names() {
        let mut postings = Postings::default();
        for page in 0..400u32 {
            let counts = (0..40)
                .map(|t| (format!("term{}", page * 7 + t), 1))
                .collect();
            postings.add_page(page, counts);
        }
        let shards = postings.into_shards();
        assert!(shards.len() > 1 && shards.len().is_power_of_two());
        for (i, shard) in shards.iter().enumerate() {
            for term in shard.keys() {
                assert_eq!(shard_hash(term) as usize % shards.len(), i);
            }
        }
    }
}
