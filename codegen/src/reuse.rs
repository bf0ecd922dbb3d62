//! Reuses what an earlier `gen` read and rendered when what it was made from has not changed.
//!
//! Rendering is a pure function of its input, so when a file's input is the same as in the run
//! that wrote it, the bytes on disk are the bytes it would make. A [`Record`] keeps, per rendered
//! file, a digest of its input (with the generator's build and the file's path) and a digest of the
//! bytes it made. A later run that computes the same input digest reads the file from the output
//! dir and takes it when its bytes still have the recorded digest; anything else (a new generator
//! build, another input, a file edited or missing) renders again. The record lives outside the
//! output dir (it names one build of the generator, which the committed output must not).
//!
//! Results that are not files (what a page reads as: its IR, diagnostics and product claims; an
//! API's coverage count) are kept as JSON in one file beside the record, keyed the same way (a
//! page by its bytes, path and the overrides): a page that did not change is not parsed again.
//! One file, not one per result: creating a file costs about 0.3 ms on an ext4 disk, and a product
//! family has 1,500 results.
//! Only `gen` reuses; `check` reads and renders everything.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Debug, Write as _};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use foldhash::{HashMap, HashMapExt as _};

/// A 256-bit BLAKE3 digest.
type Digest = blake3::Hash;

/// What an earlier run rendered, loaded for this one, and what this one renders.
#[derive(Debug)]
pub struct Record {
    /// The record file.
    file: PathBuf,
    /// The output dir the rendered files are read from.
    out: PathBuf,
    /// Names the generator's build: folded into every input digest.
    generator: String,
    /// Input digest → digest of the bytes rendered from it, from the record file.
    earlier: HashMap<Digest, Digest>,
    /// The same, for every file this run rendered or reused.
    now: Mutex<BTreeMap<[u8; 32], Digest>>,
    /// The files this run took from the output dir (paths relative to it): their bytes there are
    /// the ones `gen` returns for them.
    reused: Mutex<BTreeSet<PathBuf>>,
    /// The file of kept results ([`KeptResults`]).
    results: PathBuf,
    /// What it held when this run started.
    kept: KeptResults,
    /// Every result this run used, with its JSON when it is new.
    results_now: Mutex<BTreeMap<[u8; 32], Option<String>>>,
    results_reused: std::sync::atomic::AtomicUsize,
    /// Digests that name values in this run, of their JSON or of what they were made from:
    /// (scope, name) → digest.
    json_digests: Mutex<HashMap<(String, String), Digest>>,
}

/// The first line of a record file.
const HEADER: &str = "# `cargo xtask gen` render record: input digest, output digest\n";

impl Record {
    /// The record, in the dir `records`, of what was rendered into `out` by the generator build
    /// named `generator` (empty when it is missing or unreadable: everything renders). Each output
    /// dir has its own record file in `records`.
    pub fn load(records: &Path, out: &Path, generator: String) -> Self {
        let out = crate::write::absolute(out);
        let name = blake3::hash(out.to_string_lossy().as_bytes()).to_hex();
        let file = records.join(&name[..32]);
        let results = records.join(format!("{}.results", &name[..32]));
        let earlier = fs::read_to_string(&file).map(|text| parse(&text)).unwrap_or_default();
        let kept = fs::read_to_string(&results).map(KeptResults::parse).unwrap_or_default();
        Self {
            file,
            out,
            generator,
            earlier,
            now: Mutex::default(),
            reused: Default::default(),
            results,
            kept,
            results_now: Mutex::default(),
            results_reused: Default::default(),
            json_digests: Mutex::default(),
        }
    }

