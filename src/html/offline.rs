//! Offline on phones: a web app manifest and a service worker (`sw.js`) that precaches every
//! file of the site. The worker carries the list of files and a build id computed from their
//! contents, so a build that changes anything ships a new worker, which replaces the old
//! cache; an unchanged build ships the same bytes and phones download nothing again.
//! Registration (theme.js) happens only over http(s), never under `file://`.

use std::hash::Hasher;
use std::path::Path;

use crate::artifact::OutputFile;
use crate::site::SiteConfig;

/// Files a phone fetches when the reader opens them rather than all at the first visit:
/// the PDFs are large and not needed to read the handbook.
const ON_DEMAND: &[&str] = &["pdf", "zip"];

/// Records every `site/` file a build emits. The build id does not depend on the order they
/// went by (PDFs are handed on as each finishes, in no fixed order).
#[derive(Default)]
pub struct Precache {
    files: Vec<String>,
    /// Every file's path with a hash of its bytes, combined in path order at the end.
    hashes: Vec<(String, u64)>,
}

impl Precache {
    pub fn record(&mut self, stage: &[OutputFile]) {
        for file in stage {
            let Ok(rel) = file.path.strip_prefix("site") else {
                continue;
            };
            let rel = crate::util::slash_path(rel);
            // A keyed file (a PDF) counts by its key: the id does not depend on whether it
            // was typeset again or taken over from the previous build, nor reads it back.
            self.hashes.push((rel.clone(), file.digest()));
            let on_demand = Path::new(&rel)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ON_DEMAND.contains(&e.to_ascii_lowercase().as_str()));
            if !on_demand {
                self.files.push(rel);
            }
        }
    }

    /// `site/manifest.webmanifest` and `site/sw.js`, the worker listing every recorded file.
    pub fn finish(mut self, config: &SiteConfig) -> Vec<OutputFile> {
        let manifest = serde_json::json!({
            "name": config.title,
            "short_name": config.title,
            "description": config.description,
            "lang": config.language,
            "start_url": "index.html",
            "scope": "./",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#1b5fa8",
            "icons": [{"src": "static/favicon.svg", "sizes": "any", "type": "image/svg+xml"}],
        });
        let manifest = OutputFile::new("site/manifest.webmanifest", manifest.to_string());
        self.record(std::slice::from_ref(&manifest));
        self.files.sort();
        self.files.dedup();
        self.hashes.sort();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for (path, hash) in &self.hashes {
            hasher.write(path.as_bytes());
            hasher.write_u8(0);
            hasher.write_u64(*hash);
        }
        let build = format!("{:016x}", hasher.finish());
        let list = serde_json::to_string(&self.files).unwrap_or_else(|_| "[]".into());
        let worker = WORKER
            .replace("__BUILD__", &build)
            .replace("__FILES__", &list);
        vec![manifest, OutputFile::new("site/sw.js", worker)]
    }
}

const WORKER: &str = r#"// khumue offline worker, written by the build: every file of this build, cached at install.
const BUILD = "__BUILD__";
const FILES = __FILES__;
const CACHE = "khumue-" + BUILD;
const encode = (path) => path.split("/").map(encodeURIComponent).join("/");
const toUrl = (path) => new URL(encode(path), self.registration.scope).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      // In batches: a phone on a poor line copes better with a few requests at a time.
      for (let i = 0; i < FILES.length; i += 32) {
        await cache.addAll(FILES.slice(i, i + 32).map(toUrl));
      }
    }).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("khumue-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    url.search = "";
    url.hash = "";
    if (url.pathname.endsWith("/")) url.pathname += "index.html";
    const hit = await cache.match(url.href);
    if (hit) return hit;
    try {
      const response = await fetch(request);
      if (response.ok && /\.(pdf|zip)$/i.test(url.pathname)) cache.put(url.href, response.clone());
      return response;
    } catch (error) {
      if (request.mode === "navigate") {
        const missing = await cache.match(toUrl("404.html"));
        if (missing) return missing;
      }
      throw error;
    }
  })());
});
"#;
