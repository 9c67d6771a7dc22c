//! What the render stages make and the write stage writes: files, handed on one stage at a
//! time. A type of its own below the renderers, so that they need not know about `output`.

use std::path::PathBuf;

use crate::error::Error;

/// One file of the build's result. `path` is relative to the output folder and `/`-separated:
/// `site/index.html`, `pdf/sp12-2564-01-klong-niyom.pdf`, `private/...`.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: Vec<u8>,
    /// A file of the previous build to take as it is instead of `contents` (a PDF whose inputs
    /// did not change): hard-linked, so reusing it costs no copy.
    pub reuse: Option<PathBuf>,
}

impl OutputFile {
    pub fn new(path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
            reuse: None,
        }
    }

    /// `path` in this build is the file `previous` (outside the staging folder) unchanged.
    pub fn reused(path: impl Into<PathBuf>, previous: PathBuf) -> Self {
        OutputFile {
            path: path.into(),
            contents: Vec::new(),
            reuse: Some(previous),
        }
    }
}

/// Where a render stage hands its files as soon as it has them (a build writes them into the
/// staging folder and lets them go); an error stops the stage. A sink that cannot fail (one
/// that collects the files) names `std::convert::Infallible` as `E`.
pub type Emit<'a, E = Error> = dyn FnMut(Vec<OutputFile>) -> Result<(), E> + 'a;