    /// How many files this run took from the output dir instead of rendering them.
    pub fn reused(&self) -> usize {
        self.reused.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).len()
    }

    /// The files this run took from the output dir, which hold there the bytes `gen` returns for
    /// them: the writer need not read them again ([`crate::write::write_files_known`]).
    pub fn reused_files(&self) -> BTreeSet<PathBuf> {
        self.reused.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    /// How many results (page readings, coverage counts) this run took from the record instead of
    /// making them.
    pub fn results_reused(&self) -> usize {
        self.results_reused.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Writes what this run rendered, to be called once every result is made (its files may still
    /// be being written: a later run reads each back and checks its digest before reusing it);
    /// leaves the file alone when that is what it holds already. Keeps the results this run used,
    /// and only those.
    pub fn save(&self) -> io::Result<()> {
        self.save_results()?;
        let now = self.now.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let lines = |out: &mut dyn io::Write| {
            out.write_all(HEADER.as_bytes())?;
            for (input, output) in now.iter() {
                writeln!(out, "{} {}", Digest::from_bytes(*input).to_hex(), output.to_hex())?;
            }
            Ok(())
        };
        if fs::read(&self.file).is_ok_and(|old| writes_exactly(&old, lines)) {
            return Ok(());
        }
        write_whole(&self.file, lines)
    }

    fn save_results(&self) -> io::Result<()> {
        let now = self.results_now.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if now.is_empty() {
            return match fs::metadata(&self.results) {
                Ok(meta) if meta.is_dir() => fs::remove_dir_all(&self.results),
                Ok(_) => fs::remove_file(&self.results),
                Err(_) => Ok(()),
            };
        }
        // Written as it is made, not gathered first: the results of six products are about 8 MB,
        // and a string grown to that size copies and first touches twice as much on the way.
        let entries = |out: &mut dyn io::Write| {
            out.write_all(KeptResults::HEADER.as_bytes())?;
            for (digest, json) in now.iter() {
                let Some(json) = json.as_deref().or_else(|| self.kept.get(digest)) else { continue };
                writeln!(out, "{} {}", Digest::from_bytes(*digest).to_hex(), json.len())?;
                out.write_all(json.as_bytes())?;
                out.write_all(b"\n")?;
            }
            Ok(())
        };
        if self.results.is_dir() {
            // Where a build before this one kept a file per result.
            fs::remove_dir_all(&self.results)?;
        } else if writes_exactly(self.kept.text.as_bytes(), entries) {
            return Ok(());
        }
        write_whole(&self.results, entries)
    }

    fn input_digest(&self, path: &Path, input: &(impl RenderInput + ?Sized)) -> Digest {
        let mut digester = Digester::default();
        digester.text(&self.generator);
        digester.text(&path.to_string_lossy());
        input.digest(&mut digester);
        digester.finish()
    }

    /// The bytes made from `input` before and their digest, when the output dir still holds them
    /// at `path`.
    fn earlier_output(&self, path: &Path, input: Digest) -> Option<(String, Digest)> {
        let output = *self.earlier.get(&input)?;
        let bytes = fs::read(self.out.join(path)).ok()?;
        (blake3::hash(&bytes) == output).then(|| Some((String::from_utf8(bytes).ok()?, output))).flatten()
    }

    fn remember(&self, input: Digest, output: Digest) {
        self.now.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(*input.as_bytes(), output);
    }
}

/// Writes what `write` writes to `file` (creating its dir) through a file beside it, renamed over
/// it when whole: a run stopped halfway leaves the earlier file, not half of a new one, and two
/// runs at once (each with a file of its own) leave one run's file whole.
fn write_whole(file: &Path, write: impl Fn(&mut dyn io::Write) -> io::Result<()>) -> io::Result<()> {
    if let Some(parent) = file.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut partial = file.as_os_str().to_owned();
    partial.push(format!(".partial-{}", std::process::id()));
    let mut out = io::BufWriter::with_capacity(1 << 18, fs::File::create(&partial)?);
    write(&mut out)?;
    out.into_inner().map_err(io::IntoInnerError::into_error)?;
    fs::rename(&partial, file)
}

/// Whether `write` writes `old`, byte for byte (compared as it writes, nothing gathered).
fn writes_exactly(old: &[u8], write: impl Fn(&mut dyn io::Write) -> io::Result<()>) -> bool {
    /// Follows `old` through what is written; `None` once they differ.
    struct Following<'a>(Option<&'a [u8]>);
    impl io::Write for Following<'_> {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0 = self.0.and_then(|rest| rest.strip_prefix(bytes));
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut following = Following(Some(old));
    write(&mut following).is_ok() && following.0.is_some_and(<[u8]>::is_empty)
}

/// The results an earlier run kept, as their file holds them: after a header line, per result
/// a line `<input digest> <length in bytes>`, then that many bytes of JSON and a line end. A
/// result whose entry does not parse is left out, and so is everything after it.
#[derive(Debug, Default)]
struct KeptResults {
    text: String,
    /// Input digest → the byte range of its JSON in `text`.
    entries: HashMap<[u8; 32], std::ops::Range<usize>>,
}

impl KeptResults {
    const HEADER: &str = "# `cargo xtask gen` kept results: input digest, length, JSON\n";

    fn parse(text: String) -> Self {
        let mut entries = HashMap::new();
        let mut at = if text.starts_with(Self::HEADER) { Self::HEADER.len() } else { text.len() };
        while let Some(entry) = Self::entry(&text, at) {
            at = entry.1.end + 1;
            entries.insert(entry.0, entry.1);
        }
        Self { text, entries }
    }

    /// The entry starting at byte `at`: its digest and its JSON's range.
    fn entry(text: &str, at: usize) -> Option<([u8; 32], std::ops::Range<usize>)> {
        let rest = text.get(at..)?;
        let (line, _) = rest.split_once('\n')?;
        let (digest, len) = line.split_once(' ')?;
        let start = at + line.len() + 1;
        let end = start.checked_add(len.parse().ok()?)?;
        (text.get(start..end).is_some() && text.get(end..end + 1) == Some("\n"))
            .then(|| Some((*Digest::from_hex(digest).ok()?.as_bytes(), start..end)))
            .flatten()
    }

    fn get(&self, digest: &[u8; 32]) -> Option<&str> {
        self.entries.get(digest).and_then(|range| self.text.get(range.clone()))
    }
}

/// Input digest → output digest, from a record file's lines; lines that do not parse are left out.
fn parse(text: &str) -> HashMap<Digest, Digest> {
    text.lines()
        .filter_map(|line| {
            let (input, output) = line.split_once(' ')?;
            Some((Digest::from_hex(input).ok()?, Digest::from_hex(output).ok()?))
        })
        .collect()
}

/// What a render reads, all of it (or what all of it is a pure function of), fed to a digest.
pub trait RenderInput {
    fn digest(&self, digester: &mut Digester);
}

/// A value's digest (from [`Reuse::json_digest`] or [`Reuse::digest`]) as a piece of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueDigest(Option<Digest>);

impl ValueDigest {
    /// No digest: what a run without a record has for every value.
    pub const NONE: ValueDigest = ValueDigest(None);
}

impl RenderInput for ValueDigest {
    fn digest(&self, digester: &mut Digester) {
        digester.bytes(self.0.as_ref().map_or(&[], |d| d.as_bytes()));
    }
}

impl<T: RenderInput + ?Sized> RenderInput for &T {
    fn digest(&self, digester: &mut Digester) {
        T::digest(self, digester);
    }
}

impl RenderInput for str {
    fn digest(&self, digester: &mut Digester) {
        digester.text(self);
    }
}

/// Digests a render's input, piece by piece: each piece ends with a byte that no text holds
/// (`0xff` is never in UTF-8), so two sequences of pieces never digest alike by shifting a boundary.
/// Small writes are gathered, so the hasher sees large blocks.
#[derive(Default)]
pub struct Digester {
    hasher: blake3::Hasher,
    pending: Vec<u8>,
}

impl Digester {
    const BLOCK: usize = 1 << 14;

    pub fn text(&mut self, text: &str) {
        self.push(text.as_bytes());
        self.end_piece();
    }

    /// A value by its `Debug` form, which shows every field.
    pub fn debug(&mut self, value: &dyn Debug) {
        let _ = write!(self, "{value:?}");
        self.end_piece();
    }

    pub fn bytes(&mut self, bytes: &[u8]) {
        self.push(bytes);
        self.end_piece();
    }

    /// A value by its JSON form: quicker than `Debug` for large values, and complete for a type
    /// whose JSON reads back as the same value.
    pub fn json(&mut self, value: &impl serde::Serialize) {
        let _ = crate::json_out::to_writer(&mut *self, value);
        self.end_piece();
    }

    /// A value by its JSON form already made (`json_out::to_string`): the same digest as
    /// [`json`](Self::json) of the value.
    pub fn json_text(&mut self, json: &str) {
        self.text(json);
    }

    fn end_piece(&mut self) {
        self.push(&[0xff]);
    }

    fn push(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= Self::BLOCK {
            self.hasher.update(&self.pending);
            self.pending.clear();
        }
    }

    fn finish(mut self) -> Digest {
        self.hasher.update(&self.pending);
        self.hasher.finalize()
    }
}

impl fmt::Write for Digester {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push(s.as_bytes());
        Ok(())
    }
}

