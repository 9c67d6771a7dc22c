//! Any Markdown → Typst must compile: a failure to compile is a crash here.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(errors) = khumue::pdf::compile_markdown(text, Path::new("content/fuzz.md"), 1) {
        let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        panic!("Markdown gave Typst that does not compile:\n{}", messages.join("\n"));
    }
});
