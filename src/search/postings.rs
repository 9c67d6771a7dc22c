//! The inverted index: for each term, the pages that contain it with a field-weighted count,
//! encoded compactly and spread over shards by a hash of the term.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::fmt::Write;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use rayon::prelude::*;

use super::terms::{pack_bigram, shard_hash, unpack_bigram, LOOSE};

/// How much one occurrence counts, by where it is. A match in the title says most about what a
/// page is about; the browser re-scores the best candidates on the text itself.
pub const TITLE_WEIGHT: u32 = 5;
pub const HEADING_WEIGHT: u32 = 3;
pub const BODY_WEIGHT: u32 = 1;

/// Aim for shards of about this many bytes: small enough that a query of a few terms loads
/// little, large enough that a site does not become thousands of tiny files.
const TARGET_SHARD_BYTES: usize = 12 * 1024;
const MAX_SHARDS: usize = 1024;

/// Term → (page number, weighted count), pages ascending. `K` is the term as stored while the
/// index is built (a word as `String`, a bigram packed into a `u64`).
#[derive(Debug)]
pub struct Postings<K> {
    terms: HashMap<K, Vec<(u32, u32)>, BuildHasherDefault<FxHasher>>,
}

impl<K> Default for Postings<K> {
    fn default() -> Self {
        Postings {
            terms: HashMap::default(),
        }
    }
}

impl<K: Hash + Eq + Send> Postings<K> {
    /// Counts one occurrence of `term` on `page` with `weight`. Pages must come in ascending
    /// order; the occurrences of one page may come in any order.
    pub fn add<Q>(&mut self, term: &Q, page: u32, weight: u32)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        // Look up by reference first: most occurrences are of a term already seen, and
        // allocating an owned key for each would dominate the cost.
        let list = match self.terms.get_mut(term) {
            Some(list) => list,
            None => self.terms.entry(term.to_owned()).or_default(),
        };
        match list.last_mut() {
            Some(last) if last.0 == page => last.1 += weight,
            _ => list.push((page, weight)),
        }
    }

    /// Appends `later`, whose pages all come after this one's.
    pub fn append(&mut self, later: Postings<K>) {
        if self.terms.is_empty() {
            *self = later;
            return;
        }
        for (term, list) in later.terms {
            self.terms.entry(term).or_default().extend(list);
        }
    }

    /// The encoded postings split into shards: shard `i` holds the terms whose
    /// `shard_hash % shards.len() == i`, as the text of a JSON object term → encoded list with
    /// its keys in order. `text` spells a stored term.
    pub fn into_shards(self, text: impl Fn(K) -> String + Sync + Send) -> Vec<String> {
        let encoded: Vec<(String, String)> = self
            .terms
            .into_par_iter()
            .map(|(term, list)| (text(term), encode(&list)))
            .collect();
        let total: usize = encoded.iter().map(|(t, e)| t.len() + e.len() + 6).sum();
        let count = (total / TARGET_SHARD_BYTES)
            .clamp(1, MAX_SHARDS)
            .next_power_of_two();
        let mut shards: Vec<Vec<(String, String)>> = vec![Vec::new(); count];
        for (term, list) in encoded {
            let slot = shard_hash(&term) as usize % count;
            shards[slot].push((term, list));
        }
        shards
            .into_par_iter()
            .map(|mut shard| {
                shard.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                json_object(&shard)
            })
            .collect()
    }
}

/// `{"term":"list",...}`, as serde_json writes a map of strings.
fn json_object(entries: &[(String, String)]) -> String {
    let bytes: usize = entries.iter().map(|(t, e)| t.len() + e.len() + 6).sum();
    let mut out = String::with_capacity(bytes + 2);
    out.push('{');
    for (i, (term, list)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(&mut out, term);
        out.push(':');
        push_json_string(&mut out, list);
    }
    out.push('}');
    out
}

fn push_json_string(out: &mut String, text: &str) {
    let _ = write!(out, "{}", serde_json::Value::String(text.to_owned()));
}

/// `page gap[:count]` in base 36, comma-separated; the count is left out when it is 1.
/// (`search-engine.js`: `decodePostings`.)
fn encode(list: &[(u32, u32)]) -> String {
    let mut out = String::with_capacity(list.len() * 4);
    let mut previous = 0;
    for (i, &(page, count)) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_base36(&mut out, page - previous);
        previous = page;
        if count != 1 {
            out.push(':');
            push_base36(&mut out, count);
        }
    }
    out
}

pub fn base36(n: u32) -> String {
    let mut out = String::new();
    push_base36(&mut out, n);
    out
}