impl io::Write for Digester {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.push(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Where an emitter renders its files: through a [`Record`] into a dir of the output, or afresh.
#[derive(Debug, Clone, Copy)]
pub struct Reuse<'a> {
    record: Option<&'a Record>,
    dir: &'a str,
}

impl<'a> Reuse<'a> {
    /// Renders every file.
    pub const NEVER: Reuse<'static> = Reuse { record: None, dir: "" };

    /// Reuses what `record` says is unchanged.
    pub fn from(record: &'a Record) -> Self {
        Self { record: Some(record), dir: "" }
    }

    /// The same, for files whose paths are relative to `dir` of the output dir (one level).
    pub fn in_dir(self, dir: &'a str) -> Self {
        Self { dir, ..self }
    }

    /// The file at `path` (relative to this dir) made by `render` from `input`, or the bytes that
    /// were made from the same input before. `render` must read nothing but `input`.
    pub fn file<T: RenderInput>(&self, path: &str, input: T, render: impl FnOnce(T) -> String) -> String {
        let Some(record) = self.record else { return render(input) };
        let path = Path::new(self.dir).join(path);
        let digest = record.input_digest(&path, &input);
        let (contents, output) = match record.earlier_output(&path, digest) {
            Some(earlier) => {
                record.reused.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(path);
                earlier
            }
            None => {
                let contents = render(input);
                let output = blake3::hash(contents.as_bytes());
                (contents, output)
            }
        };
        record.remember(digest, output);
        contents
    }

