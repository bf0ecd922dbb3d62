//! `bare-markdown DIR`: the whole-process baseline of `cargo xtask bench`: read every `*.md` file
//! under DIR (links followed) and run pulldown-cmark over it, nothing else.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: bare-markdown DIR");
        return ExitCode::from(2);
    };
    let mut files = Vec::new();
    if let Err(e) = collect(Path::new(&dir), &mut files) {
        eprintln!("error: cannot list {}: {e}", Path::new(&dir).display());
        return ExitCode::FAILURE;
    }
    let mut events = 0usize;
    for file in &files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", file.display());
                return ExitCode::FAILURE;
            }
        };
        events += pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::all()).count();
    }
    println!("{} files, {events} events", files.len());
    ExitCode::SUCCESS
}

/// Every `*.md` file under `dir`, in a stable order.
fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> =
        std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    Ok(())
}
