//! Figures about the shape of the source tree, read with a Rust parser: file
//! lengths, function lengths, which modules of a folder name each other, and
//! kind ids written as string literals outside the catalog.
//!
//! `tests/tests/structure.rs` holds the limits (500 lines a file, 80 lines a
//! function, no import circle in the simulator) against these figures, and
//! prints them; `scripts/structure.sh` prints them alone.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use syn::spanned::Spanned;
use syn::visit::{self, Visit};

/// One function and its length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    /// File, relative to the workspace root.
    pub file: String,
    /// `name` or `Type::name`.
    pub name: String,
    /// Lines from its signature to its closing brace.
    pub lines: usize,
}

/// What was measured in one source file.
#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    /// File, relative to the workspace root.
    pub file: String,
    /// Its module path below the crate root, e.g. `sim::edge::cache`.
    pub module: String,
    /// Its length in lines.
    pub lines: usize,
    /// Its functions outside test modules.
    pub functions: Vec<Function>,
    /// Modules its code names through `use`, `super::` or `crate::` paths
    /// (outside test modules), as module paths below the crate root.
    pub names: BTreeSet<String>,
    /// String literals outside test modules that equal a kind id.
    pub kind_literals: usize,
    /// Types given inherent `impl` blocks outside test modules, by their
    /// last path segment (`Engine` for `impl super::Engine`).
    pub impls: BTreeSet<String>,
}

/// An error reading or parsing a source file.
#[derive(Debug)]
pub struct StructureError(pub String);

impl std::fmt::Display for StructureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StructureError {}

/// Measures every `.rs` file under `src_dir` (a crate's `src`), with module
/// paths relative to that crate root. `root` is the workspace root that file
/// names are given relative to; `kind_ids` are the strings counted as kind
/// literals.
pub fn measure(
    root: &Path,
    src_dir: &Path,
    kind_ids: &[&str],
) -> Result<Vec<FileFacts>, StructureError> {
    let mut out = Vec::new();
    for path in rust_files(src_dir)? {
        let text = fs::read_to_string(&path)
            .map_err(|e| StructureError(format!("{}: {e}", path.display())))?;
        let ast = syn::parse_file(&text)
            .map_err(|e| StructureError(format!("{}: {e}", path.display())))?;
        let module = module_of(src_dir, &path);
        let file = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        let mut v = Visitor {
            file: file.clone(),
            module: module.clone(),
            kind_ids,
            impl_type: None,
            facts: FileFacts {
                file,
                module,
                lines: text.lines().count(),
                ..FileFacts::default()
            },
        };
        v.visit_file(&ast);
        out.push(v.facts);
    }
    out.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(out)
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, StructureError> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let entries =
            fs::read_dir(&d).map_err(|e| StructureError(format!("{}: {e}", d.display())))?;
        for e in entries {
            let p = e
                .map_err(|e| StructureError(format!("{}: {e}", d.display())))?
                .path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// `src/sim/edge/cache.rs` → `sim::edge::cache`; `src/sim.rs` → `sim`;
/// `src/lib.rs` → the empty path.
fn module_of(src_dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(src_dir).unwrap_or(path);
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("lib" | "main" | "mod")
    ) {
        parts.pop();
    }
    parts.join("::")
}

struct Visitor<'a> {
    file: String,
    module: String,
    kind_ids: &'a [&'a str],
    impl_type: Option<String>,
    facts: FileFacts,
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Meta>()
                .is_ok_and(|m| m.path().is_ident("test"))
    })
}

fn span_lines(s: proc_macro2::Span) -> usize {
    s.end().line.saturating_sub(s.start().line) + 1
}

impl Visitor<'_> {
    fn function(&mut self, name: String, lines: usize) {
        self.facts.functions.push(Function {
            file: self.file.clone(),
            name,
            lines,
        });
    }

    /// Records the module a path names, resolved from this file's module.
    fn path(&mut self, segments: &[String]) {
        let mut base: Vec<String> = if self.module.is_empty() {
            Vec::new()
        } else {
            self.module.split("::").map(str::to_owned).collect()
        };
        let mut rest = segments;
        match rest.first().map(String::as_str) {
            Some("crate") => {
                base.clear();
                rest = &rest[1..];
            }
            Some("super") => {
                while rest.first().map(String::as_str) == Some("super") {
                    base.pop();
                    rest = &rest[1..];
                }
            }
            Some("self") => rest = &rest[1..],
            // A path from a name in scope: a child module when the name is
            // one (`use engine::Engine` in `sim`), else a path through an
            // import already counted, which resolves to this file itself.
            Some(_) if rest.len() > 1 => {}
            _ => return,
        }
        let mut target = base;
        target.extend(rest.iter().cloned());
        self.facts.names.insert(target.join("::"));
    }
}