    /// The digest of `value`'s JSON, `value` being what `scope` calls `name` in this run (an API
    /// by its name in its product): made the first time it is asked for, so that the several
    /// files made from one value digest it once. Without a record, nothing is digested.
    pub fn json_digest(&self, scope: &str, name: &str, value: &impl serde::Serialize) -> ValueDigest {
        let Some(record) = self.record else { return ValueDigest(None) };
        let key = (scope.to_owned(), name.to_owned());
        let lock = || record.json_digests.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(digest) = lock().get(&key) {
            return ValueDigest(Some(*digest));
        }
        let digest = self.digest(|digester| digester.json(value));
        if let ValueDigest(Some(digest)) = digest {
            lock().insert(key, digest);
        }
        digest
    }

    /// Names the value that `scope` calls `name` in this run by a digest of its JSON made from
    /// what is at hand (what `feed` gives): [`json_digest`](Self::json_digest) then gives it
    /// without serializing the value. What `feed` gives must tell every two different values apart
    /// as their JSON does; a name already digested keeps its digest.
    pub fn name_json(&self, scope: &str, name: &str, feed: impl FnOnce(&mut Digester)) {
        let Some(record) = self.record else { return };
        let ValueDigest(Some(digest)) = self.digest(feed) else { return };
        let mut digests = record.json_digests.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        digests.entry((scope.to_owned(), name.to_owned())).or_insert(digest);
    }

    /// A digest of what `feed` gives it, made once to be a piece of several inputs. Without a
    /// record, nothing is digested.
    pub fn digest(&self, feed: impl FnOnce(&mut Digester)) -> ValueDigest {
        if self.record.is_none() {
            return ValueDigest(None);
        }
        let mut digester = Digester::default();
        feed(&mut digester);
        ValueDigest(Some(digester.finish()))
    }

    /// What `make` gives for `input` (named `what`, relative to this dir), or what it gave for the
    /// same input before, kept as JSON. `make` must read nothing but `input`, and `T` must read
    /// back from its JSON as the same value.
    pub fn result<I, T>(&self, what: &str, input: &I, make: impl FnOnce(&I) -> T) -> T
    where
        I: RenderInput + ?Sized,
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        self.result_and_digest(what, input, make).0
    }

