//! Why a command failed, by kind: the user's files (`Input`, each problem at its
//! `file:line:col`), a command-line value khumue refuses before touching anything (`Refused`),
//! or the machine (`Io`: what khumue was doing, on which path, and what the system said).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

#[derive(Debug)]
pub enum Error {
    /// Problems in the project's files, all of them: fixed by editing those files.
    Input(Diagnostics),
    /// An option that cannot be used as given (`--out` naming the project, an output folder
    /// another build is writing): nothing was read or written.
    Refused(Refusal),
    /// Reading or writing failed (a full disk, a permission, a name too long).
    Io(IoError),
}

/// A refusal and what to do instead.
#[derive(Debug)]
pub struct Refusal {
    pub message: String,
    pub hint: String,
}

/// An I/O failure with the path it concerns and what was being done to it.
#[derive(Debug)]
pub struct IoError {
    /// What khumue was doing, as a verb phrase: `write`, `read`, `create`, `lock`.
    pub doing: &'static str,
    pub path: PathBuf,
    pub source: io::Error,
}

impl IoError {
    pub fn new(doing: &'static str, path: impl AsRef<Path>, source: io::Error) -> IoError {
        IoError {
            doing,
            path: path.as_ref().to_path_buf(),
            source,
        }
    }
}

impl Error {
    /// A refusal: `message` completes "error: …", `hint` says what to do instead.
    pub fn refused(message: impl Into<String>, hint: impl Into<String>) -> Error {
        Error::Refused(Refusal {
            message: message.into(),
            hint: hint.into(),
        })
    }

    /// `Error::Io` in one call, for `map_err`.
    pub fn io(doing: &'static str, path: impl AsRef<Path>) -> impl FnOnce(io::Error) -> Error {
        let path = path.as_ref().to_path_buf();
        move |source| Error::Io(IoError::new(doing, path, source))
    }
}

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot {} {}: {}",
            self.doing,
            self.path.display(),
            self.source
        )
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  = hint: {}", self.message, self.hint)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(diagnostics) => {
                let all: Vec<Diagnostic> = diagnostics.iter().cloned().collect();
                f.write_str(&crate::diagnostics::shown(&all).join("\n"))
            }
            Error::Refused(refusal) => refusal.fmt(f),
            Error::Io(io) => io.fmt(f),
        }
    }
}

impl std::error::Error for IoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

impl From<IoError> for Error {
    fn from(e: IoError) -> Error {
        Error::Io(e)
    }
}

impl From<Diagnostics> for Error {
    fn from(d: Diagnostics) -> Error {
        Error::Input(d)
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Error {
        Error::Input(d.into())
    }
}
