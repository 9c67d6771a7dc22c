//! The `khumue` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use khumue::build::{self, BuildOptions};
use khumue::diagnostics::Diagnostic;
use khumue::error::Error;
use khumue::thai::digits::group_thousands;

/// See Cargo.toml: with the system allocator a 10,000-page build took 15 % longer per page
/// than a 2,000-page one.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Parser)]
#[command(
    name = "khumue",
    version,
    about = "Builds a Thai handbook site (searchable offline) and PDF reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site and PDFs into the output folder.
    Build {
        /// Project folder (holds content/, data/, themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder; relative paths are taken from the project folder.
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// Also write official forms with full national ID numbers to <out>/private/.
        #[arg(long)]
        with_ids: bool,
        /// Build the site only, without the PDF reports.
        #[arg(long, conflicts_with = "with_ids")]
        no_pdf: bool,
    },
    /// Build, serve the site on this computer, and rebuild and reload pages on every save.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder, kept equal to what `build` writes (without PDFs).
        #[arg(long, default_value = "output")]
        out: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but 127.0.0.1 or ::1 opens the preview to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Check pages and data without writing anything.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write a blank monthly form as a spreadsheet (.xlsx) for a unit or the province to fill.
    Template {
        /// sp12 (one unit's month) or snb2 (the province's month).
        form: String,
        /// The unit's id in data/org.yaml (sp12).
        #[arg(long)]
        unit: Option<String>,
        /// The report month, B.E.: 2564-06.
        #[arg(long)]
        month: String,
        /// The file to write (default: sp12-2564-06-<unit>.xlsx in the current folder).
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Check a filled form (.xlsx, .ods or .csv) and write it as the month's data file.
    Import {
        file: PathBuf,
        /// The unit, when the file does not say (a CSV file).
        #[arg(long)]
        unit: Option<String>,
        /// The report month, when the file does not say: 2564-06.
        #[arg(long)]
        month: Option<String>,
        /// Replace the data file when it exists and differs.
        #[arg(long)]
        force: bool,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = match &cli.command {
        Command::Build { root, .. }
        | Command::Serve { root, .. }
        | Command::Check { root }
        | Command::Template { root, .. }
        | Command::Import { root, .. } => root,
    };
    if let Err(error) = check_root(root) {
        return report_failure(error);
    }
    match cli.command {
        Command::Build {
            root,
            out,
            with_ids,
            no_pdf,
        } => {
            let out = if out.is_absolute() {
                out
            } else {
                root.join(out)
            };
            let options = BuildOptions {
                root,
                out,
                with_ids,
                progress: true,
                pdf: !no_pdf,
                search: true,
            };
            let started = std::time::Instant::now();
            match build::build(&options) {
                Ok(summary) => {
                    print_diagnostics(&summary.warnings);
                    if summary.pdfs_made + summary.pdfs_reused > 0 {
                        eprintln!(
                            "PDFs: {} typeset, {} reused unchanged",
                            group_thousands(summary.pdfs_made as u64),
                            group_thousands(summary.pdfs_reused as u64)
                        );
                    }
                    eprintln!(
                        "built {} pages ({} files) into {} in {:.2} s",
                        summary.pages,
                        summary.files,
                        options.out.display(),
                        started.elapsed().as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => report_failure(error),
            }
        }
        Command::Serve {
            root,
            out,
            port,
            bind,
            open,
        } => {
            let out = if out.is_absolute() {
                out
            } else {
                root.join(out)
            };
            match khumue::serve::run(&khumue::serve::ServeOptions {
                root,
                out,
                bind,
                port,
                open,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => report_failure(error),
            }
        }
        Command::Template {
            form,
            unit,
            month,
            out,
            root,
        } => finish(khumue::sheet_commands::template(
            &root,
            &form,
            unit.as_deref(),
            &month,
            out.as_deref(),
        )),
        Command::Import {
            file,
            unit,
            month,
            force,
            root,
        } => finish(khumue::sheet_commands::import(
            &root,
            &file,
            unit.as_deref(),
            month.as_deref(),
            force,
        )),
        Command::Check { root } => {
            let (_, diags) = build::load(&root);
            let failed = diags.has_errors();
            let (errors, warnings) = (diags.error_count(), diags.warning_count());
            print_diagnostics(&diags.sorted());
            if failed {
                eprintln!("check failed: {errors} error(s), {warnings} warning(s)");
                ExitCode::FAILURE
            } else {
                eprintln!("check passed: {warnings} warning(s)");
                ExitCode::SUCCESS
            }
        }
    }
}

/// `--root` must name an existing folder: nothing is ever created in its place.
fn check_root(root: &std::path::Path) -> Result<(), Error> {
    let hint = "pass --root with the folder that holds content/ and data/ (the current folder when left out)";
    match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(Error::refused(
            format!(
                "the project folder {} is a file, not a folder",
                root.display()
            ),
            hint,
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::refused(
            format!("the project folder {} does not exist", root.display()),
            hint,
        )),
        Err(e) => Err(Error::io("read the project folder", root)(e)),
    }
}

fn finish(outcome: khumue::sheet_commands::Outcome) -> ExitCode {
    for line in &outcome.lines {
        eprintln!("{line}");
    }
    if outcome.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for line in khumue::diagnostics::shown(diagnostics) {
        eprintln!("{line}");
    }
}

fn report_failure(error: Error) -> ExitCode {
    match error {
        Error::Input(diags) => {
            let errors = diags.error_count();
            print_diagnostics(&diags.sorted());
            eprintln!("build failed: {errors} error(s); the previous output was left as it was");
        }
        Error::Refused(refusal) => eprintln!("error: {refusal}"),
        Error::Io(io) => eprintln!("error: {io}"),
    }
    ExitCode::FAILURE
}
