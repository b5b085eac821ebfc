//! Where things are: the repository, the built page, the failure artifacts.

use std::path::{Path, PathBuf};

use crate::error::{HarnessError, Result};

/// Environment variable that points the harness at another built page directory.
pub const DIST_ENV: &str = "SKYDRAFT_DIST";

/// The repository root (the parent of this crate's directory).
#[must_use]
pub fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The built page directory: `$SKYDRAFT_DIST` if set, else `<repo>/dist`.
///
/// # Errors
/// [`HarnessError::DistMissing`] when the directory has no `index.html`, with the
/// command that builds it.
pub fn dist_dir() -> Result<PathBuf> {
    let dir = std::env::var_os(DIST_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("dist"));
    check_dist(dir)
}

/// `dir` if it holds a built page (an `index.html`).
///
/// # Errors
/// [`HarnessError::DistMissing`] otherwise.
pub fn check_dist(dir: PathBuf) -> Result<PathBuf> {
    if dir.join("index.html").is_file() {
        Ok(dir)
    } else {
        Err(HarnessError::DistMissing { path: dir })
    }
}

/// Where screenshots and DOM dumps of failing tests go (`<repo>/tests/artifacts`, git-ignored).
#[must_use]
pub fn artifacts_dir() -> PathBuf {
    repo_root().join("tests").join("artifacts")
}

/// The fixture directory of this crate (`tests/fixtures`).
#[must_use]
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A program path taken from `env` if set, else `default`; fails loudly if it is not a file.
///
/// # Errors
/// [`HarnessError::ToolMissing`] naming the package that provides it.
pub fn tool(tool: &'static str, env: &'static str, default: &str) -> Result<PathBuf> {
    let path = std::env::var_os(env)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    check_tool(tool, env, path)
}

/// `path` if it is a file, else [`HarnessError::ToolMissing`] for `tool`.
///
/// # Errors
/// [`HarnessError::ToolMissing`] naming the package that provides it.
pub fn check_tool(tool: &'static str, env: &'static str, path: PathBuf) -> Result<PathBuf> {
    if path.is_file() {
        Ok(path)
    } else {
        Err(HarnessError::ToolMissing { tool, path, env })
    }
}

/// A file-system-safe version of a test name (`browser::editor::drag` → `browser__editor__drag`).
#[must_use]
pub fn artifact_stem(test_name: &str) -> String {
    test_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_file_safe() {
        assert_eq!(artifact_stem("a::b c/d"), "a__b_c_d");
    }

    #[test]
    fn a_missing_page_names_the_build_command() {
        let err = check_dist(PathBuf::from("/nonexistent/dist")).unwrap_err();
        assert!(err.to_string().contains("trunk build --release"), "{err}");
    }

    #[test]
    fn a_missing_tool_names_the_package() {
        let err = check_tool(
            "chromedriver",
            "CHROMEDRIVER",
            PathBuf::from("/nonexistent/cd"),
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("chromium-driver") && msg.contains("CHROMEDRIVER"),
            "{msg}"
        );
    }

    #[test]
    fn repo_root_holds_the_workspace_manifest() {
        assert!(repo_root().join("Cargo.toml").is_file());
        assert!(repo_root().join("tests").join("Cargo.toml").is_file());
    }
}