fn use_paths(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_paths(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let mut v = prefix.clone();
            v.push(n.ident.to_string());
            out.push(v);
        }
        syn::UseTree::Rename(r) => {
            let mut v = prefix.clone();
            v.push(r.ident.to_string());
            out.push(v);
        }
        syn::UseTree::Glob(_) => out.push(prefix.clone()),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                use_paths(t, prefix, out);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Visitor<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !is_cfg_test(&m.attrs) {
            visit::visit_item_mod(self, m);
        }
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if is_cfg_test(&f.attrs) {
            return;
        }
        self.function(f.sig.ident.to_string(), span_lines(f.span()));
        visit::visit_item_fn(self, f);
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        if is_cfg_test(&i.attrs) {
            return;
        }
        let ty = match &*i.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        if i.trait_.is_none()
            && let Some(t) = &ty
        {
            self.facts.impls.insert(t.clone());
        }
        let outer = std::mem::replace(&mut self.impl_type, ty);
        visit::visit_item_impl(self, i);
        self.impl_type = outer;
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if is_cfg_test(&f.attrs) {
            return;
        }
        let name = match &self.impl_type {
            Some(t) => format!("{t}::{}", f.sig.ident),
            None => f.sig.ident.to_string(),
        };
        self.function(name, span_lines(f.span()));
        visit::visit_impl_item_fn(self, f);
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let mut paths = Vec::new();
        use_paths(&u.tree, &mut Vec::new(), &mut paths);
        for p in paths {
            self.path(&p);
        }
    }

    fn visit_vis_restricted(&mut self, _: &'ast syn::VisRestricted) {
        // `pub(super)` and `pub(crate)` say who may see an item, not what it uses.
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segs: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        self.path(&segs);
        visit::visit_path(self, p);
    }

    fn visit_lit_str(&mut self, s: &'ast syn::LitStr) {
        if self.kind_ids.contains(&s.value().as_str()) {
            self.facts.kind_literals += 1;
        }
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // Macro bodies (view!, matches!, format!) are token streams: parse
        // their string literals and paths as far as tokens allow.
        scan_tokens(self, m.tokens.clone());
        visit::visit_macro(self, m);
    }
}

/// Counts kind literals and `super::`/`crate::` paths inside macro tokens.
fn scan_tokens(v: &mut Visitor<'_>, tokens: proc_macro2::TokenStream) {
    let mut path: Vec<String> = Vec::new();
    let mut colons = 0;
    let flush = |v: &mut Visitor<'_>, path: &mut Vec<String>| {
        if path.len() > 1 {
            v.path(path);
        }
        path.clear();
    };
    for t in tokens {
        match t {
            proc_macro2::TokenTree::Group(g) => {
                flush(v, &mut path);
                scan_tokens(v, g.stream());
            }
            proc_macro2::TokenTree::Literal(l) => {
                flush(v, &mut path);
                if let Ok(s) = syn::parse_str::<syn::LitStr>(&l.to_string())
                    && v.kind_ids.contains(&s.value().as_str())
                {
                    v.facts.kind_literals += 1;
                }
            }
            proc_macro2::TokenTree::Ident(i) => {
                if path.is_empty() || colons == 2 {
                    path.push(i.to_string());
                } else {
                    flush(v, &mut path);
                    path.push(i.to_string());
                }
                colons = 0;
            }
            proc_macro2::TokenTree::Punct(p) if p.as_char() == ':' => colons += 1,
            proc_macro2::TokenTree::Punct(_) => {
                flush(v, &mut path);
                colons = 0;
            }
        }
    }
    flush(v, &mut path);
}

/// The file-level graph of the modules under `prefix` (e.g. `sim`): for each
/// module, the other modules under `prefix` it names. A name of `a::b::c`
/// counts for the longest measured module it starts with.
#[must_use]
pub fn module_graph(files: &[FileFacts], prefix: &str) -> BTreeMap<String, BTreeSet<String>> {
    let inside = |m: &str| m == prefix || m.starts_with(&format!("{prefix}::"));
    let modules: BTreeSet<&str> = files
        .iter()
        .map(|f| f.module.as_str())
        .filter(|m| inside(m))
        .collect();
    let mut graph = BTreeMap::new();
    for f in files.iter().filter(|f| inside(&f.module)) {
        let mut to = BTreeSet::new();
        for name in &f.names {
            let mut cand = name.as_str();
            loop {
                if modules.contains(cand) {
                    if cand != f.module {
                        to.insert(cand.to_owned());
                    }
                    break;
                }
                match cand.rfind("::") {
                    Some(i) => cand = &cand[..i],
                    None => break,
                }
            }
        }
        graph.insert(f.module.clone(), to);
    }
    graph
}

/// The graph without module `m` and the edges to it (the folder's own
/// `sim.rs`, say, when only the files inside `sim/` count).
#[must_use]
pub fn without(
    mut graph: BTreeMap<String, BTreeSet<String>>,
    m: &str,
) -> BTreeMap<String, BTreeSet<String>> {
    graph.remove(m);
    for tos in graph.values_mut() {
        tos.remove(m);
    }
    graph
}

/// Pairs of modules that name each other, each pair once.
#[must_use]
pub fn mutual_pairs(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (a, tos) in graph {
        for b in tos {
            if a < b && graph.get(b).is_some_and(|t| t.contains(a)) {
                out.push((a.clone(), b.clone()));
            }
        }
    }
    out
}

/// The circles of the graph: its strongly connected components of more
/// than one module, largest first.
#[must_use]
pub fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Reachability by repeated search: the graphs here have tens of nodes.
    let reach = |from: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_owned()];
        while let Some(n) = todo.pop() {
            for m in graph.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    todo.push(m.clone());
                }
            }
        }
        seen
    };
    let all: BTreeMap<&String, BTreeSet<String>> = graph.keys().map(|k| (k, reach(k))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for a in graph.keys() {
        if done.contains(a) {
            continue;
        }
        let mut comp = vec![a.clone()];
        for b in graph.keys() {
            if a != b && all[a].contains(b) && all[b].contains(a) {
                comp.push(b.clone());
            }
        }
        for m in &comp {
            done.insert(m.clone());
        }
        if comp.len() > 1 {
            out.push(comp);
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.len()));
    out
}