fn push_base36(out: &mut String, mut n: u32) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    // u32::MAX has 7 base-36 digits.
    let mut buf = [0u8; 7];
    let mut start = buf.len();
    loop {
        start -= 1;
        buf[start] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    for &digit in &buf[start..] {
        out.push(char::from(digit));
    }
}

/// Bigram postings: the pairs of two Thai characters (most of them) in a table indexed by the
/// pair, the rest by hash.
#[derive(Debug)]
pub struct BigramPostings {
    thai: Vec<Vec<(u32, u32)>>,
    other: Postings<u64>,
}

const THAI_BLOCK: u32 = 0x0E00;
const THAI_BLOCK_SIZE: usize = 128;

impl Default for BigramPostings {
    fn default() -> Self {
        BigramPostings {
            thai: vec![Vec::new(); THAI_BLOCK_SIZE * THAI_BLOCK_SIZE],
            other: Postings::default(),
        }
    }
}

impl BigramPostings {
    fn thai_slot(c: char) -> Option<usize> {
        let offset = (c as u32).wrapping_sub(THAI_BLOCK) as usize;
        (offset < THAI_BLOCK_SIZE).then_some(offset)
    }

    /// As `Postings::add`, for the bigram `pair`.
    pub fn add(&mut self, pair: (char, char), page: u32, weight: u32) {
        match (Self::thai_slot(pair.0), Self::thai_slot(pair.1)) {
            (Some(a), Some(b)) => {
                let list = &mut self.thai[a * THAI_BLOCK_SIZE + b];
                match list.last_mut() {
                    Some(last) if last.0 == page => last.1 += weight,
                    _ => list.push((page, weight)),
                }
            }
            _ => self.other.add(&pack_bigram(pair), page, weight),
        }
    }

    /// As `add`, for a loose bigram (stored as `~` + the pair, in the same shards).
    pub fn add_loose(&mut self, pair: (char, char), page: u32, weight: u32) {
        self.other.add(&(pack_bigram(pair) | LOOSE), page, weight);
    }

    /// As `Postings::append`.
    pub fn append(&mut self, later: BigramPostings) {
        for (list, more) in self.thai.iter_mut().zip(later.thai) {
            if list.is_empty() {
                *list = more;
            } else {
                list.extend(more);
            }
        }
        self.other.append(later.other);
    }

    /// As `Postings::into_shards`.
    pub fn into_shards(self) -> Vec<String> {
        let mut all = self.other;
        for (slot, list) in self.thai.into_iter().enumerate() {
            if !list.is_empty() {
                let pair = (
                    thai_char(slot / THAI_BLOCK_SIZE),
                    thai_char(slot % THAI_BLOCK_SIZE),
                );
                all.terms.insert(pack_bigram(pair), list);
            }
        }
        all.into_shards(unpack_bigram)
    }
}

fn thai_char(offset: usize) -> char {
    char::from_u32(THAI_BLOCK + offset as u32).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The Fx hash (as in rustc): terms are short and come from our own pages, so a fast hash
/// without flooding resistance is what the term tables need.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
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
    fn counts_add_up_per_page_and_appended_pages_follow() {
        let mut first = Postings::<String>::default();
        first.add("แรง", 0, 5);
        first.add("แรง", 0, 1);
        first.add("งาน", 1, 1);
        let mut later = Postings::<String>::default();
        later.add("แรง", 2, 3);
        first.append(later);
        let shards = first.into_shards(|t| t);
        assert_eq!(shards, vec![r#"{"งาน":"1","แรง":"0:6,2:3"}"#.to_string()]);
    }

    #[test]
    fn thai_and_other_bigrams_end_up_alike() {
        let mut first = BigramPostings::default();
        first.add(('แ', 'ร'), 0, 1);
        first.add(('a', 'b'), 0, 1);
        first.add(('แ', 'ร'), 1, 5);
        let mut later = BigramPostings::default();
        later.add(('แ', 'ร'), 3, 1);
        first.append(later);
        assert_eq!(
            first.into_shards(),
            vec![r#"{"ab":"0","แร":"0,1:5,2"}"#.to_string()]
        );
    }

    #[test]
    fn every_term_lands_in_the_shard_its_hash_names() {
        let mut postings = Postings::<String>::default();
        for page in 0..400u32 {
            for t in 0..40 {
                postings.add(&format!("term{}", page * 7 + t), page, 1);
            }
        }
        let shards = postings.into_shards(|t| t);
        assert!(shards.len() > 1 && shards.len().is_power_of_two());
        for (i, shard) in shards.iter().enumerate() {
            let map: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(shard).unwrap_or_default();
            assert!(!map.is_empty());
            for term in map.keys() {
                assert_eq!(shard_hash(term) as usize % shards.len(), i);
            }
        }
    }
}