    /// [`result`](Self::result), and the digest of its JSON (the text it is kept as, digested as
    /// [`json_digest`](Self::json_digest) digests a value), without serializing it again.
    pub fn result_and_digest<I, T>(
        &self,
        what: &str,
        input: &I,
        make: impl FnOnce(&I) -> T,
    ) -> (T, ValueDigest)
    where
        I: RenderInput + ?Sized,
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        let Some(record) = self.record else { return (make(input), ValueDigest::NONE) };
        let digest = record.input_digest(&Path::new(self.dir).join(what), input);
        let json_digest = |json: &str| self.digest(|digester| digester.json_text(json));
        let kept = record.kept.get(digest.as_bytes()).and_then(|json| {
            let value = serde_json::from_str::<T>(json).ok()?;
            Some((value, json_digest(json)))
        });
        let now = |json| {
            record
                .results_now
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .insert(*digest.as_bytes(), json)
        };
        match kept {
            Some(kept) => {
                record.results_reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                now(None);
                kept
            }
            None => {
                let value = make(input);
                let json = crate::json_out::to_string(&value).ok();
                let digest = json.as_deref().map_or(ValueDigest::NONE, json_digest);
                now(json);
                (value, digest)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "codegen-reuse-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("out/p")).unwrap();
        dir
    }

    /// Renders `input` into `p/f.rs` through the record in `dir` (as `gen` does: render, write,
    /// save) and says whether the text was reused.
    fn run(dir: &Path, generator: &str, input: &str) -> (String, bool) {
        let record = Record::load(&dir.join("records"), &dir.join("out"), generator.to_owned());
        let text = Reuse::from(&record).in_dir("p").file("f.rs", input, |i| format!("rendered {i}"));
        fs::write(dir.join("out/p/f.rs"), &text).unwrap();
        record.save().unwrap();
        (text, record.reused() == 1)
    }

    #[test]
    fn a_file_is_reused_only_for_the_same_input_generator_and_bytes() {
        let dir = dir();
        assert_eq!(run(&dir, "g1", "a"), ("rendered a".to_owned(), false));
        assert_eq!(run(&dir, "g1", "a"), ("rendered a".to_owned(), true));
        // Another input, then back: the record holds the last run's files only.
        assert_eq!(run(&dir, "g1", "b"), ("rendered b".to_owned(), false));
        assert_eq!(run(&dir, "g1", "a"), ("rendered a".to_owned(), false));
        // Another generator build renders everything again.
        assert_eq!(run(&dir, "g2", "a"), ("rendered a".to_owned(), false));
        // A file edited by hand is rendered again, not kept.
        fs::write(dir.join("out/p/f.rs"), "edited").unwrap();
        assert_eq!(run(&dir, "g2", "a"), ("rendered a".to_owned(), false));
        assert_eq!(run(&dir, "g2", "a"), ("rendered a".to_owned(), true));
        fs::remove_file(dir.join("out/p/f.rs")).unwrap();
        assert_eq!(run(&dir, "g2", "a"), ("rendered a".to_owned(), false));
        // A damaged record is an empty one.
        let records: Vec<PathBuf> = fs::read_dir(dir.join("records"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        assert_eq!(records.len(), 1, "{records:?}");
        fs::write(&records[0], "not a record\nff 00\n").unwrap();
        assert_eq!(run(&dir, "g2", "a"), ("rendered a".to_owned(), false));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_result_is_kept_for_the_same_input_and_generator_only() {
        let dir = dir();
        let result = |generator: &str, input: &str| {
            let record = Record::load(&dir.join("records"), &dir.join("out"), generator.to_owned());
            let value: Vec<String> =
                Reuse::from(&record).result("page.md", input, |i| vec![format!("read {i}")]);
            record.save().unwrap();
            (value, record.results_reused())
        };
        assert_eq!(result("g1", "a"), (vec!["read a".to_owned()], 0));
        assert_eq!(result("g1", "a"), (vec!["read a".to_owned()], 1));
        assert_eq!(result("g1", "b"), (vec!["read b".to_owned()], 0));
        // Only the last run's results are kept.
        assert_eq!(result("g1", "a"), (vec!["read a".to_owned()], 0));
        assert_eq!(result("g2", "a"), (vec!["read a".to_owned()], 0));
        let kept: Vec<PathBuf> = fs::read_dir(dir.join("records"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "results"))
            .collect();
        assert_eq!(kept.len(), 1, "{kept:?}");
        let text = fs::read_to_string(&kept[0]).unwrap();
        assert_eq!(KeptResults::parse(text.clone()).entries.len(), 1, "{text}");
        // A damaged result is made again: cut short, or JSON of another shape in its place.
        fs::write(&kept[0], &text[..text.len() - 3]).unwrap();
        assert_eq!(result("g2", "a"), (vec!["read a".to_owned()], 0));
        assert_eq!(result("g2", "a"), (vec!["read a".to_owned()], 1));
        let text = fs::read_to_string(&kept[0]).unwrap();
        let json = "[\"read a\"]";
        assert!(text.ends_with(&format!(" {}\n{json}\n", json.len())), "{text}");
        fs::write(&kept[0], text.replace(json, "{\"a\": 1}")).unwrap();
        assert_eq!(result("g2", "a"), (vec!["read a".to_owned()], 0));
        assert_eq!(result("g2", "a"), (vec!["read a".to_owned()], 1));
        // A record dir of an earlier build, with a file per result, is replaced.
        fs::remove_file(&kept[0]).unwrap();
        fs::create_dir_all(kept[0].join("x")).unwrap();
        assert_eq!(result("g2", "a"), (vec!["read a".to_owned()], 0));
        assert_eq!(result("g2", "a"), (vec!["read a".to_owned()], 1));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn kept_results_read_back_as_written() {
        let dir = dir();
        let record = Record::load(&dir.join("records"), &dir.join("out"), "g".to_owned());
        let inputs = ["", "a", "line\nbreaks\n", "ünïcode 类型"];
        for input in inputs {
            let _: String = Reuse::from(&record).result("p.md", input, |i| i.to_owned());
        }
        record.save().unwrap();
        let record = Record::load(&dir.join("records"), &dir.join("out"), "g".to_owned());
        for input in inputs {
            let value: String = Reuse::from(&record).result("p.md", input, |_| "made".to_owned());
            assert_eq!(value, input);
        }
        assert_eq!(record.results_reused(), inputs.len());
        // Nothing new and nothing dropped: the file is left as it is.
        let file = record.results.clone();
        let before = fs::read_to_string(&file).unwrap();
        fs::write(&file, before.replace("# `cargo", "#`cargo")).unwrap();
        record.save().unwrap();
        assert!(KeptResults::parse(fs::read_to_string(&file).unwrap()).entries.is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn written_bytes_are_compared_in_pieces_to_the_whole() {
        let pieces = |pieces: &'static [&'static str]| {
            move |out: &mut dyn io::Write| pieces.iter().try_for_each(|p| out.write_all(p.as_bytes()))
        };
        assert!(writes_exactly(b"abcdef", pieces(&["ab", "", "cde", "f"])));
        assert!(writes_exactly(b"", pieces(&[])));
        assert!(!writes_exactly(b"abcdef", pieces(&["ab", "cde"])), "shorter");
        assert!(!writes_exactly(b"abcdef", pieces(&["ab", "cdef", "g"])), "longer");
        assert!(!writes_exactly(b"abcdef", pieces(&["ab", "cxe", "f"])), "other bytes");
        assert!(!writes_exactly(b"ab", |_: &mut dyn io::Write| Err(io::Error::other("failed"))));
    }

    #[test]
    fn a_result_comes_with_the_digest_of_its_json_made_or_kept() {
        let dir = dir();
        let digests = |input: &str| {
            let record = Record::load(&dir.join("records"), &dir.join("out"), "g".to_owned());
            let reuse = Reuse::from(&record);
            let (value, digest): (Vec<String>, _) =
                reuse.result_and_digest("p.md", input, |i| vec![format!("read {i}"), "\"é\n".to_owned()]);
            record.save().unwrap();
            (digest, reuse.digest(|digester| digester.json(&value)), record.results_reused())
        };
        let (made, of_value, reused) = digests("a");
        assert_eq!((made, reused), (of_value, 0));
        let (kept, _, reused) = digests("a");
        assert_eq!((kept, reused), (made, 1));
        assert_ne!(digests("b").0, made);
        assert_eq!(Reuse::NEVER.result_and_digest("p.md", "a", |i| i.len()), (1, ValueDigest::NONE));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_value_named_by_its_json_made_elsewhere_is_not_digested_again() {
        let dir = dir();
        let record = Record::load(&dir.join("records"), &dir.join("out"), "g".to_owned());
        let reuse = Reuse::from(&record);
        reuse.name_json("p", "A", |digester| digester.json_text("[1]"));
        assert_eq!(reuse.json_digest("p", "A", &[2]), reuse.digest(|digester| digester.json(&[1])));
        assert_eq!(reuse.json_digest("p", "B", &[2]), reuse.digest(|digester| digester.json(&[2])));
        // A name digested first keeps its digest.
        reuse.name_json("p", "B", |digester| digester.json_text("[3]"));
        assert_eq!(reuse.json_digest("p", "B", &[3]), reuse.digest(|digester| digester.json(&[2])));
        Reuse::NEVER.name_json("p", "C", |_| panic!("nothing is digested without a record"));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn never_renders_every_time() {
        let text = Reuse::NEVER.in_dir("p").file("f.rs", "a", |i| format!("rendered {i}"));
        assert_eq!(text, "rendered a");
    }
}
